package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/racecheck/racecheck/runner/internal/synth"
)

// toolexecScript is the -toolexec wrapper of the vet runs. It passes
// every command through, except that
//   - it appends $BENCH_TAG to the vet tool's -V=full answer (to its build
//     ID for a devel build such as racecheck): go vet keys its cache on
//     that answer, so a fresh tag per run makes both plain vet and
//     racecheck re-run on every package, while the compiler's ID and so
//     the cached export data stay the same;
//   - after a vet tool run on a package, it appends to $BENCH_VETX_LOG the
//     size of the .vetx file the tool wrote and of the facts in it: since
//     x/tools v0.5x a .vetx starts with "vetx", two little-endian uint32
//     lengths (type export data, facts) and the two parts; older tools
//     such as Go 1.26's cmd/vet write facts only.
const toolexecScript = `#!/bin/sh
case "$1" in
*/vet|*/racecheck|*/driver) ;;
*) exec "$@" ;;
esac
if [ "$2" = "-V=full" ]; then
	"$@" | sed -e "/buildID=/!s/\$/ $BENCH_TAG/" -e "s/\(buildID=[^ ]*\)\$/\1$BENCH_TAG/"
	exit
fi
"$@"
rc=$?
for cfg; do :; done
vetx=$(sed -n 's/^[[:space:]]*"VetxOutput": "\(.*\)",*$/\1/p' "$cfg" 2>/dev/null)
pkg=$(sed -n 's/^[[:space:]]*"ImportPath": "\(.*\)",*$/\1/p' "$cfg" 2>/dev/null)
if [ -n "$vetx" ] && [ -f "$vetx" ]; then
	size=$(wc -c <"$vetx")
	facts=$size
	if [ "$(head -c 4 "$vetx")" = vetx ]; then
		facts=$(od -An -tu4 -j8 -N4 "$vetx" | tr -d ' ')
	fi
	echo "$size $facts $pkg" >>"$BENCH_VETX_LOG"
fi
exit $rc
`

// vet compares go vet -vettool=racecheck with plain go vet on a corpus,
// both forced to re-run by a fresh tool ID (see toolexecScript), and
// reports the size of the facts files each tool wrote in its last run.
func (b *bench) vet(c corpus) error {
	b.printf("### go vet, %s (`%s`)\n\n", c.name, c.pattern)
	wrapper := filepath.Join(b.cfg.work, "toolexec.sh")
	if err := os.WriteFile(wrapper, []byte(toolexecScript), 0o755); err != nil {
		return fmt.Errorf("writing the toolexec wrapper: %w", err)
	}
	stamp := b.stamp
	b.stamp += 4 * b.cfg.reps
	logs := [4]string{}
	env := func(side int) func(int) []string {
		return func(rep int) []string {
			tag := fmt.Sprintf("-bench%d", stamp+4*rep+side)
			logs[side] = filepath.Join(b.cfg.work, "vetx"+tag+".log")
			os.Remove(logs[side])
			return []string{"BENCH_TAG=" + tag, "BENCH_VETX_LOG=" + logs[side]}
		}
	}
	cmds := []command{
		{label: "go vet -vettool=racecheck", ok: []int{1}, env: env(0),
			argv: fixed("go", "vet", "-toolexec="+wrapper, "-vettool="+b.racecheck, c.pattern)},
		{label: "go vet", ok: []int{1}, env: env(1),
			argv: fixed("go", "vet", "-toolexec="+wrapper, c.pattern)},
	}
	if b.cfg.vetFloor {
		cmds = append(cmds, command{label: "go vet -vettool=SSA floor", ok: []int{1}, env: env(2),
			argv: fixed("go", "vet", "-toolexec="+wrapper, "-vettool="+b.driver, c.pattern)})
	}
	if b.cfg.vetBase != "" {
		cmds = append(cmds, command{label: "go vet -vettool=racecheck (base)", ok: []int{1}, env: env(3),
			argv: fixed("go", "vet", "-toolexec="+wrapper, "-vettool="+b.cfg.vetBase, c.pattern)})
	}
	res := b.measure(b.cfg.reps, cmds...)
	b.table(res)
	b.ratio(res[0], res[1])
	for _, r := range res[2:] {
		b.ratio(r, res[1])
		b.ratio(res[0], r)
	}
	for i, r := range res {
		side := i
		if !b.cfg.vetFloor && i == 2 {
			side = 3
		}
		b.printf("- facts files (.vetx) written by %s: %s\n", r.label, vetxSizes(logs[side]))
	}
	b.printf("\n")
	return nil
}

// vetxSizes summarizes a log of "SIZE FACTS PACKAGE" lines.
func vetxSizes(log string) string {
	data, err := os.ReadFile(log)
	if err != nil {
		return "none recorded"
	}
	var n int
	var files, facts total
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		size, err1 := strconv.ParseInt(f[0], 10, 64)
		fsize, err2 := strconv.ParseInt(f[1], 10, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		n++
		files.add(size, f[2])
		facts.add(fsize, f[2])
	}
	return fmt.Sprintf("%d packages; files %s; facts in them %s", n, files, facts)
}

// total sums sizes and remembers the largest.
type total struct {
	sum, largest int64
	which        string
}

func (t *total) add(v int64, which string) {
	t.sum += v
	if v > t.largest {
		t.largest, t.which = v, which
	}
}

func (t total) String() string {
	return fmt.Sprintf("%s bytes in all, largest %s (%s)", group(strconv.FormatInt(t.sum, 10)), group(strconv.FormatInt(t.largest, 10)), t.which)
}

// standalone compares standalone racecheck (which uses the streaming
// driver, driver.RunStream) with the SSA floor through the same driver,
// with both through the full-graph driver (driver.Run, which holds every
// package to the end) and with staticcheck, on a corpus, without tests.
func (b *bench) standalone(c corpus) {
	b.printf("### standalone, %s (`%s`, -test=false)\n\n", c.name, c.pattern)
	cmds := []command{
		{label: "racecheck", ok: []int{3},
			argv: fixed(b.racecheck, "-test=false", c.pattern)},
		{label: "SSA floor", argv: fixed(b.driver, "-analyzers=floor", "-driver=stream", "-test=false", c.pattern)},
		{label: "racecheck, full-graph driver", argv: fixed(b.driver, "-analyzers=suite", "-driver=lint", "-test=false", c.pattern)},
		{label: "SSA floor, full-graph driver", argv: fixed(b.driver, "-analyzers=floor", "-driver=lint", "-test=false", c.pattern)},
		{label: "SSA floor with dependencies", argv: fixed(b.driver, "-analyzers=floor-deps", "-driver=stream", "-test=false", c.pattern)},
	}
	if b.cfg.staticcheck != "" {
		cmds = append(cmds, command{label: "staticcheck (cold cache)", ok: []int{1}, reps: b.cfg.staticcheckReps,
			argv: fixed(b.cfg.staticcheck, "-tests=false", c.pattern),
			env: func(rep int) []string {
				dir := filepath.Join(b.cfg.work, fmt.Sprintf("staticcheck-cache-%d-%d", b.stamp, rep))
				return []string{"STATICCHECK_CACHE=" + dir}
			}})
		b.stamp++
	}
	res := b.measure(b.cfg.reps, cmds...)
	b.table(res)
	b.ratio(res[0], res[1])
	b.ratio(res[2], res[3])
	b.ratio(res[2], res[0])
	b.ratio(res[0], res[4])
	if len(res) > 5 {
		b.ratio(res[0], res[5])
		b.ratio(res[2], res[5])
	}
	b.printf("\n")
}

func fixed(argv ...string) func(int) []string { return func(int) []string { return argv } }

// synth measures racecheck and the floor on generated modules of each
// size and prints the cost per thousand lines and the fact sizes.
func (b *bench) synth() error {
	b.printf("### scale: synthetic modules (runner/internal/synth, seed 1, -test=false)\n\n")
	b.printf("| lines | pkgs | command | runs | wall s | s/kLOC | peak MB | MB/kLOC |\n|---:|---:|---|---:|---:|---:|---:|---:|\n")
	points := make(map[string][]point)
	var facts []string
	for _, size := range b.cfg.synthSizes {
		dir := filepath.Join(b.cfg.work, fmt.Sprintf("synth-%d", size))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating synthetic module directory: %w", err)
		}
		st, err := synth.Generate(dir, synth.Options{Lines: size, Seed: 1})
		if err != nil {
			return err
		}
		reps := b.cfg.reps
		if size > 100000 {
			reps = b.cfg.synthReps
		}
		res := b.measure(reps,
			command{label: "racecheck", ok: []int{3}, argv: fixed(b.racecheck, "-test=false", "-C", dir, "./...")},
			command{label: "SSA floor", argv: fixed(b.driver, "-driver=stream", "-test=false", "-C", dir, "./...")},
			command{label: "racecheck, full-graph driver", argv: fixed(b.driver, "-analyzers=suite", "-driver=lint", "-test=false", "-C", dir, "./...")},
		)
		kloc := float64(st.Lines) / 1000
		for _, r := range res {
			p := point{kloc, r.median.Wall.Seconds(), mb(r.median.PeakKB)}
			if r.median.Wall > 0 {
				points[r.label] = append(points[r.label], p)
			}
			b.printf("| %d | %d | %s | %d | %.1f | %.4f | %.0f | %.2f |\n",
				st.Lines, st.Packages, r.label, reps, p.s, p.s/kloc, p.mb, p.mb/kloc)
		}
		facts = append(facts, b.factLines(st, dir)...)
		os.RemoveAll(dir)
	}
	b.printf("\nCost per line, largest size against smallest (target within 1.3x); the small sizes carry the\n")
	b.printf("fixed cost of loading the standard library, so the marginal cost between consecutive sizes,\n")
	b.printf("(wall(n) - wall(m)) / (kLOC(n) - kLOC(m)), is the sharper test of linearity:\n\n")
	for _, label := range []string{"racecheck", "SSA floor", "racecheck, full-graph driver"} {
		b.printf("- %s: %s\n", label, scaling(points[label]))
	}
	b.printf("\nFacts exported by the suite (and ctrlflow, which buildssa requires), gob-encoded per package:\n\n")
	b.printf("| lines | analyzer | facts | own bytes | visible bytes (sum over pkgs) | max visible per pkg |\n|---:|---|---:|---:|---:|---:|\n")
	for _, l := range facts {
		b.printf("%s\n", l)
	}
	b.printf("\n")
	return nil
}

// point is one synthetic measurement: size, wall seconds, peak MB.
type point struct{ kloc, s, mb float64 }

// scaling describes how the cost per line grows across points.
func scaling(ps []point) string {
	if len(ps) < 2 {
		return "fewer than two sizes measured"
	}
	first, last := ps[0], ps[len(ps)-1]
	out := fmt.Sprintf("time/kLOC %.2fx, memory/kLOC %.2fx; marginal s/kLOC", (last.s/last.kloc)/(first.s/first.kloc), (last.mb/last.kloc)/(first.mb/first.kloc))
	for i := 1; i < len(ps); i++ {
		m := (ps[i].s - ps[i-1].s) / (ps[i].kloc - ps[i-1].kloc)
		out += fmt.Sprintf(" %.0fk-%.0fk: %.4f", ps[i-1].kloc, ps[i].kloc, m)
	}
	return out
}

// factLines runs the driver once with -facts and formats its report as
// table rows.
func (b *bench) factLines(st synth.Stats, dir string) []string {
	log.Printf("facts of the %d-line module", st.Lines)
	start := time.Now()
	out, err := exec.Command(b.driver, "-analyzers=suite", "-facts", "-test=false", "-C", dir, "./...").Output()
	if err != nil {
		return []string{fmt.Sprintf("| %d | (failed: %v) | | | | |", st.Lines, err)}
	}
	log.Printf("facts took %s", time.Since(start).Round(time.Second))
	var rows []string
	findings := "?"
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[1] == "findings" {
			findings = f[0]
		}
		if len(f) != 6 || f[0] != "facts" {
			continue
		}
		v := make([]string, 4)
		for i, kv := range f[2:] {
			_, val, _ := strings.Cut(kv, "=")
			v[i] = val
		}
		rows = append(rows, fmt.Sprintf("| %d | %s | %s | %s | %s | %s |", st.Lines, f[1], v[0], group(v[1]), group(v[2]), group(v[3])))
	}
	rows = append(rows, fmt.Sprintf("| %d | (findings of the suite; %d units seeded with 2 races each) | %s | | | |", st.Lines, st.Racy, findings))
	return rows
}

// group writes a byte count with thousands separators.
func group(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	out := strconv.FormatInt(n, 10)
	for i := len(out) - 3; i > 0; i -= 3 {
		out = out[:i] + "," + out[i:]
	}
	return out
}
