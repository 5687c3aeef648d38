package driver

// This file is the cached path of racecheck's commands: instead of
// loading the whole import graph into one process, the driver runs
// `go vet -vettool=<racecheck> -json` and reads the findings back. The go
// command then does what a result cache has to: it keys each package's
// result by the tool's build ID, the flags, the package's files, build
// configuration and Go version and its dependencies' facts (.vetx), keeps
// it in the go build cache (GOCACHE, trimmed by the go command, safe for
// concurrent processes), re-runs a changed package and its dependents
// only, and each package is analyzed in its own small process with its
// dependencies' export data and facts. BENCHMARKS.md has the measurements
// that chose this over a cache of racecheck's own.
//
// One gap in the go command needs a workaround. It caches a package's
// stdout under the same key whether the package was analyzed for its
// facts only (as a dependency, VetxOnly) or for its diagnostics (as a
// root), so a package first vetted as a dependency later replays an empty
// output as a root: its findings are lost. With AllDiagsFlag the tool
// reports diagnostics in both modes, so every cached output is complete;
// RunVet keeps the packages that were asked for.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/runner/findings"
)

// AllDiagsFlag is the vet tool flag with which racecheck, as a vet tool,
// reports diagnostics also for the packages go vet asks only for facts.
const AllDiagsFlag = "alldiags"

// UnitAnalyzer is added to the suite when racecheck runs as vet tool
// with AllDiagsFlag. It reports one diagnostic per package, so that each
// unit go vet runs has output: the go command replays a lost or damaged
// cached output as no output at all, which RunVet can then tell from a
// package without findings.
var UnitAnalyzer = &analysis.Analyzer{
	Name: "racecheckunit",
	Doc:  "marks each package's output for racecheck's cache (internal)",
	Run: func(pass *analysis.Pass) (any, error) {
		if len(pass.Files) > 0 {
			pass.Reportf(pass.Files[0].Package, "unit")
		}
		return nil, nil
	},
}

// GenerationFlag is the vet tool flag that carries the cache generation
// (see generation.go). The tool ignores its value; go vet makes it part of
// every package's cache key.
const GenerationFlag = "cachegen"

// VetOptions configures RunVet beyond Options.
type VetOptions struct {
	Tool  string   // the racecheck binary to use as vet tool
	Flags []string // analyzer flags for the tool, as -analyzer.flag=value
	State string   // directory of the cache generation file ("" = none)
	Trace io.Writer
	// Trace, if set, receives go vet's -x output: the tool runs it did
	// not take from the cache, each after a "cd <package dir>" line.

	// Serve, if set, starts a server that analyzes the tool runs' units
	// in this process (vettool.Listen) for one go vet run, and returns
	// the tool go vet should run instead of Tool (the vet client), the
	// environment entries that point it to the server and a function
	// that stops it. On an error go vet runs Tool, a process per unit.
	Serve func() (tool string, env []string, stop func(), err error)
	// Compile runs go vet even when the build cache lacks most compiled
	// dependencies, which go vet then compiles; else RunVet returns
	// ErrColdCache (buildcache.go).
	Compile bool
}

// ErrVetOutput marks output of go vet that RunVet cannot read, e.g. a
// corrupt cache entry; the caller falls back to the in-process driver.
var ErrVetOutput = errors.New("unreadable go vet output")

// RunVet analyzes the packages matched by patterns, with their tests,
// through go vet and its cache, and returns the findings as Run would.
// Any failure (packages that do not load, unreadable output, a cold
// build cache) is an error for which the caller should run the
// in-process driver, whose messages name the cause precisely.
func RunVet(patterns []string, opts Options, vo VetOptions) ([]findings.Finding, error) {
	cfg, goflags, err := configFlags(opts, 0)
	if err != nil {
		return nil, err
	}
	key := warmKey(cfg.Dir, cfg.Env, cfg.BuildFlags)
	if err := checkBuildCache(patterns, cfg, vo, key); err != nil {
		return nil, err
	}
	roots, err := listRoots(patterns, cfg.Dir, cfg.Env, cfg.BuildFlags)
	if err != nil {
		return nil, err
	}
	env, build := cfg.Env, cfg.BuildFlags
	// Without a state directory there is no record of earlier runs, and
	// the go command's defaults are the safe guess.
	here := hereKey(key, cfg.Dir)
	first := vo.State != "" && here != "" && !knownWarm(vo.State, here)
	if first {
		env, build = serialCompiles(env, goflags, build, runtime.GOMAXPROCS(0))
	}
	gen := readGeneration(vo.State)
	fnds, err := runVet(patterns, cfg.Dir, env, build, roots, gen, vo)
	if errors.Is(err, ErrVetOutput) && vo.State != "" {
		// A cache entry is corrupt: move every package to fresh keys,
		// which rebuilds the entries, and keep using them afterwards,
		// unless the fresh run fails the same way (then the cause is not
		// the cache, and the caller falls back to the in-process driver).
		fnds, err = runVet(patterns, cfg.Dir, env, build, roots, gen+1, vo)
		if err == nil {
			writeGeneration(vo.State, gen+1)
		}
	}
	if err == nil && first {
		markWarm(vo.State, here)
	}
	return fnds, err
}

// runVet runs go vet once and reads its output.
func runVet(patterns []string, dir string, env, build []string, roots map[string]root, gen int, vo VetOptions) ([]findings.Finding, error) {
	tool := vo.Tool
	if vo.Serve != nil {
		if client, entries, stop, err := vo.Serve(); err == nil {
			defer stop()
			tool = client
			if env == nil {
				env = os.Environ()
			}
			env = append(slices.Clip(env), entries...)
		}
	}
	args := append([]string{"vet"}, build...)
	if vo.Trace != nil {
		args = append(args, "-x")
	}
	args = append(args, "-vettool="+tool, "-json", "-"+AllDiagsFlag)
	if gen > 0 {
		args = append(args, "-"+GenerationFlag+"="+strconv.Itoa(gen))
	}
	if mods := mainModules(roots); mods != "" {
		args = append(args, "-"+MainModulesFlag+"="+mods)
	}
	args = append(args, vo.Flags...)
	cmd := exec.Command("go", append(append(args, "--"), patterns...)...)
	cmd.Dir, cmd.Env = dir, env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if vo.Trace != nil {
		vo.Trace.Write(stderr.Bytes())
	}
	if err != nil {
		return nil, fmt.Errorf("go vet: %v: %s", err, firstLine(stderr.String()))
	}
	return parseVetJSON(&stdout, roots)
}

// vetDiag is one diagnostic of go vet's JSON output.
type vetDiag struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Fixes    []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseVetJSON reads go vet's stream of JSON trees (package ID ->
// analyzer -> diagnostics or {"error": ...}) and returns the findings of
// the root packages, deduplicated and sorted like Collect's. A root unit
// without output means a cached output was lost (ErrVetOutput).
func parseVetJSON(r io.Reader, roots map[string]root) ([]findings.Finding, error) {
	dec := json.NewDecoder(r)
	seen := make(map[string]bool)
	units := make(map[string]bool) // package paths with a unit marker
	var out []findings.Finding
	var errs []error
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrVetOutput, err)
		}
		for id, byAnalyzer := range tree {
			pkg, ok := rootPackage(id, roots)
			if !ok {
				continue
			}
			for name, raw := range byAnalyzer {
				if name == UnitAnalyzer.Name {
					units[pkg] = true
					continue
				}
				fnds, err := vetFindings(pkg, name, raw)
				if err != nil {
					errs = append(errs, err)
				}
				for _, f := range fnds {
					k := f.Pos.String() + "\x00" + name + "\x00" + f.Message
					if !seen[k] {
						seen[k] = true
						out = append(out, f)
					}
				}
			}
		}
	}
	for path, r := range roots {
		if r.pkg && !units[path] || r.xtest && !units[path+"_test"] {
			return nil, fmt.Errorf("%w: no output for %s", ErrVetOutput, path)
		}
	}
	findings.Sort(out)
	return out, errors.Join(errs...)
}

// rootPackage returns the package path of a go vet package ID such as
// "p", "p [p.test]" or "p_test", and whether it is one of the roots (an
// external test package counts as its package's).
func rootPackage(id string, roots map[string]root) (string, bool) {
	pkg, _, _ := strings.Cut(id, " [")
	if _, ok := roots[pkg]; ok {
		return pkg, true
	}
	if base, ok := strings.CutSuffix(pkg, "_test"); ok && roots[base].xtest {
		return pkg, true
	}
	return pkg, false
}

// vetFindings converts one analyzer's entry of one package.
func vetFindings(pkg, analyzer string, raw json.RawMessage) ([]findings.Finding, error) {
	var failure struct {
		Err string `json:"error"`
	}
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		if err := json.Unmarshal(raw, &failure); err != nil {
			return nil, fmt.Errorf("%w: %s: %s: %v", ErrVetOutput, pkg, analyzer, err)
		}
		return nil, fmt.Errorf("%s: %s: %s", pkg, analyzer, failure.Err)
	}
	var diags []vetDiag
	if err := json.Unmarshal(raw, &diags); err != nil {
		return nil, fmt.Errorf("%w: %s: %s: %v", ErrVetOutput, pkg, analyzer, err)
	}
	out := make([]findings.Finding, 0, len(diags))
	for _, d := range diags {
		f := findings.Finding{Package: pkg, Analyzer: analyzer, Category: d.Category, Message: d.Message}
		var err error
		if f.Pos, err = parsePosn(d.Posn); err != nil {
			return nil, err
		}
		for _, r := range d.Related {
			p, err := parsePosn(r.Posn)
			if err != nil {
				return nil, err
			}
			f.Related = append(f.Related, findings.Related{Pos: p, Message: r.Message})
		}
		for _, fix := range d.Fixes {
			ff := findings.Fix{Message: fix.Message}
			for _, e := range fix.Edits {
				ff.Edits = append(ff.Edits, findings.Edit{File: e.Filename, Start: e.Start, End: e.End, New: e.New})
			}
			f.Fixes = append(f.Fixes, ff)
		}
		out = append(out, f)
	}
	return out, nil
}

// parsePosn parses "file:line:col" (or "file:line"), where the file name
// may itself contain colons.
func parsePosn(s string) (findings.Position, error) {
	bad := fmt.Errorf("%w: position %q", ErrVetOutput, s)
	rest, last, ok := cutLastColon(s)
	if !ok {
		return findings.Position{}, bad
	}
	n, err := strconv.Atoi(last)
	if err != nil {
		return findings.Position{}, bad
	}
	file, mid, ok := cutLastColon(rest)
	if m, err := strconv.Atoi(mid); ok && err == nil {
		return findings.Position{File: file, Line: m, Column: n}, nil
	}
	return findings.Position{File: rest, Line: n}, nil
}

func cutLastColon(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+1:], true
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// VetToolArgs prepares the arguments of a vet tool invocation (args
// without the program name): when go vet passes AllDiagsFlag and asks for
// facts only, unless FactsOnly leaves the unit to its facts
// (MainModulesFlag), it returns the arguments with a copy of the config that
// asks for diagnostics too, written beside the original in go vet's work
// directory. Otherwise, or on any error, it returns args unchanged and the
// tool does what go vet asked.
func VetToolArgs(args []string) []string {
	if !vetunit.IsUnit(args) || !hasFlag(args[:len(args)-1], AllDiagsFlag) || FactsOnly(args) {
		return args
	}
	name := args[len(args)-1]
	data, err := os.ReadFile(name)
	if err != nil {
		return args
	}
	var cfg map[string]any
	if err := json.Unmarshal(data, &cfg); err != nil || cfg["VetxOnly"] != true {
		return args
	}
	cfg["VetxOnly"] = false
	data, err = json.Marshal(cfg)
	if err != nil {
		return args
	}
	all := strings.TrimSuffix(name, ".cfg") + "-alldiags.cfg"
	if err := os.WriteFile(all, data, 0o666); err != nil {
		return args
	}
	return append(args[:len(args)-1:len(args)-1], all)
}

// EnableUnit returns the vet tool arguments args with UnitAnalyzer
// enabled explicitly when they select analyzers by name (-NAME=true among
// names), since unitchecker then runs the selected ones only.
func EnableUnit(args, names []string) []string {
	if len(args) < 2 {
		return args
	}
	for _, a := range args[:len(args)-1] {
		name, val, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (val == "" || val == "true") && slices.Contains(names, name) {
			out := append([]string{"-" + UnitAnalyzer.Name + "=true"}, args...)
			return out
		}
	}
	return args
}

// AllDiags reports whether the vet tool arguments args (without the
// program name) ask for AllDiagsFlag.
func AllDiags(args []string) bool { return len(args) > 1 && hasFlag(args[:len(args)-1], AllDiagsFlag) }

// hasFlag reports whether the boolean flag name is set in args.
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || a == name+"=true" {
			return true
		}
	}
	return false
}
