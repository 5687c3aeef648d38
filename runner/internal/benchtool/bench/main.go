// Command bench is racecheck's benchmark harness, run by .ci/bench. In
// one run it alternates the compared commands -reps times and reports the
// medians and their ratios, as Markdown:
//
//   - vet: go vet -vettool=racecheck against plain go vet, both forced to
//     re-run by a -toolexec wrapper that gives the vet tool a fresh ID;
//   - standalone: racecheck against the SSA floor (the same driver with
//     an analyzer that only builds SSA), the full-graph driver driver.Run,
//     and staticcheck from a cold cache if -staticcheck is given;
//   - cache: racecheck's result cache on one module: first run, second
//     run, run after a leaf edit (see cache.go);
//   - synth: racecheck and the floor on generated modules of growing
//     size, per thousand lines, and the facts the suite exports.
//
// Every command runs under /usr/bin/time for wall, CPU and peak RSS.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	if err := run(os.Args[1:]); err != nil {
		log.Fatal(err)
	}
}

// config is the parsed command line.
type config struct {
	reps            int
	only            map[string]bool
	corpora         []corpus
	synthSizes      []int
	synthReps       int // reps for sizes above 100k lines
	staticcheck     string
	staticcheckReps int
	vetFloor        bool          // also run go vet with the SSA floor as vet tool
	vetBase         string        // also run go vet with this vet tool (another racecheck build)
	cacheModule     string        // module of the cache group
	cacheLeaf       string        // file the cache group edits, relative to cacheModule
	cacheBase       string        // in the cache group, also run this racecheck (another build) in process
	timeout         time.Duration // limit of one run
	work            string
	out             io.Writer
}

// corpus is a set of packages benchmarked in vet and standalone mode.
type corpus struct{ name, pattern string }

func run(args []string) error {
	cfg, cleanup, err := parseFlags(args)
	if err != nil {
		return err
	}
	defer cleanup()
	if _, err := os.Stat(timeBin); err != nil {
		return fmt.Errorf("%s is missing: install it (apt-get install time)", timeBin)
	}
	b := &bench{cfg: cfg, stamp: int(time.Now().Unix() % 100000 * 100)}
	if err := b.build(); err != nil {
		return err
	}
	b.header()
	for _, c := range cfg.corpora {
		if err := b.warm(c); err != nil {
			return err
		}
		if cfg.only["vet"] {
			if err := b.vet(c); err != nil {
				return err
			}
		}
		if cfg.only["standalone"] {
			b.standalone(c)
		}
	}
	if cfg.only["cache"] {
		if err := b.cache(); err != nil {
			return err
		}
	}
	if cfg.only["synth"] {
		return b.synth()
	}
	return nil
}

func parseFlags(args []string) (*config, func(), error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	reps := fs.Int("reps", 3, "runs of each command (medians are reported)")
	only := fs.String("only", "vet,standalone,cache,synth", "comma-separated groups to run: vet, standalone, cache, synth")
	cacheModule := fs.String("cache-module", ".", "module directory of the cache group")
	cacheLeaf := fs.String("cache-leaf", "runner/findings/findings.go", "file the cache group edits, relative to -cache-module (restored afterwards)")
	corpora := fs.String("corpora", "std=std,x/tools=golang.org/x/tools/go/...", "comma-separated NAME=PATTERN package sets")
	sizes := fs.String("synth", "10000,100000,1000000", "comma-separated synthetic module sizes in lines")
	synthReps := fs.Int("synth-reps-large", 1, "runs of each command for synthetic modules over 100k lines")
	sc := fs.String("staticcheck", "", "path of a staticcheck binary to compare with (empty = skip)")
	timeout := fs.Duration("timeout", 15*time.Minute, "kill a run that takes longer and report it as failed")
	vetFloor := fs.Bool("vet-floor", true, "in the vet group, also run go vet -vettool=SSA floor")
	cacheBase := fs.String("cache-base", "", "in the cache group, also run `path` ./..., a racecheck built from another commit, without its cache, alternated with the first runs")
	vetBase := fs.String("vet-base", "", "in the vet group, also run go vet -vettool=`path`, a racecheck built from another commit (the file must be named racecheck), alternated with the others")
	scReps := fs.Int("staticcheck-reps", 0, "runs of staticcheck, if fewer than -reps (0 = -reps)")
	work := fs.String("work", "", "directory for binaries and generated modules (default: a temporary one, removed)")
	out := fs.String("o", "", "also write the report to this file")
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	cfg := &config{reps: max(1, *reps), only: make(map[string]bool), synthReps: max(1, *synthReps), staticcheck: *sc, staticcheckReps: *scReps, vetFloor: *vetFloor, vetBase: *vetBase, cacheModule: *cacheModule, cacheLeaf: *cacheLeaf, cacheBase: *cacheBase, timeout: *timeout, out: os.Stdout}
	for _, g := range strings.Split(*only, ",") {
		cfg.only[strings.TrimSpace(g)] = true
	}
	for _, c := range strings.Split(*corpora, ",") {
		name, pattern, ok := strings.Cut(c, "=")
		if !ok {
			return nil, nil, fmt.Errorf("bad -corpora entry %q: want NAME=PATTERN", c)
		}
		cfg.corpora = append(cfg.corpora, corpus{name, pattern})
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return nil, nil, fmt.Errorf("bad -synth size %q: want a positive number of lines", s)
		}
		cfg.synthSizes = append(cfg.synthSizes, n)
	}
	cleanup := func() {}
	if *work == "" {
		dir, err := os.MkdirTemp("", "racecheck-bench-")
		if err != nil {
			return nil, nil, fmt.Errorf("creating work directory: %w", err)
		}
		*work = dir
		cleanup = func() { os.RemoveAll(dir) }
	}
	cfg.work = *work
	var files []*os.File
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("creating report: %w", err)
		}
		files = append(files, f)
		cfg.out = io.MultiWriter(os.Stdout, f)
	}
	return cfg, func() {
		for _, f := range files {
			f.Close()
		}
		cleanup()
	}, nil
}

// bench carries the state of one harness run.
type bench struct {
	cfg       *config
	racecheck string // built binaries
	driver    string
	stamp     int // base of the tags that force vet re-runs, and of cache names
}

func (b *bench) printf(format string, args ...any) { fmt.Fprintf(b.cfg.out, format, args...) }

// build compiles racecheck and the benchmark driver from the module in
// the current directory.
func (b *bench) build() error {
	b.racecheck = filepath.Join(b.cfg.work, "racecheck")
	b.driver = filepath.Join(b.cfg.work, "driver")
	for bin, pkg := range map[string]string{b.racecheck: "./cmd/racecheck", b.driver: "./runner/internal/benchtool/driver"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", pkg, err, out)
		}
	}
	return nil
}

// warm fills the build cache with the export data go vet and staticcheck
// read, so that no measured run compiles.
func (b *bench) warm(c corpus) error {
	cmd := exec.Command("go", "list", "-export", "-deps", "-test", c.pattern)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("warming the build cache for %s: %v\n%s", c.pattern, err, out)
	}
	return nil
}

// header prints the machine and the date.
func (b *bench) header() {
	b.printf("## Run of %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	b.printf("- machine: %s\n", machine())
	b.printf("- go: %s\n", strings.TrimSpace(output("go", "version")))
	if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		b.printf("- load average at start (the machine may be shared): %s\n", strings.Join(strings.Fields(string(load))[:3], " "))
	}
	b.printf("- command: `.ci/bench %s`\n", strings.Join(os.Args[1:], " "))
	b.printf("- %d run(s) per command, alternated; medians; CPU = user + system; mem = peak RSS\n\n", b.cfg.reps)
}
