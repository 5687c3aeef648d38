package race

import (
	"cmp"
	"flag"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
	"github.com/racecheck/racecheck/analyzer/internal/posorder"
	"github.com/racecheck/racecheck/analyzer/internal/safe"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
)

const doc = `report unsynchronized accesses shared between goroutines

For each function that starts goroutines (go statements, sync.WaitGroup.Go,
errgroup.Group.Go, time.AfterFunc, parallel subtests, testing.B.RunParallel),
race collects the memory accesses of the new goroutine, including those of
the same-package functions it calls, and of the code of the parent that may
run at the same time: after the spawn and before the join (WaitGroup.Wait,
a receive from a channel the goroutine sends on or closes, errgroup Wait).
Two accesses to the same variable, field, map or constant slice index race
when at least one writes, they may run in parallel, no common mutex is held
(a read lock only excludes writers) and neither is atomic. Goroutines
started in a loop race with each other on variables declared outside it.
Synchronization inside imported packages' functions is known from facts.
It also reports misused synchronization the same model shows: a
goroutine of a test that logs to the test (t.Log, t.Error) when nothing
waits for it before the test returns (the testing package panics), t.Fatal
and t.Skip from a goroutine other than the test's where go vet does not
see them, and sync.WaitGroup.Add in a goroutine that may run while the
code running with it waits on the same WaitGroup.`

// Analyzer reports data races between goroutines.
var Analyzer = &analysis.Analyzer{
	Name:      "race",
	Doc:       doc,
	URL:       "https://github.com/racecheck/racecheck/blob/main/docs/checks.md",
	Flags:     flags(),
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, suppress.Analyzer},
	FactTypes: []analysis.Fact{new(SyncSummary)},
	Run:       safe.Run(run),
}

// defaultDepth is how many levels of same-package calls a goroutine's
// accesses are followed through.
const defaultDepth = 3

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("race", flag.ExitOnError)
	d := depth(defaultDepth)
	fs.Var(&d, "depth", "follow `n` levels of same-package calls from a goroutine (0 = its own body only)")
	suppress.Register(fs)
	return *fs
}

// depth is the value of -race.depth: a number of levels, checked when
// the flag is set so that a negative value is a usage error, as a bad
// -spawn.maxpool is.
type depth int

// String implements flag.Value.
func (d *depth) String() string { return strconv.Itoa(int(*d)) }

// Get implements flag.Getter; depthFlag reads the value through it.
func (d *depth) Get() any { return int(*d) }

// Set implements flag.Value, rejecting negative depths.
func (d *depth) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return fmt.Errorf("want a number of call levels, 0 or more, got %q", s)
	}
	*d = depth(n)
	return nil
}

// depthFlag reads the -race.depth flag of the analyzer running pass.
func depthFlag(pass *analysis.Pass) int {
	if f := pass.Analyzer.Flags.Lookup("depth"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if d, ok := g.Get().(int); ok && d >= 0 {
				return d
			}
		}
	}
	return defaultDepth
}

// checker holds the state of one pass.
type checker struct {
	pass     *analysis.Pass
	out      *suppress.Reporter
	model    *model.Model
	reported map[reportKey]bool
	loopVars map[token.Pos]bool              // computed on first use
	pairs    []racePair                      // found in the current function
	imported map[*types.Package]*SyncSummary // direct imports' facts, nil when none
	bgMemo   map[spawnKey][]*model.Spawn     // goroutines a function leaves running
	sites    map[siteKey]bool                // reported write positions and paths
	// testReported and addReported hold the positions reported by
	// testgoroutine.go and waitgroup.go, whichever frame found them.
	testReported, addReported map[token.Pos]bool
	// viaCallee is set while checking goroutines started in callees.
	viaCallee bool
	order     *posorder.Order // source order across the package's files
}

// A siteKey is a reported write: its position and path, whatever frame
// its location was expressed in.
type siteKey struct {
	pos  token.Pos
	path string
}

type reportKey struct {
	loc string
	pos token.Pos
}

func run(pass *analysis.Pass) (any, error) {
	c, ssainfo := newChecker(pass)
	// The facts come first, from a model no search has queried yet:
	// summaries of mutually recursive functions depend on which one is
	// asked for first, and runFacts must export the same facts.
	c.exportSyncFacts(ssainfo.SrcFuncs)
	c.out = suppress.New(pass)
	defer c.out.Finish()
	for _, fn := range ssainfo.SrcFuncs {
		c.checkFunction(fn, model.Spawns(fn))
	}
	// Goroutines that callees leave running come second, so that a race
	// the function starting them reports itself is not reported again
	// from each caller.
	c.viaCallee = true
	for _, fn := range ssainfo.SrcFuncs {
		c.checkFunction(fn, c.calleeSpawns(fn))
	}
	return nil, nil
}

// newChecker returns the checker of a pass, without its reporter, and
// the package's SSA.
func newChecker(pass *analysis.Pass) (*checker, *buildssa.SSA) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:     pass,
		model:    model.New(ssainfo.Pkg, depthFlag(pass)),
		reported: make(map[reportKey]bool),
		imported: make(map[*types.Package]*SyncSummary),
		bgMemo:   make(map[spawnKey][]*model.Spawn),
		sites:    make(map[siteKey]bool),

		testReported: make(map[token.Pos]bool),
		addReported:  make(map[token.Pos]bool),
		order:        posorder.New(pass.Fset, pass.Files),
	}
	c.model.External = c.externalSync
	c.model.Devirtualize = true
	c.model.DeferredLocal = true
	c.model.Funcs = ssainfo.SrcFuncs
	return c, ssainfo
}

// checkFunction reports the races between the goroutines fn starts and
// between them and fn itself.
func (c *checker) checkFunction(fn *ssa.Function, spawns []*model.Spawn) {
	if len(spawns) == 0 {
		return
	}
	parent := c.model.Summary(fn)
	frame := model.NewFrame(fn)
	var gs []*goroutine
	for _, s := range spawns {
		gs = append(gs, c.withNested(c.newGoroutine(s, parent, frame)))
	}
	var direct []*goroutine // fn's own goroutines, beside those its callees start
	if c.viaCallee {
		for _, s := range model.Spawns(fn) {
			direct = append(direct, c.withNested(c.newGoroutine(s, parent, frame)))
		}
	}
	c.pairs = c.pairs[:0]
	for i, g := range gs {
		c.checkParent(g, parent)
		c.checkTestCalls(g, fn, parent)
		c.checkAdds(g, parent)
		if c.viaCallee {
			// The callee's own goroutines were checked where it starts
			// them; what is new here is the goroutines fn starts itself.
			for _, h := range direct {
				c.checkPair(g, h)
			}
			continue
		}
		c.checkInstances(g)
		for _, h := range gs[i+1:] {
			c.checkPair(g, h)
		}
	}
	c.reportPairs()
}

// reportPairs reports the pairs found in one function in a deterministic
// order, preferring for each write the most telling other access: one at
// another position, then the earliest.
func (c *checker) reportPairs() {
	slices.SortStableFunc(c.pairs, func(x, y racePair) int {
		return cmp.Or(
			c.order.Compare(x.a.Pos, y.a.Pos),
			cmp.Compare(x.a.Loc.Path, y.a.Loc.Path),
			boolRank(x.b.Pos == x.a.Pos)-boolRank(y.b.Pos == y.a.Pos),
			c.order.Compare(x.b.Pos, y.b.Pos),
		)
	})
	for _, p := range c.pairs {
		c.report(p)
	}
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
