// Package exec builds packages with the race detector and runs the
// binaries as separate processes: one GOMAXPROCS value per process, a
// GORACE log file per run, a timeout that kills the whole process group,
// and sampling of the process's threads and memory while it runs.
package exec

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	osexec "os/exec"
	"strings"
)

// A Package is a package as go list describes it.
type Package struct {
	ImportPath   string
	Dir          string
	Name         string
	TestGoFiles  []string
	XTestGoFiles []string
	Module       *struct {
		Path string
		Dir  string
	}
	Error *struct{ Err string }
}

// HasTests reports whether the package has test files.
func (p Package) HasTests() bool { return len(p.TestGoFiles)+len(p.XTestGoFiles) > 0 }

// Go configures the go command.
type Go struct {
	Dir  string   // working directory ("" = current)
	Env  []string // nil = inherit
	Tags []string
	// Overlay, when set, is a go command -overlay file for builds: how
	// racecheck run -directed compiles rewritten copies of the sources.
	Overlay string
}

func (g Go) command(ctx context.Context, args ...string) *osexec.Cmd {
	cmd := osexec.CommandContext(ctx, "go", args...)
	cmd.Dir = g.Dir
	cmd.Env = g.Env
	return cmd
}

func (g Go) tagsFlag() []string {
	if len(g.Tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(g.Tags, ",")}
}

// List runs go list on patterns.
func (g Go) List(ctx context.Context, patterns []string) ([]Package, error) {
	args := append([]string{"list", "-e", "-json=ImportPath,Dir,Name,TestGoFiles,XTestGoFiles,Module,Error"}, g.tagsFlag()...)
	cmd := g.command(ctx, append(append(args, "--"), patterns...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %s", firstLines(stderr.String(), err))
	}
	var pkgs []Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p Package
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		if p.Error != nil && p.Dir == "" {
			return nil, fmt.Errorf("go list: %s", p.Error.Err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// A BuildError is a failed build; Output is the go command's output,
// which holds the compiler's errors.
type BuildError struct {
	Package string
	Output  string
	Err     error
}

func (e *BuildError) Error() string {
	if hint := cgoHint(e.Output); hint != "" {
		return fmt.Sprintf("building %s: %s", e.Package, hint)
	}
	return fmt.Sprintf("building %s: %v", e.Package, e.Err)
}

func (e *BuildError) Unwrap() error { return e.Err }

// cgoHint recognizes the go command's complaints when -race cannot work
// because cgo is off or there is no C compiler.
func cgoHint(out string) string {
	switch {
	case strings.Contains(out, "-race requires cgo"):
		return "-race requires cgo: set CGO_ENABLED=1 and install a C compiler (gcc)"
	case strings.Contains(out, "C compiler") && strings.Contains(out, "not found"):
		return "-race requires a C compiler: install gcc (or set CC)"
	}
	return ""
}

// BuildTest builds the test binary of pkg with the race detector and
// coverage of coverPkgs into out. A package without test files builds no
// binary: callers skip those.
func (g Go) BuildTest(ctx context.Context, pkg string, coverPkgs []string, out string) error {
	args := []string{"test", "-c", "-race", "-o", out}
	args = append(args, coverFlags(coverPkgs)...)
	return g.build(ctx, pkg, append(append(args, g.tagsFlag()...), pkg))
}

// BuildProgram builds the main package pkg with the race detector and
// coverage of coverPkgs into out.
func (g Go) BuildProgram(ctx context.Context, pkg string, coverPkgs []string, out string) error {
	args := []string{"build", "-race", "-o", out}
	args = append(args, coverFlags(coverPkgs)...)
	return g.build(ctx, pkg, append(append(args, g.tagsFlag()...), pkg))
}

func coverFlags(pkgs []string) []string {
	if len(pkgs) == 0 {
		return nil
	}
	return []string{"-cover", "-covermode=atomic", "-coverpkg=" + strings.Join(pkgs, ",")}
}

func (g Go) build(ctx context.Context, pkg string, args []string) error {
	if g.Overlay != "" {
		args = append([]string{args[0], "-overlay=" + g.Overlay}, args[1:]...)
	}
	cmd := g.command(ctx, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &BuildError{Package: pkg, Output: string(out), Err: errors.New(firstLines(string(out), err))}
	}
	return nil
}

// CoverText converts a GOCOVERDIR directory into a text profile.
func (g Go) CoverText(ctx context.Context, covDir, out string) error {
	cmd := g.command(ctx, "tool", "covdata", "textfmt", "-i="+covDir, "-o="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go tool covdata: %s", firstLines(string(b), err))
	}
	return nil
}

// firstLines returns the command's output, trimmed, or the error when
// there is none.
func firstLines(out string, err error) string {
	if s := strings.TrimSpace(out); s != "" {
		return s
	}
	return err.Error()
}
