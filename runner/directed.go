package runner

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/directed"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

// directedRuns is what the directed phase leaves for the report: the plan
// and, per directed run, the sites it reached.
type directedRuns struct {
	plan *directed.Plan
	mu   sync.Mutex
	hit  map[string]map[int]bool // run ID -> sites reached
}

// runDirected rebuilds every target from rewritten copies that delay
// before the candidate sites (see runner/directed) and runs each
// opts.Directed times, run k with seed opts.Seed+k at the k-th
// GOMAXPROCS value, cycling. Races land in st like any run's.
func (st *state) runDirected(ctx context.Context, g exec.Go, opts Options, targets []target, fnds []findings.Finding, tmp string) (*directedRuns, error) {
	pkgs, err := directed.Load(opts.Dir, opts.Env, opts.Tags, opts.Patterns)
	if err != nil {
		return nil, err
	}
	dr := &directedRuns{plan: directed.NewPlan(pkgs, fnds), hit: make(map[string]map[int]bool)}
	if len(dr.plan.Sites) == 0 || len(targets) == 0 {
		return dr, nil
	}
	dir, err := directed.OverlayDir(dr.plan)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ov, err := directed.WriteOverlay(dir, dr.plan)
	if err != nil {
		return nil, err
	}
	g.Overlay = ov
	var jobs []job
	for i, t := range targets {
		bin := filepath.Join(tmp, fmt.Sprintf("directed%d.test", i))
		if err := g.BuildTest(ctx, t.pkg.ImportPath, nil, bin); err != nil {
			return nil, fmt.Errorf("directed schedules: building from the rewritten sources (a racecheck bug, please report it): %w", err)
		}
		for k := range opts.Directed {
			jobs = append(jobs, job{target: target{pkg: t.pkg, binary: bin}, gomaxprocs: opts.CPU[k%len(opts.CPU)],
				rep: k + 1, seed: opts.Seed + uint64(k), directed: true})
		}
	}
	st.dr = dr
	base := st.total
	st.addTotal(len(jobs))
	eg, ctx := errgroup.WithContext(ctx)
	eg.SetLimit(opts.Parallel)
	for i, j := range jobs {
		j.n = base + i // distinct from the plain runs' numbers
		eg.Go(func() error { return st.runOne(ctx, g, opts, j, tmp) })
	}
	return dr, eg.Wait()
}

// directedExec adds what the directed runs know to a finding's
// execution: its site reached in a directed run means it executed. With
// no plain run (no coverage) nothing else is known.
func (st *state) directedExec(i int, e *correlate.Exec) {
	if st.dr == nil {
		return
	}
	plain := false
	for _, ri := range st.runs {
		plain = plain || !ri.Directed
	}
	if !plain {
		e.Known = st.dr.plan.FindingSite[i] >= 0
	}
	st.directedHit(i, e)
}

// directedHit marks a finding executed when a directed run reached its
// site.
func (st *state) directedHit(i int, e *correlate.Exec) {
	if st.dr == nil {
		return
	}
	site := st.dr.plan.FindingSite[i]
	for _, sites := range st.dr.hit {
		if site >= 0 && sites[site] {
			e.Known, e.Executed = true, true
		}
	}
}

// directedEnv returns the environment of a directed run.
func directedEnv(opts Options, j job, runDir string) []string {
	env := baseEnv(opts.Env)
	return append(env, directed.SeedEnv+"="+strconv.FormatUint(j.seed, 10), directed.LogEnv+"="+filepath.Join(runDir, "sites"))
}

func baseEnv(env []string) []string {
	if env == nil {
		env = os.Environ()
	}
	return append([]string(nil), env...)
}

// record reads the sites a directed run reached from its log.
func (dr *directedRuns) record(runID, runDir string) {
	sites := make(map[int]bool)
	if f, err := os.Open(filepath.Join(runDir, "sites")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if id, err := strconv.Atoi(sc.Text()); err == nil {
				sites[id] = true
			}
		}
		f.Close()
	}
	dr.mu.Lock()
	dr.hit[runID] = sites
	dr.mu.Unlock()
}

// runsOf counts the directed runs of a package.
func (dr *directedRuns) runsOf(st *state, pkg string) int {
	n := 0
	for _, ri := range st.runs {
		if ri.Directed && ri.Package == pkg {
			n++
		}
	}
	return n
}

// report gives every finding its verdict under directed schedules.
func (dr *directedRuns) report(st *state, opts Options, out *report.Run) *report.Directed {
	d := &report.Directed{Runs: opts.Directed, Seed: opts.Seed}
	for _, s := range dr.plan.Sites {
		switch s.Kind {
		case directed.KindFinding:
			d.Sites.Finding++
		case directed.KindGoroutine:
			d.Sites.Goroutine++
		default:
			d.Sites.AfterGo++
		}
	}
	// raceRuns maps each race ID to the directed runs that showed it.
	raceRuns := make(map[string]map[string]bool)
	for _, o := range st.obs {
		if _, ok := dr.hit[o.Run]; ok {
			id := st.mod.ID(o.Report)
			if raceRuns[id] == nil {
				raceRuns[id] = make(map[string]bool)
			}
			raceRuns[id][o.Run] = true
		}
	}
	for _, rc := range out.Races {
		if n := len(raceRuns[rc.ID]); n > 0 {
			d.Races = append(d.Races, report.DirectedRace{ID: rc.ID, Runs: n, Total: dr.runsOf(st, rc.Package)})
		}
	}
	for i, f := range out.Findings {
		df := report.DirectedFinding{Finding: i, Verdict: report.DirectedNotInstrumented}
		site := dr.plan.FindingSite[i]
		observed := make(map[string]bool)
		for _, id := range f.Races {
			for run := range raceRuns[id] {
				observed[run] = true
			}
		}
		for run, sites := range dr.hit {
			if sites[site] || observed[run] {
				df.Executed++
			}
		}
		df.Observed = len(observed)
		switch {
		case df.Observed > 0:
			df.Verdict = report.DirectedConfirmed
		case site < 0:
		case df.Executed > 0:
			df.Verdict = report.DirectedNeverObserved
		default:
			df.Verdict = report.DirectedNotExecuted
		}
		d.Findings = append(d.Findings, df)
	}
	return d
}
