// Command runbench measures the overhead of racecheck run against plain
// go test -race with the same -count and -cpu, on a module of your
// choice. It is a measurement, not a test:
//
//	go build -o /tmp/racecheck ./cmd/racecheck
//	go run ./runner/internal/runbench -racecheck /tmp/racecheck -C testdata/runner/racy -cpu 1,2 -count 3 -reps 5
//
// Both commands run once to warm the build cache, then alternate -reps
// times; the medians of their wall times and the ratio are printed, with
// the time of racecheck's static analysis alone (racecheck -json) for
// the breakdown.
package main

import (
	"flag"
	"fmt"
	"log"
	"os/exec"
	"slices"
	"time"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("runbench: ")
	racecheck := flag.String("racecheck", "racecheck", "racecheck binary")
	dir := flag.String("C", ".", "module directory")
	cpu := flag.String("cpu", "1,2", "GOMAXPROCS values")
	count := flag.Int("count", 3, "runs per GOMAXPROCS value")
	reps := flag.Int("reps", 5, "measured repetitions")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = []string{"./..."}
	}
	cnt := fmt.Sprint(*count)
	cmds := []struct {
		name string
		argv []string
	}{
		{"go test -race", append([]string{"go", "test", "-race", "-count=" + cnt, "-cpu=" + *cpu}, pkgs...)},
		{"racecheck run", append([]string{*racecheck, "run", "-json", "-count=" + cnt, "-cpu=" + *cpu}, pkgs...)},
		{"racecheck (static)", append([]string{*racecheck, "-json"}, pkgs...)},
	}
	times := make([][]time.Duration, len(cmds))
	for rep := 0; rep <= *reps; rep++ {
		for i, c := range cmds {
			d := timeCmd(*dir, c.argv)
			if rep > 0 { // rep 0 warms the caches
				times[i] = append(times[i], d)
			}
		}
	}
	base := median(times[0])
	for i, c := range cmds {
		m := median(times[i])
		fmt.Printf("%-20s median %8.2fs  ratio %.2f  (%d reps)\n", c.name, m.Seconds(), m.Seconds()/base.Seconds(), len(times[i]))
	}
}

// timeCmd runs argv in dir and returns its wall time; exit codes are
// ignored (racy tests fail, racecheck exits 3 or 4 on findings).
func timeCmd(dir string, argv []string) time.Duration {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = nil, nil
	start := time.Now()
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			log.Fatalf("%v: %v", argv, err)
		}
	}
	return time.Since(start)
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
