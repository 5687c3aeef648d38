package callback

import "sync"

// A scheduler checks its snapshot in parallel through its framework,
// an interface the package's framework alone implements: the literal's
// call, which passes nothing of the piece it runs for, reaches every
// plugin's Filter, and the concurrent calls share them all.
type FilterPlugin interface {
	Filter(snapshot []string) bool
}

type Framework interface {
	RunFilterPlugins() bool
}

type framework struct {
	snapshot      []string
	filterPlugins []FilterPlugin
}

func (f *framework) RunFilterPlugins() bool {
	for _, pl := range f.filterPlugins {
		if !pl.Filter(f.snapshot) {
			return false
		}
	}
	return true
}

// nodeAffinity counts its calls without a lock.
type nodeAffinity struct {
	calls int
}

func (p *nodeAffinity) Filter(snapshot []string) bool {
	p.calls++ // want `s.fwk.filterPlugins\[i\].calls written without a lock by the call at plugins.go:\d+ in a function literal that callback.parallelize runs in concurrent goroutines`
	return len(snapshot) > 0
}

type scheduler struct {
	fwk      Framework
	nodes    []string
	feasible []bool
}

func (s *scheduler) findNodesThatFit() {
	s.feasible = make([]bool, len(s.nodes))
	parallelize(len(s.nodes), func(i int) {
		s.feasible[i] = s.fwk.RunFilterPlugins()
	})
}

// A lockedScheduler's framework counts under its mutex.
type LockedFramework interface {
	Score(node string) int
}

type lockedFramework struct {
	mu     sync.Mutex
	scored map[string]int
}

func (f *lockedFramework) Score(node string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scored[node]++
	return len(node)
}

type lockedScheduler struct {
	fwk    LockedFramework
	nodes  []string
	scores []int
}

func (s *lockedScheduler) scoreNodes() {
	s.scores = make([]int, len(s.nodes))
	parallelize(len(s.nodes), func(i int) {
		s.scores[i] = s.fwk.Score(s.nodes[i])
	})
}
