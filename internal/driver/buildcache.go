package driver

// Whether go vet's path pays off depends on the go build cache: go vet
// needs the compiled export data of every dependency, and compiles what
// the cache lacks before analyzing anything. On a new CI machine, after a
// Go upgrade or with other compiler flags, that is every package of the
// standard library and of the required modules, several times the cost of
// the in-process driver, which reads their source instead, though in
// memory that grows with the packages (go vet's path stays bounded). So
// RunVet asks go list which dependencies are stale, at the cost of
// hashing their files (unless the cache is empty: then all are), and
// leaves a cold cache to the in-process driver when the packages are few
// enough. A configuration found warm is recorded in racecheck's state
// directory, and later runs in it skip the question for a day.

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// ErrColdCache is RunVet's answer when the go build cache lacks most of
// the compiled dependencies go vet needs and the packages are few enough
// to analyze in one process.
var ErrColdCache = errors.New("the go build cache lacks most compiled dependencies")

// checkBuildCache returns ErrColdCache, wrapped, if go vet would spend
// most of the run compiling (see buildCache.preferInProcess), unless
// vo.Compile is set or the configuration, whose warmKey is key, was
// found warm lately. A configuration found warm is recorded in vo.State.
func checkBuildCache(patterns []string, cfg *packages.Config, vo VetOptions, key string) error {
	env := cfg.Env
	if env == nil {
		env = os.Environ()
	}
	if vo.Compile || knownWarm(vo.State, key) {
		return nil
	}
	bc, err := probeBuildCache(patterns, cfg.Dir, cfg.Env, cfg.BuildFlags, !emptyBuildCache(cfg.Dir, env))
	if err != nil {
		return err
	}
	if bc.preferInProcess() {
		return fmt.Errorf("%w: %d of %d stale", ErrColdCache, bc.stale, bc.deps)
	}
	if !bc.cold() {
		markWarm(vo.State, key)
	}
	return nil
}

// buildCache says how much of what go vet needs the go build cache
// holds: of the dependencies outside the main modules (the standard
// library and required modules), how many there are and how many are
// stale (go list's Stale: not compiled in the cache). Dependencies in a
// main module are left out: they are what an edit changes, and go vet
// recompiles them as go build would. files counts the Go files of every
// package and test variant, what the in-process driver would load.
type buildCache struct{ deps, stale, files int }

// cold reports whether go vet would have to compile more than a quarter
// of the dependencies. Compiling a package for go vet costs about six
// times what the in-process driver spends to load and analyze it from
// source (BENCHMARKS.md, "An empty go build cache"): past a sixth, go
// vet's compiling alone costs more than the in-process driver's whole
// run. The margin up to a quarter is for what the compiling leaves
// behind: go vet's cache for the next run, and packages go build and go
// test reuse.
func (c buildCache) cold() bool { return c.stale*4 > c.deps }

// maxInProcessFiles bounds the Go files (test variants included) for
// which a cold build cache sends the run to the in-process driver, which
// holds the syntax and SSA of all of them at once: about 0.5-0.65 MB a
// file (1.4 GB for racecheck's module, 2,190 files; 7.1 GB for std,
// 14,300). Beyond it go vet runs, slower but in bounded memory.
const maxInProcessFiles = 3000

// preferInProcess reports whether the in-process driver should analyze:
// the cache is cold and the packages are not too many to hold at once.
func (c buildCache) preferInProcess() bool { return c.cold() && c.files <= maxInProcessFiles }

// probeBuildCache asks go list, for the packages patterns match and
// their tests, how many files they have and, if askStale, which
// dependencies are stale, which costs it a hash of every dependency's
// files; else every one is counted stale (an empty build cache).
func probeBuildCache(patterns []string, dir string, env, build []string, askStale bool) (buildCache, error) {
	stale := "true"
	if askStale {
		stale = "{{.Stale}}"
	}
	format := "{{.DepOnly}} " + stale + " {{with .Module}}{{if .Main}}main{{else}}-{{end}}{{else}}-{{end}} " +
		"{{if .ForTest}}test{{else}}-{{end}} {{len .GoFiles}} {{len .CgoFiles}}"
	args := append(append([]string{"list"}, build...), "-deps", "-test", "-f", format, "--")
	out, err := goCommand(append(args, patterns...), dir, env)
	if err != nil {
		return buildCache{}, err
	}
	return parseProbe(out)
}

// parseProbe reads probeBuildCache's go list output.
func parseProbe(out string) (buildCache, error) {
	var bc buildCache
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var depOnly, stale bool
		var module, forTest string
		var goFiles, cgoFiles int
		if _, err := fmt.Sscan(line, &depOnly, &stale, &module, &forTest, &goFiles, &cgoFiles); err != nil {
			return buildCache{}, fmt.Errorf("go list: unexpected line %q", line)
		}
		bc.files += goFiles + cgoFiles
		if depOnly && module == "-" && forTest == "-" {
			bc.deps++
			if stale {
				bc.stale++
			}
		}
	}
	return bc, nil
}

// warmDir is the directory of racecheck's state that records the build
// configurations found warm, a file each, named by warmKey.
const warmDir = "buildcache"

// warmFor is how long a configuration found warm is taken to stay so.
// The go command trims its cache of entries unused for days, and an entry
// that went anyway costs one run that compiles, as go vet itself would.
const warmFor = 24 * time.Hour

// warmKey identifies what the compiled packages in the go build cache
// depend on: the go command (its path, size and time: a new Go version is
// a new binary), the go env file, the environment variables of the go
// command and of cgo and those that place its cache, the build flags, and
// the contents of the module's go.mod and go.sum and of a workspace's
// go.work (other requirements need their own look). The directory is in
// the key only where the dependencies' compiled packages depend on it
// (see placeDependent), so a copy of a module at another path, a second
// git worktree or another package directory of the module shares the key
// of a module found warm. "" if there is no go command.
func warmKey(dir string, env, build []string) string {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return ""
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	h := sha256.New()
	for _, name := range []string{gocmd, goEnvFile(env)} {
		if fi, err := os.Stat(name); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", name, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	modDir, contents := "", make(map[string][]byte)
	for _, name := range moduleFiles(dir) {
		if data, err := os.ReadFile(name); err == nil {
			base := filepath.Base(name)
			if base == "go.mod" {
				modDir = filepath.Dir(name)
			}
			contents[base] = data
			fmt.Fprintf(h, "%s %d\n%s\n", base, len(data), data)
		}
	}
	if placeDependent(modDir, contents) {
		fmt.Fprintf(h, "dir %q\n", dir)
	}
	var vars []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "GO") || strings.HasPrefix(kv, "CGO_") || slices.ContainsFunc(keyVars, func(v string) bool { return strings.HasPrefix(kv, v+"=") }) {
			vars = append(vars, kv)
		}
	}
	slices.Sort(vars)
	fmt.Fprintf(h, "%q\n%q\n", vars, build)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// placeDependent reports whether the compiled dependencies of the module
// in modDir ("" if none) depend on where it is, given the contents of its
// module files by base name. The go command keys a package compiled outside GOROOT by its
// directory, and a dependency's directory moves with the module only when
// it is vendored, when its module is replaced by a local path (in go.mod
// or go.work), or when there is no module at all.
func placeDependent(modDir string, contents map[string][]byte) bool {
	gomod, ok := contents["go.mod"]
	if modDir == "" || !ok {
		return true
	}
	if mf, err := modfile.Parse("go.mod", gomod, nil); err != nil || localReplace(mf.Replace) {
		return true
	}
	if work, ok := contents["go.work"]; ok {
		if wf, err := modfile.ParseWork("go.work", work, nil); err != nil || localReplace(wf.Replace) {
			return true
		}
	}
	_, err := os.Stat(filepath.Join(modDir, "vendor", "modules.txt"))
	return err == nil
}

// localReplace reports whether a replace directive names a directory
// (a replacement without a version) rather than a module version.
func localReplace(rs []*modfile.Replace) bool {
	return slices.ContainsFunc(rs, func(r *modfile.Replace) bool { return r.New.Version == "" })
}

// moduleFiles returns the go.mod and go.sum of the module dir is in and
// the go.work of a workspace above it, where they would be.
func moduleFiles(dir string) []string {
	var files []string
	mod, work := false, false
	for d := dir; !mod || !work; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !mod {
			mod = true
			files = append(files, filepath.Join(d, "go.mod"), filepath.Join(d, "go.sum"))
		}
		if _, err := os.Stat(filepath.Join(d, "go.work")); err == nil && !work {
			work = true
			files = append(files, filepath.Join(d, "go.work"), filepath.Join(d, "go.work.sum"))
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return files
}

// keyVars are the variables besides GO* and CGO_* in warmKey: the C
// compilers of cgo, and those that place the default GOCACHE and go env
// file.
var keyVars = []string{"CC", "CXX", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "LocalAppData", "AppData"}

// goEnvFile returns the go env file the go command reads (GOENV, else
// os.UserConfigDir()/go/env).
func goEnvFile(env []string) string {
	if v, ok := lookupEnv(env, "GOENV"); ok {
		return v
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "go", "env")
}

// knownWarm reports whether the configuration key was found warm in the
// last warmFor.
func knownWarm(state, key string) bool {
	if state == "" || key == "" {
		return false
	}
	fi, err := os.Stat(filepath.Join(state, warmDir, key))
	return err == nil && time.Since(fi.ModTime()) < warmFor
}

// markWarm records that the configuration key was found warm now. Like
// the generation file, it is best effort: without it, the next run asks
// go list again.
func markWarm(state, key string) {
	if state == "" || key == "" {
		return
	}
	dir := filepath.Join(state, warmDir)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return
	}
	os.WriteFile(filepath.Join(dir, key), nil, 0o666)
	now := time.Now()
	os.Chtimes(filepath.Join(dir, key), now, now)
}
