package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/racecheck/racecheck/internal/modcopy"
)

// cache measures racecheck's result cache (go vet's, driven by racecheck)
// on one module: the first run with a racecheck never run before (a copy
// of the binary with a new ID, so nothing is cached for it, not even the
// standard library's facts) against the in-process driver without cache
// (racecheck before the cache); a second run on the unchanged module
// against warm plain go vet; a run after editing one leaf file against
// go vet -vettool=racecheck's re-run after the same kind of edit; and a
// first run with an empty go build cache (a new CI machine), against the
// base in the same state.
func (b *bench) cache() error {
	dir, leaf := b.cfg.cacheModule, filepath.Join(b.cfg.cacheModule, b.cfg.cacheLeaf)
	orig, err := os.ReadFile(leaf)
	if err != nil {
		return fmt.Errorf("cache group: %w", err)
	}
	defer os.WriteFile(leaf, orig, 0o644)
	edit := func(label string) func(int) error {
		return func(rep int) error {
			note := fmt.Sprintf("\n// bench edit %d %s %d\n", b.stamp, label, rep)
			return os.WriteFile(leaf, append(append([]byte{}, orig...), note...), 0o644)
		}
	}
	fresh := func(rep int) []string {
		bin := filepath.Join(b.cfg.work, fmt.Sprintf("racecheck-fresh-%d", rep))
		return []string{bin, "./..."}
	}
	ok := []int{1, 3} // go vet exits 1 on findings
	for _, warm := range [][]string{{b.racecheck, "./..."}, {"go", "vet", "./..."}, {"go", "vet", "-vettool=" + b.racecheck, "./..."}} {
		cmd := exec.Command(warm[0], warm[1:]...)
		cmd.Dir = dir
		cmd.Run() // findings make it exit non-zero; only the cache matters
	}
	b.printf("### cache, `%s` (module %s, leaf %s)\n\n", "./...", dir, b.cfg.cacheLeaf)
	perUnit := func(int) []string { return []string{vetServerEnv + "=off"} }
	freshPerUnit := func(rep int) []string { return fresh(rep + b.cfg.reps) }
	cmds := []command{
		{label: "racecheck, first run (new binary)", argv: fresh, dir: dir, ok: ok, before: func(rep int) error { return b.freshCopy(rep) }},
		{label: "racecheck -cache=false", argv: fixed(b.racecheck, "-cache=false", "./..."), dir: dir, ok: ok},
		{label: "racecheck, second run", argv: fixed(b.racecheck, "./..."), dir: dir, ok: ok},
		{label: "go vet (warm)", argv: fixed("go", "vet", "./..."), dir: dir, ok: ok},
		{label: "racecheck after a leaf edit", argv: fixed(b.racecheck, "./..."), dir: dir, ok: ok, before: edit("racecheck")},
		{label: "go vet -vettool=racecheck after a leaf edit", argv: fixed("go", "vet", "-vettool="+b.racecheck, "./..."), dir: dir, ok: ok, before: edit("vet")},
		{label: "racecheck, first run, a process per package", argv: freshPerUnit, env: perUnit, dir: dir, ok: ok, before: func(rep int) error { return b.freshCopy(rep + b.cfg.reps) }},
	}
	// A copy of the module at a new path: its packages get new keys, the
	// standard library's stay cached from the warm-up runs above.
	copyDir := func(rep int) string { return filepath.Join(b.cfg.work, fmt.Sprintf("module-%d-%d", b.stamp, rep)) }
	cmds = append(cmds, command{label: "racecheck, first run on a copy of the module (racecheck run before)",
		argv: func(rep int) []string { return []string{b.racecheck, "-C", copyDir(rep), "./..."} }, dir: dir, ok: ok,
		before: func(rep int) error { return modcopy.CopyTree(dir, copyDir(rep)) }})
	// An empty go build cache (a new CI machine): nothing compiled, so go
	// vet would compile every dependency first; racecheck analyzes in
	// process instead (driver.ErrColdCache). Each run gets its own.
	coldCache := func(rep int) []string {
		return []string{"GOCACHE=" + filepath.Join(b.cfg.work, fmt.Sprintf("gocache-%d-%d", b.stamp, rep))}
	}
	cmds = append(cmds, command{label: "racecheck, first run, empty go build cache", argv: fixed(b.racecheck, "./..."), dir: dir, env: coldCache, ok: ok})
	if b.cfg.cacheBase != "" {
		noCache := func(int) []string { return []string{"RACECHECK_CACHE=off"} } // a base with a cache: in process
		baseCold := func(rep int) []string { return append(noCache(rep), coldCache(rep+b.cfg.reps)...) }
		cmds = append(cmds, command{label: "base racecheck in process (-cache-base)", argv: fixed(b.cfg.cacheBase, "./..."), dir: dir, env: noCache, ok: ok},
			command{label: "base racecheck in process, empty go build cache", argv: fixed(b.cfg.cacheBase, "./..."), dir: dir, env: baseCold, ok: ok})
	}
	res := b.measure(b.cfg.reps, cmds...)
	b.table(res)
	b.ratio(res[0], res[1])
	b.ratio(res[0], res[6])
	b.ratio(res[8], res[1])
	if b.cfg.cacheBase != "" {
		b.ratio(res[0], res[9])
		b.ratio(res[7], res[9])
		b.ratio(res[8], res[10])
	}
	b.ratio(res[2], res[3])
	b.printf("- **target** second run within 4x warm go vet + 1 s: %.2f s against %.2f s\n", res[2].median.Wall.Seconds(), 4*res[3].median.Wall.Seconds()+1)
	b.ratio(res[4], res[5])
	b.printf("\n")
	return nil
}

// vetServerEnv turns off racecheck's vet server (internal/driver/vettool)
// when "off": every go vet tool process then analyzes its own package.
const vetServerEnv = "RACECHECK_VETSERVER"

// freshCopy writes a copy of racecheck for run rep with bytes appended,
// which changes the ID go vet keys its cache with (the hash of the
// executable) and nothing else.
func (b *bench) freshCopy(rep int) error {
	data, err := os.ReadFile(b.racecheck)
	if err != nil {
		return err
	}
	data = append(data, fmt.Sprintf("fresh %d %d", b.stamp, rep)...)
	return os.WriteFile(filepath.Join(b.cfg.work, fmt.Sprintf("racecheck-fresh-%d", rep)), data, 0o755)
}
