package vetunit

import (
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

const unitSrc = "package p\n\nfunc F() {\n\tprintln(1)\n}\n"

// reporter reports one diagnostic with a category, a related position
// and a fix on F's body, and counts its runs in *runs.
func reporter(runs *int) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "reporter",
		Doc:  "reports F (test)",
		URL:  "https://example.com/reporter",
		Run: func(pass *analysis.Pass) (any, error) {
			*runs++
			fn := pass.Files[0].Decls[0].(*ast.FuncDecl)
			call := fn.Body.List[0]
			pass.Report(analysis.Diagnostic{
				Pos: call.Pos(), End: call.End(), Category: "cat", Message: "call in F",
				Related:        []analysis.RelatedInformation{{Pos: fn.Name.Pos(), Message: "F declared here"}},
				SuggestedFixes: []analysis.SuggestedFix{{Message: "drop it", TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End()}}}},
			})
			return nil, nil
		},
	}
}

// TestDiagnosticsJSON checks -json output field by field, as go vet
// reads it (and racecheck's cache, internal/driver/vet.go).
func TestDiagnosticsJSON(t *testing.T) {
	dir := t.TempDir()
	cfg := writeUnit(t, dir, unitSrc, nil)
	var runs int
	code, stdout, stderr := runMain([]string{"-json", cfg}, reporter(&runs))
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	goFile := filepath.Join(dir, "p.go")
	want := `{
	"example.com/p": {
		"reporter": [
			{
				"category": "cat",
				"posn": "` + goFile + `:4:2",
				"end": "` + goFile + `:4:12",
				"message": "call in F",
				"suggested_fixes": [
					{
						"message": "drop it",
						"edits": [
							{
								"filename": "` + goFile + `",
								"start": 23,
								"end": 33,
								"new": ""
							}
						]
					}
				],
				"related": [
					{
						"posn": "` + goFile + `:3:6",
						"end": "` + goFile + `:3:6",
						"message": "F declared here"
					}
				]
			}
		]
	}
}
`
	if stdout != want {
		t.Errorf("JSON output:\n%s\nwant\n%s", stdout, want)
	}
}

// TestDiagnosticsText checks the plain output on stderr and its exit
// code, with and without -c.
func TestDiagnosticsText(t *testing.T) {
	dir := t.TempDir()
	cfg := writeUnit(t, dir, unitSrc, nil)
	goFile := filepath.Join(dir, "p.go")
	var runs int
	code, stdout, stderr := runMain([]string{cfg}, reporter(&runs))
	want := goFile + ":4:2: call in F\n" + goFile + ":3:6: \tF declared here\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("text: exit %d, stdout %q, stderr\n%q\nwant exit 1 and\n%q", code, stdout, stderr, want)
	}
	code, _, stderr = runMain([]string{"-c=0", cfg}, reporter(&runs))
	want = goFile + ":4:2: call in F\n4\t\tprintln(1)\n" + goFile + ":3:6: \tF declared here\n3\tfunc F() {\n"
	if code != 1 || stderr != want {
		t.Errorf("-c=0: exit %d, stderr\n%q\nwant\n%q", code, stderr, want)
	}
}

// TestAnalyzerError: a failed analyzer is an error entry in JSON, a
// logged line and exit 1 in text, and fails what requires it.
func TestAnalyzerError(t *testing.T) {
	failing := &analysis.Analyzer{Name: "failing", Doc: "fails (test)",
		Run: func(*analysis.Pass) (any, error) { return nil, errors.New("broken") }}
	dependent := &analysis.Analyzer{Name: "dependent", Doc: "requires failing (test)", Requires: []*analysis.Analyzer{failing},
		Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	cfg := writeUnit(t, t.TempDir(), unitSrc, nil)
	code, stdout, _ := runMain([]string{"-json", cfg}, dependent, failing)
	var tree map[string]map[string]struct{ Error string }
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	got := tree["example.com/p"]
	if code != 0 || got["failing"].Error != "broken" || got["dependent"].Error != "failed prerequisites: failing" {
		t.Errorf("-json: exit %d, output %s", code, stdout)
	}
	code, _, stderr := runMain([]string{cfg}, dependent, failing)
	if code != 1 || stderr != "tool: failed prerequisites: failing\ntool: broken\n" {
		t.Errorf("text: exit %d, stderr %q", code, stderr)
	}
}

// TestVetxOnly: on a unit analyzed for facts only, analyzers without
// facts that no fact analyzer requires do not run, nothing is printed,
// and the facts are written.
func TestVetxOnly(t *testing.T) {
	dir := t.TempDir()
	cfg := writeUnit(t, dir, unitSrc, func(c *Config) { c.VetxOnly = true })
	var runs int
	code, stdout, stderr := runMain([]string{"-json", cfg}, reporter(&runs), factAnalyzer())
	if code != 0 || stdout != "" || stderr != "" || runs != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %q, reporter ran %d times", code, stdout, stderr, runs)
	}
	data, err := os.ReadFile(filepath.Join(dir, "vet.out"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"example.com/p.F", "facttest.PkgFact"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("facts file lacks %q: %q", want, data)
		}
	}
	// Without VetxOnly the reporter runs.
	cfg = writeUnit(t, dir, unitSrc, nil)
	if runMain([]string{"-json", cfg}, reporter(&runs), factAnalyzer()); runs != 1 {
		t.Errorf("reporter ran %d times on a full unit, want 1", runs)
	}
}

// TestTypeErrors: a type error is printed plainly (exit 1), silently on
// a facts-only unit (exit 1), and ignored with SucceedOnTypecheckFailure.
func TestTypeErrors(t *testing.T) {
	const bad = "package p\n\nvar x int = \"s\"\n"
	dir := t.TempDir()
	var runs int
	cases := []struct {
		edit   func(*Config)
		code   int
		stderr string
	}{
		{nil, 1, filepath.Join(dir, "p.go") + ":3:13: cannot use \"s\" (untyped string constant) as int value in variable declaration\n"},
		{func(c *Config) { c.VetxOnly = true }, 1, ""},
		{func(c *Config) { c.SucceedOnTypecheckFailure = true }, 0, ""},
	}
	for i, c := range cases {
		cfg := writeUnit(t, dir, bad, c.edit)
		if code, _, stderr := runMain([]string{cfg}, reporter(&runs)); code != c.code || stderr != c.stderr {
			t.Errorf("case %d: exit %d, stderr %q; want %d, %q", i, code, stderr, c.code, c.stderr)
		}
	}
}

// TestFlags: -flags lists the analyzers' flags and enable flags for go
// vet, -NAME selects analyzers, -V=full answers with the version.
func TestFlags(t *testing.T) {
	var runs int
	r := reporter(&runs)
	r.Flags.Bool("loud", false, "report loudly")
	code, stdout, _ := runMain([]string{"-flags"}, r)
	var flags []struct {
		Name  string
		Bool  bool
		Usage string
	}
	if err := json.Unmarshal([]byte(stdout), &flags); code != 0 || err != nil {
		t.Fatalf("-flags: exit %d, %v: %s", code, err, stdout)
	}
	names := make(map[string]bool)
	for _, f := range flags {
		names[f.Name] = f.Bool
	}
	for _, want := range []string{"reporter", "reporter.loud", "json", "V", "flags"} {
		if !names[want] {
			t.Errorf("-flags lacks boolean flag %q: %s", want, stdout)
		}
	}
	if _, ok := names["fix"]; ok {
		t.Error("-flags lists -fix, which go vet must not pass")
	}
	if _, ok := names["c"]; !ok {
		t.Error("-flags lacks -c")
	}
	if code, stdout, _ := runMain([]string{"-V=full"}, r); code != 0 || stdout != "tool version devel buildID=x\n" {
		t.Errorf("-V=full: exit %d, %q", code, stdout)
	}
	if code, _, stderr := runMain([]string{"-V=short"}, r); code != 1 || !strings.Contains(stderr, "use -V=full") {
		t.Errorf("-V=short: exit %d, %q", code, stderr)
	}
}

// TestSelection: -NAME runs only the analyzers named, -NAME=false all
// but those.
func TestSelection(t *testing.T) {
	var a, b int
	ra, rb := reporter(&a), reporter(&b)
	rb.Name = "other"
	cfg := writeUnit(t, t.TempDir(), unitSrc, nil)
	for _, c := range []struct {
		flag   string
		wa, wb int
	}{{"-reporter", 1, 0}, {"-reporter=false", 1, 1}, {"-other=true", 1, 2}} {
		runMain([]string{"-json", c.flag, cfg}, ra, rb)
		if a != c.wa || b != c.wb {
			t.Errorf("after %s: runs %d, %d; want %d, %d", c.flag, a, b, c.wa, c.wb)
		}
	}
	if code, _, stderr := runMain([]string{"-nosuch", cfg}, ra); code != 1 || !strings.Contains(stderr, "-nosuch") {
		t.Errorf("unknown flag: exit %d, %q", code, stderr)
	}
}

func TestWantsFix(t *testing.T) {
	for args, want := range map[string]bool{
		"-fix x.cfg": true, "--fix -diff x.cfg": true, "-fix=true x.cfg": true,
		"-fix=false x.cfg": false, "-json x.cfg": false, "fix.cfg": false, "-fixes x.cfg": false,
	} {
		if got := WantsFix(strings.Fields(args)); got != want {
			t.Errorf("WantsFix(%s) = %v, want %v", args, got, want)
		}
	}
}

// TestSharedFlags: with Options.SharedFlags, Main runs a unit whose
// analyzer flags hold the values its command line gives them, writes none
// of them, and declines a unit that would need other values.
func TestSharedFlags(t *testing.T) {
	var runs int
	r := reporter(&runs)
	r.Flags.Int("level", 1, "level")
	cfg := writeUnit(t, t.TempDir(), unitSrc, nil)
	r.Flags.Set("level", "2")
	shared := Options{SharedFlags: true}
	for _, c := range []struct {
		args []string
		code int
		runs int
	}{
		{[]string{"-json", "-reporter.level=2", cfg}, 0, 1},
		{[]string{"-json", "-reporter.level=3", cfg}, Declined, 1},
		{[]string{"-json", cfg}, Declined, 1}, // the default, 1
	} {
		var stdout, stderr bytes.Buffer
		code := Main("tool", c.args, []*analysis.Analyzer{r}, shared, &stdout, &stderr)
		if code != c.code || runs != c.runs {
			t.Errorf("%q: exit %d after %d runs, want %d after %d", c.args, code, runs, c.code, c.runs)
		}
		if code == Declined && stdout.Len()+stderr.Len() > 0 {
			t.Errorf("%q: declined with output %q %q", c.args, stdout.String(), stderr.String())
		}
		if v := r.Flags.Lookup("level").Value.String(); v != "2" {
			t.Fatalf("%q: flag set to %s", c.args, v)
		}
	}
}
