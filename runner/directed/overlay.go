// Package directed implements racecheck run -directed: active testing in
// the manner of RaceFuzzer and TSVD. It picks candidate sites (the
// accesses of the static findings, and a wider, cheaper set of shared
// accesses around go statements), rewrites copies of the files with a
// short, seeded, randomized delay before each site, and hands the go
// command an -overlay naming the copies, so that the user's tree is never
// touched. The race detector stays the only judge: a delay changes which
// interleavings a run explores, it cannot make a report.
package directed

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Load loads the packages matched by patterns, test variants included,
// with the syntax and types the planner needs.
func Load(dir string, env, tags, patterns []string) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo,
		Dir: dir, Env: env, Tests: true,
	}
	if len(tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(tags, ",")}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading packages for directed schedules: %w", err)
	}
	return pkgs, nil
}

// helperName returns the base name of the helper file of a package in a
// directory: a test file for an external test package, whose files only
// the test build compiles.
func helperName(pkg string) string {
	if strings.HasSuffix(pkg, "_test") {
		return "zz_racecheck_directed_x_test.go"
	}
	return "zz_racecheck_directed.go"
}

// OverlayDir creates the temporary directory for the overlay of plan. Its
// name is a function of the plan, so that the go command, whose build
// cache keys on the paths of overlaid files, reuses the compiled packages
// of an earlier run of the same plan; a directory of that name in use by
// another racecheck falls back to a fresh random name. The caller
// removes the directory.
func OverlayDir(plan *Plan) (string, error) {
	h := sha256.New()
	for _, s := range plan.Sites {
		fmt.Fprintf(h, "%d %s %d\n", s.ID, s.File, s.Offset)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("racecheck-directed-%x", h.Sum(nil)[:8]))
	if err := os.Mkdir(dir, 0o700); err == nil {
		return dir, nil
	}
	dir, err := os.MkdirTemp("", "racecheck-directed-")
	if err != nil {
		return "", fmt.Errorf("creating the overlay directory: %w", err)
	}
	return dir, nil
}

// WriteOverlay writes the rewritten files, one delay helper per package
// and directory, and the overlay file naming them into dir, and returns
// the overlay file's path.
func WriteOverlay(dir string, plan *Plan) (string, error) {
	type group struct {
		ids   []int
		files map[string][]Insert
	}
	groups := make(map[[2]string]*group) // directory, package name
	for _, s := range plan.Sites {
		k := [2]string{filepath.Dir(s.File), s.Pkg}
		g := groups[k]
		if g == nil {
			g = &group{files: make(map[string][]Insert)}
			groups[k] = g
		}
		g.files[s.File] = append(g.files[s.File], Insert{Offset: s.Offset, Index: len(g.ids)})
		g.ids = append(g.ids, s.ID)
	}
	keys := make([][2]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	replace := make(map[string]string)
	n := 0
	write := func(orig string, src []byte) error {
		n++
		name := filepath.Join(dir, fmt.Sprintf("f%d.go", n))
		replace[orig] = name
		return os.WriteFile(name, src, 0o644)
	}
	for _, k := range keys {
		g := groups[k]
		for file, ins := range g.files {
			src, err := os.ReadFile(file)
			if err != nil {
				return "", fmt.Errorf("reading %s: %w", file, err)
			}
			out, err := Rewrite(file, src, ins)
			if err != nil {
				return "", err
			}
			if err := write(file, out); err != nil {
				return "", fmt.Errorf("writing overlay: %w", err)
			}
		}
		helper := filepath.Join(k[0], helperName(k[1]))
		if _, err := os.Stat(helper); err == nil {
			return "", fmt.Errorf("cannot add the delay helper: %s exists", helper)
		}
		src, err := Helper(k[1], g.ids)
		if err != nil {
			return "", err
		}
		if err := write(helper, src); err != nil {
			return "", fmt.Errorf("writing overlay: %w", err)
		}
	}
	b, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return "", fmt.Errorf("encoding overlay: %w", err)
	}
	path := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return "", fmt.Errorf("writing overlay: %w", err)
	}
	return path, nil
}
