package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/racecheck/racecheck/analyzer/category"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/report"
)

// sarifFixture returns results covering every part of the output: a
// race with related locations, a fix and a correlation class, a
// finding in a file outside dir, and an undocumented category.
func sarifFixture(dir string) []report.SARIFResult {
	file := filepath.Join(dir, "pkg", "worker.go")
	return []report.SARIFResult{
		{
			Finding: findings.Finding{
				Package: "example.com/m/pkg", Analyzer: "wgadd", Category: "waitgroup-add",
				Message: "wg.Add runs inside the goroutine it counts (worker.go:12)",
				Pos:     findings.Position{File: file, Line: 14, Column: 3},
				Related: []findings.Related{
					{Pos: findings.Position{File: file, Line: 12, Column: 2}, Message: "goroutine started here"},
					{Pos: findings.Position{File: file, Line: 20, Column: 2}, Message: "wg.Wait here"},
				},
				Fixes: []findings.Fix{{Message: "move wg.Add(1) before the go statement", Edits: []findings.Edit{
					{File: file, Start: 100, End: 100, New: "wg.Add(1)\n\t"},
					{File: file, Start: 120, End: 131},
				}}},
			},
			Level: "error",
			Class: "confirmed",
		},
		{
			Finding: findings.Finding{
				Package: "example.com/m", Analyzer: "experimental", Category: "not-documented-yet",
				Message: "something", Pos: findings.Position{File: "/elsewhere/x.go", Line: 3},
			},
		},
	}
}

func writeSARIF(t *testing.T, dir string, results []report.SARIFResult) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.SARIF(&buf, dir, "v1.2.3", results); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sarifSchema compiles the SARIF 2.1.0 schema in testdata/sarif, with
// format assertions (uri, uri-reference) on.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "sarif", "sarif-2.1.0-rtm.5.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	s := sarifSchema(t)
	dir := t.TempDir()
	for name, results := range map[string][]report.SARIFResult{
		"findings": sarifFixture(dir),
		"empty":    nil,
	} {
		if err := validate(t, s, writeSARIF(t, dir, results)); err != nil {
			t.Errorf("%s: output does not validate: %v", name, err)
		}
	}
	// The validation can fail: a log with a wrong version and a result
	// without a message is rejected.
	bad := []byte(`{"version":"2.0.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}`)
	if err := validate(t, s, bad); err == nil {
		t.Error("schema accepted an invalid log")
	}
}

// sarifDoc is the part of the log code scanning reads.
type sarifDoc struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string                `json:"id"`
					ShortDescription struct{ Text string } `json:"shortDescription"`
					FullDescription  struct{ Text string } `json:"fullDescription"`
					Help             struct{ Text, Markdown string }
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string                `json:"ruleId"`
			RuleIndex int                   `json:"ruleIndex"`
			Level     string                `json:"level"`
			Message   struct{ Text string } `json:"message"`
			Locations []sarifLoc            `json:"locations"`
			Related   []sarifLoc            `json:"relatedLocations"`
			Prints    map[string]string     `json:"partialFingerprints"`
			Props     map[string]string     `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifLoc struct {
	Physical struct {
		Artifact struct {
			URI    string `json:"uri"`
			BaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
	Message struct{ Text string } `json:"message"`
}

func decode(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", doc.Version, len(doc.Runs))
	}
	return doc
}

func TestSARIFRules(t *testing.T) {
	dir := t.TempDir()
	run := decode(t, writeSARIF(t, dir, sarifFixture(dir))).Runs[0]
	rules := run.Tool.Driver.Rules
	byID := make(map[string]int)
	for i, r := range rules {
		byID[r.ID] = i
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %s lacks a short or full description or help", r.ID)
		}
	}
	for _, d := range category.All() {
		i, ok := byID[d.ID]
		if !ok {
			t.Errorf("no rule for category %s", d.ID)
			continue
		}
		r := rules[i]
		if r.ShortDescription.Text != d.Title || !strings.Contains(r.Help.Text, firstLine(d.Bad)) ||
			!strings.Contains(r.Help.Markdown, strings.TrimSpace(d.Good)) {
			t.Errorf("rule %s does not carry the category's title and examples", d.ID)
		}
	}
	if _, ok := byID["not-documented-yet"]; !ok {
		t.Error("no rule for an undocumented category a result uses")
	}
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d, the index of %s", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
	}
}

func TestSARIFResults(t *testing.T) {
	dir := t.TempDir()
	run := decode(t, writeSARIF(t, dir, sarifFixture(dir))).Runs[0]
	if len(run.Results) != 2 {
		t.Fatalf("%d results, want 2", len(run.Results))
	}
	race := run.Results[0]
	if race.RuleID != "waitgroup-add" || race.Level != "error" || race.Message.Text == "" || race.Props["class"] != "confirmed" {
		t.Errorf("result: %+v", race)
	}
	loc := race.Locations[0].Physical
	if loc.Artifact.URI != "pkg/worker.go" || loc.Artifact.BaseID != "%SRCROOT%" || loc.Region.StartLine != 14 || loc.Region.StartColumn != 3 {
		t.Errorf("location %+v, want pkg/worker.go:14:3 relative to %%SRCROOT%%", loc)
	}
	if len(race.Related) != 2 || race.Related[0].Physical.Region.StartLine != 12 || race.Related[1].Message.Text != "wg.Wait here" {
		t.Errorf("related locations %+v", race.Related)
	}
	if len(race.Prints) == 0 {
		t.Error("no partialFingerprints")
	}
	other := run.Results[1]
	if uri := other.Locations[0].Physical.Artifact.URI; uri != "file:///elsewhere/x.go" {
		t.Errorf("file outside dir: uri %q, want an absolute file URI", uri)
	}
	// Without a level, the category's severity decides; unknown ones warn.
	if other.Level != "warning" {
		t.Errorf("undocumented category: level %q, want warning", other.Level)
	}
}

// TestSARIFFingerprints checks that a finding keeps its fingerprint when
// lines above it move, and that different findings get different ones.
func TestSARIFFingerprints(t *testing.T) {
	dir := t.TempDir()
	print := func(results []report.SARIFResult) []string {
		var out []string
		for _, r := range decode(t, writeSARIF(t, dir, results)).Runs[0].Results {
			out = append(out, r.Prints["racecheckFinding/v1"])
		}
		return out
	}
	base := sarifFixture(dir)[:1]
	moved := sarifFixture(dir)[:1]
	moved[0].Finding.Pos.Line += 5
	moved[0].Finding.Message = "wg.Add runs inside the goroutine it counts (worker.go:17)"
	if a, b := print(base), print(moved); a[0] != b[0] {
		t.Errorf("fingerprint changed when lines moved: %s, %s", a[0], b[0])
	}
	twice := append(sarifFixture(dir)[:1], sarifFixture(dir)[:1]...)
	twice[1].Finding.Pos.Line = 40
	if p := print(twice); p[0] == p[1] {
		t.Error("two alike findings in one file share a fingerprint")
	}
	renamed := sarifFixture(dir)[:1]
	renamed[0].Finding.Message = "v.Add runs inside the goroutine it counts"
	if a, b := print(base), print(renamed); a[0] == b[0] {
		t.Error("different messages share a fingerprint")
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}

// TestSARIFColumns checks that byte columns become code-point columns,
// as the log's columnKind says.
func TestSARIFColumns(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.go")
	line := "var s = \"héllo\"; var n int"
	if err := os.WriteFile(file, []byte("package p\n\n"+line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	byteCol := strings.Index(line, "var n") + 1
	res := []report.SARIFResult{{Finding: findings.Finding{Analyzer: "race", Category: "global-var", Message: "m",
		Pos: findings.Position{File: file, Line: 3, Column: byteCol}}}}
	got := decode(t, writeSARIF(t, dir, res)).Runs[0].Results[0].Locations[0].Physical.Region.StartColumn
	if want := byteCol - 1; got != want { // é is two bytes, one code point
		t.Errorf("startColumn %d, want %d", got, want)
	}
}
