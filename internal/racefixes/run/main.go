// Command run is the real-race-fix benchmark of issue 11, started by
// .ci/racefixes. For every case of the list it downloads the racy and the
// fixed module version through the module proxy (go mod download), makes
// a writable copy, fetches its dependencies, runs racecheck -json on the
// case's package and reports whether a finding names the expected access
// (found / missed at the racy version, silent / still reported at the
// fixed one). The table is Markdown, rewritten after every case so that a
// long run can be read while it goes.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/racecheck/racecheck/internal/racefixes"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("racefixes: ")
	if err := run(os.Args[1:]); err != nil {
		log.Fatal(err)
	}
}

// config is the parsed command line.
type config struct {
	cases     string
	racecheck string
	binID     string // content hash of racecheck, keys cached output
	work      string
	keep      bool
	only      map[string]bool
	jobs      int
	window    int
	timeout   time.Duration
	out       string
}

func run(args []string) error {
	cfg, err := parseFlags(args)
	if err != nil {
		return err
	}
	cases, err := racefixes.Load(cfg.cases)
	if err != nil {
		return err
	}
	if cfg.work == "" {
		if cfg.work, err = os.MkdirTemp("", "racefixes-"); err != nil {
			return fmt.Errorf("creating work directory: %w", err)
		}
		if !cfg.keep {
			defer os.RemoveAll(cfg.work)
		}
	} else if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return fmt.Errorf("creating work directory: %w", err)
	}
	if cfg.work, err = filepath.Abs(cfg.work); err != nil {
		return fmt.Errorf("resolving -work: %w", err)
	}
	var todo []racefixes.Case
	for _, c := range cases {
		if len(cfg.only) == 0 || cfg.only[c.ID] {
			todo = append(todo, c)
		}
	}
	results, err := cfg.measureAll(todo)
	if err != nil {
		return err
	}
	s := racefixes.Summarize(results)
	log.Printf("found %d of %d, silent after the fix %d of %d, failed %d", s.Found, s.All, s.SilentAfter, s.Found, s.Failed)
	return racefixes.WriteMarkdown(os.Stdout, results)
}

func parseFlags(args []string) (config, error) {
	var cfg config
	var only string
	fs := flag.NewFlagSet("racefixes", flag.ContinueOnError)
	fs.StringVar(&cfg.cases, "cases", filepath.Join("testdata", "racefixes", "cases.json"), "case list (JSON)")
	fs.StringVar(&cfg.racecheck, "racecheck", "", "racecheck binary to measure (required)")
	fs.StringVar(&cfg.work, "work", "", "work directory for the module copies (default a temporary one, removed)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary work directory")
	fs.StringVar(&only, "only", "", "comma-separated case ids to run (default all)")
	fs.IntVar(&cfg.jobs, "jobs", 1, "cases measured at once")
	fs.IntVar(&cfg.window, "window", 3, "lines either side of the expected line a finding may be at")
	fs.DurationVar(&cfg.timeout, "timeout", 15*time.Minute, "limit of one racecheck or go command")
	fs.StringVar(&cfg.out, "o", "", "also write the Markdown table to this file (rewritten after every case, for long runs)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if cfg.racecheck == "" {
		return cfg, fmt.Errorf("-racecheck is required")
	}
	abs, err := filepath.Abs(cfg.racecheck)
	if err != nil {
		return cfg, fmt.Errorf("resolving -racecheck: %w", err)
	}
	cfg.racecheck = abs
	if cfg.binID, err = fileID(abs); err != nil {
		return cfg, fmt.Errorf("reading -racecheck: %w", err)
	}
	if cfg.jobs < 1 {
		return cfg, fmt.Errorf("-jobs must be at least 1")
	}
	if only != "" {
		cfg.only = make(map[string]bool)
		for _, id := range strings.Split(only, ",") {
			cfg.only[strings.TrimSpace(id)] = true
		}
	}
	return cfg, nil
}

// measureAll measures the cases, -jobs at a time, and returns their
// results in list order; the -o file is rewritten with the cases done so
// far as each one ends.
func (cfg config) measureAll(cases []racefixes.Case) ([]racefixes.Result, error) {
	results := make([]racefixes.Result, len(cases))
	done := make([]bool, len(cases))
	var mu sync.Mutex
	var werr error
	sem := make(chan struct{}, cfg.jobs)
	var wg sync.WaitGroup
	for i, c := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r := racefixes.Result{Case: c}
			// The fixed version goes first: a racy release from before Go
			// modules borrows its requirements (see prepare).
			fixed := cfg.measure(c, c.Fixed, "fixed")
			racy := cfg.measure(c, c.Racy, "racy")
			r.Racy, r.Fixed = racefixes.Judge(c, racy, fixed, cfg.window)
			log.Printf("%-26s racy %-7s fixed %-14s %s", c.ID, r.Racy.Status, r.Fixed.Status, firstNonEmpty(r.Racy.Err, r.Fixed.Err))
			mu.Lock()
			defer mu.Unlock()
			results[i], done[i] = r, true
			var sofar []racefixes.Result
			for j := range results {
				if done[j] {
					sofar = append(sofar, results[j])
				}
			}
			if err := cfg.write(sofar); err != nil && werr == nil {
				werr = err
			}
		}()
	}
	wg.Wait()
	return results, werr
}

// write rewrites the -o file with the table so far; the full table goes
// to stdout at the end.
func (cfg config) write(rs []racefixes.Result) error {
	if cfg.out == "" {
		return nil
	}
	f, err := os.Create(cfg.out)
	if err != nil {
		return fmt.Errorf("writing results: %w", err)
	}
	if err := racefixes.WriteMarkdown(f, rs); err != nil {
		f.Close()
		return fmt.Errorf("writing results: %w", err)
	}
	return f.Close()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
