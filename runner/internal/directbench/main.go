// Command directbench measures racecheck run -directed against plain
// sweeps on fixture modules with narrow race windows (issue 12): how
// often each race shows in plain runs and in directed runs, whether every
// static finding is confirmed within 3 directed runs, and the CPU time
// (user+system of racecheck and every process it started) of a
// confirmation against a plain 20-run sweep. It is a measurement, not a
// test:
//
//	go build -o /tmp/racecheck ./cmd/racecheck
//	go run ./runner/internal/directbench -racecheck /tmp/racecheck -reps 5
//
// Each command runs once first to warm the build cache; the figures are
// of warm runs, as a CI job with a cache or a second local run sees them.
// Markdown goes to stdout (see BENCHMARKS.md).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("directbench: ")
	racecheck := flag.String("racecheck", "racecheck", "racecheck binary")
	root := flag.String("fixtures", filepath.Join("testdata", "runner"), "directory of the fixture modules")
	names := flag.String("modules", "window,windowfree", "comma-separated fixture modules")
	reps := flag.Int("reps", 5, "repetitions of each measurement")
	directed := flag.Int("directed", 10, "directed runs per repetition for the hit rates")
	flag.Parse()
	b := bench{bin: *racecheck, reps: *reps, directed: *directed}
	fmt.Printf("| fixture | race | plain runs that showed it | directed runs that showed it | static findings confirmed by -directed 3 | CPU: -count 10 (20 plain runs) | CPU: -count 0 -directed 3 |\n")
	fmt.Printf("|---|---|---|---|---|---|---|\n")
	for _, name := range strings.Split(*names, ",") {
		if err := b.fixture(filepath.Join(*root, name), name); err != nil {
			log.Fatal(err)
		}
	}
}

type bench struct {
	bin            string
	reps, directed int
}

// output is the part of racecheck run -json the bench reads.
type output struct {
	Findings []struct{ Class string }
	Races    []struct {
		ID   string
		Hits []struct{ Runs, Total int }
	}
	Directed *struct {
		Findings []struct{ Verdict string }
		Races    []struct {
			ID          string
			Runs, Total int
		}
	}
}

// run runs racecheck run -json in dir and returns its output and the CPU
// time of its whole process tree.
func (b bench) run(dir string, args ...string) (output, time.Duration, error) {
	cmd := exec.Command(b.bin, append([]string{"run", "-json", "-cpu", "1,2"}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var out output
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 3 {
		err = nil // findings or races
	}
	if err != nil {
		return out, 0, fmt.Errorf("racecheck run %s in %s: %v: %s", strings.Join(args, " "), dir, err, stderr.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return out, 0, fmt.Errorf("decoding racecheck output: %w", err)
	}
	return out, cpu, nil
}

// fixture measures one fixture module and prints its rows.
func (b bench) fixture(dir, name string) error {
	plainSeen := make(map[string]int) // race -> plain runs that showed it
	dirSeen := make(map[string]int)   // race -> directed runs that showed it
	var plainCPU, dirCPU []time.Duration
	within3, findings := 0, 0
	if _, _, err := b.run(dir, "-count", "1", "-directed", "1"); err != nil { // warm the cache
		return err
	}
	for rep := range b.reps {
		out, cpu, err := b.run(dir, "-count", "10")
		if err != nil {
			return err
		}
		plainCPU = append(plainCPU, cpu)
		for _, r := range out.Races {
			for _, h := range r.Hits {
				plainSeen[r.ID] += h.Runs
			}
		}
		out, cpu, err = b.run(dir, "-count", "0", "-directed", "3", "-seed", fmt.Sprint(1000+rep))
		if err != nil {
			return err
		}
		dirCPU = append(dirCPU, cpu)
		findings = len(out.Findings)
		if allConfirmed(out) {
			within3++
		}
		out, _, err = b.run(dir, "-count", "0", "-directed", fmt.Sprint(b.directed), "-seed", fmt.Sprint(2000+100*rep))
		if err != nil {
			return err
		}
		for _, r := range out.Directed.Races {
			dirSeen[r.ID] += r.Runs
		}
	}
	ids := make([]string, 0, len(dirSeen))
	for id := range dirSeen {
		ids = append(ids, id)
	}
	for id := range plainSeen {
		if _, ok := dirSeen[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	cpus := fmt.Sprintf("| %d findings: all confirmed in %d/%d trials | %.2fs | %.2fs |", findings, within3, b.reps, median(plainCPU).Seconds(), median(dirCPU).Seconds())
	if len(ids) == 0 {
		fmt.Printf("| %s | (none) | 0/%d | 0/%d %s\n", name, 20*b.reps, b.directed*b.reps, cpus)
	}
	for _, id := range ids {
		fmt.Printf("| %s | %s | %d/%d | %d/%d %s\n", name, id, plainSeen[id], 20*b.reps, dirSeen[id], b.directed*b.reps, cpus)
	}
	return nil
}

// allConfirmed reports whether directed runs confirmed every finding
// (vacuously true without findings).
func allConfirmed(out output) bool {
	if out.Directed == nil {
		return len(out.Findings) == 0
	}
	for _, f := range out.Directed.Findings {
		if f.Verdict != "confirmed" {
			return false
		}
	}
	return true
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
