package golangci_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/analyzer"
	"github.com/racecheck/racecheck/analyzer/golangci"
	"github.com/racecheck/racecheck/analyzer/internal/suppress"
	"github.com/racecheck/racecheck/analyzer/wgadd"
)

// newPlugin builds the plugin through the register API, as
// golangci-lint does, from settings decoded from YAML into maps.
func newPlugin(t *testing.T, settings any) ([]*analysis.Analyzer, string, error) {
	t.Helper()
	ctor, err := register.GetPlugin(golangci.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ctor(settings)
	if err != nil {
		return nil, "", err
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return as, p.GetLoadMode(), nil
}

func names(as []*analysis.Analyzer) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return strings.Join(out, ",")
}

func TestDefaults(t *testing.T) {
	as, mode, err := newPlugin(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(as), names(analyzer.Suite()); got != want {
		t.Errorf("analyzers %s, want the suite %s", got, want)
	}
	if mode != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", mode, register.LoadModeTypesInfo)
	}
	for _, a := range as {
		if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
			t.Errorf("%s: %v", a.Name, err)
		}
	}
}

func TestSettingsMapToFlags(t *testing.T) {
	flag := wgadd.Analyzer.Flags.Lookup(suppress.UnusedFlag)
	defer flag.Value.Set("true")
	settings := map[string]any{
		"analyzers":         []any{"wgadd", "ignoredirective", "wgadd"},
		"unused-directives": false,
	}
	as, _, err := newPlugin(t, settings)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(as); got != "wgadd,ignoredirective" {
		t.Errorf("analyzers %s, want wgadd,ignoredirective in suite order without duplicates", got)
	}
	if got := flag.Value.String(); got != "false" {
		t.Errorf("wgadd.unused-directives = %s after unused-directives: false", got)
	}
	// The generic form reaches the same flag.
	if _, _, err := newPlugin(t, map[string]any{"flags": map[string]any{"wgadd": map[string]any{"unused-directives": "true"}}}); err != nil {
		t.Fatal(err)
	}
	if got := flag.Value.String(); got != "true" {
		t.Errorf("wgadd.unused-directives = %s after flags.wgadd.unused-directives: true", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		settings any
		want     string
	}{
		{map[string]any{"analyzers": []any{"nosuch"}}, `unknown analyzer "nosuch"`},
		{map[string]any{"flags": map[string]any{"nosuch": map[string]any{}}}, `flags for unknown analyzer "nosuch"`},
		{map[string]any{"flags": map[string]any{"wgadd": map[string]any{"nosuch": "1"}}}, `analyzer wgadd has no flag "nosuch"`},
		{map[string]any{"flags": map[string]any{"wgadd": map[string]any{"unused-directives": "maybe"}}}, `wgadd.unused-directives`},
		{map[string]any{"typo": true}, `unknown field "typo"`},
	} {
		_, _, err := newPlugin(t, tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("settings %v: error %v, want one containing %q", tc.settings, err, tc.want)
		}
	}
}

// TestNotInBinary keeps the plugin's dependency out of the racecheck
// command.
func TestNotInBinary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/racecheck/racecheck/cmd/racecheck").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range []string{"github.com/golangci/plugin-module-register/register", "github.com/racecheck/racecheck/analyzer/golangci"} {
		if strings.Contains(string(out), dep+"\n") {
			t.Errorf("cmd/racecheck depends on %s", dep)
		}
	}
}
