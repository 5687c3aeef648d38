package runner

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/racecheck/racecheck/runner/exec"
)

// A funcSpan is a top-level function of a test file and its lines.
type funcSpan struct {
	name       string
	start, end int
	test       bool // a Test, Fuzz, Benchmark or Example function
}

// testFiles indexes the functions of the test files of the packages run:
// which tests a binary holds, and which function a finding in a test
// file lies in. Coverage never instruments test files, so what ran there
// is told by the tests that started.
type testFiles struct {
	funcs map[string][]funcSpan // absolute file name -> its functions
	tests map[string][]string   // package directory -> its test functions
}

func indexTestFiles(pkgs []exec.Package) testFiles {
	tf := testFiles{funcs: make(map[string][]funcSpan), tests: make(map[string][]string)}
	fset := token.NewFileSet()
	for _, p := range pkgs {
		for _, name := range slices.Concat(p.TestGoFiles, p.XTestGoFiles) {
			file := filepath.Join(p.Dir, name)
			f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
			if err != nil {
				continue // the build reports it
			}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Recv != nil {
					continue
				}
				s := funcSpan{name: fd.Name.Name, start: fset.Position(fd.Pos()).Line, end: fset.Position(fd.End()).Line, test: isTestName(fd.Name.Name)}
				tf.funcs[file] = append(tf.funcs[file], s)
				if s.test {
					tf.tests[p.Dir] = append(tf.tests[p.Dir], s.name)
				}
			}
		}
		slices.Sort(tf.tests[p.Dir])
	}
	return tf
}

// isTestName reports whether name is one the go command runs or lists
// as a test, fuzz target, benchmark or example.
func isTestName(name string) bool {
	for _, p := range []string{"Test", "Fuzz", "Benchmark", "Example"} {
		if rest, ok := strings.CutPrefix(name, p); ok && name != "TestMain" {
			r, _ := utf8.DecodeRuneInString(rest)
			return rest == "" || !unicode.IsLower(r)
		}
	}
	return false
}

// enclosing returns the top-level function of a test file holding line.
func (tf testFiles) enclosing(file string, line int) (funcSpan, bool) {
	for _, s := range tf.funcs[file] {
		if s.start <= line && line <= s.end {
			return s, true
		}
	}
	return funcSpan{}, false
}

// selected returns the tests of dir that -run and -skip let start: they
// are matched on their top-level part, as the testing package does.
func (tf testFiles) selected(dir string, opts Options) []string {
	run, skip := topPattern(opts.TestRun), (*regexp.Regexp)(nil)
	if !strings.Contains(opts.TestSkip, "/") {
		// A -skip pattern with a slash skips subtests only.
		skip = topPattern(opts.TestSkip)
	}
	var out []string
	for _, name := range tf.tests[dir] {
		if strings.HasPrefix(name, "Benchmark") || run != nil && !run.MatchString(name) || skip != nil && skip.MatchString(name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

// topPattern compiles the top-level part of a -run or -skip pattern, or
// returns nil when there is none or it does not compile.
func topPattern(p string) *regexp.Regexp {
	top, _, _ := strings.Cut(p, "/")
	if top == "" {
		return nil
	}
	re, err := regexp.Compile(top)
	if err != nil {
		return nil
	}
	return re
}
