package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/racecheck/racecheck/analyzer/category"
	"github.com/racecheck/racecheck/runner/findings"
)

// A SARIFResult is one result of a SARIF log: a finding with the level it
// is reported at ("error", "warning" or "note") and, for racecheck run, its
// correlation class (empty for the static check alone).
type SARIFResult struct {
	Finding findings.Finding
	Level   string
	Class   string
}

// SARIF schema and tool identity written into every log.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolURI      = "https://github.com/racecheck/racecheck"
	srcRoot      = "%SRCROOT%"
	// fingerprintKey names racecheck's own partial fingerprint, which
	// code scanning uses, with its own, to track an alert across commits.
	fingerprintKey = "racecheckFinding/v1"
)

// The subset of SARIF 2.1.0 racecheck writes. Field order follows the
// specification, so that logs read naturally.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                  `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifact   `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResultJSON          `json:"results"`
		ColumnKind         string                     `json:"columnKind"`
		Properties         map[string]json.RawMessage `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name,omitempty"`
		ShortDescription     sarifText         `json:"shortDescription"`
		FullDescription      sarifText         `json:"fullDescription"`
		Help                 sarifHelp         `json:"help"`
		HelpURI              string            `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
		Properties           sarifRuleProperty `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProperty struct {
		Tags      []string `json:"tags"`
		Precision string   `json:"precision"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifResultJSON struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           *int              `json:"ruleIndex,omitempty"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
		Properties          map[string]string `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifRegion struct {
		StartLine   int  `json:"startLine,omitempty"`
		StartColumn int  `json:"startColumn,omitempty"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

// SARIF writes results as a SARIF 2.1.0 log in the form GitHub code
// scanning accepts: one rule per category (from analyzer/category), and
// results with repository-relative locations, related locations and a
// partial fingerprint that does not change when lines shift. Paths
// under dir are written relative to it; others as absolute file URIs.
// version is racecheck's, for tool.driver.version.
func SARIF(w io.Writer, dir, version string, results []SARIFResult) error {
	rules, index := sarifRules(results)
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: "racecheck", Version: version, InformationURI: toolURI, Rules: rules}},
		Results:    []sarifResultJSON{},
		ColumnKind: "unicodeCodePoints",
	}
	if dir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: fileURI(dir) + "/"}}
	}
	fp := newFingerprinter()
	cols := newColumns()
	for _, r := range results {
		run.Results = append(run.Results, sarifResultOf(dir, r, index, fp, cols))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return fmt.Errorf("writing sarif: %w", err)
	}
	return nil
}

// sarifRules returns a rule for every documented category, plus a bare
// one for any category a result uses that is not documented, and the
// index of each rule by ID.
func sarifRules(results []SARIFResult) ([]sarifRule, map[string]int) {
	index := make(map[string]int)
	var rules []sarifRule
	for _, d := range category.All() {
		index[d.ID] = len(rules)
		rules = append(rules, ruleOf(d))
	}
	for _, r := range results {
		id := ruleID(r.Finding)
		if _, ok := index[id]; !ok {
			index[id] = len(rules)
			rules = append(rules, ruleOf(category.Doc{ID: id, Analyzer: r.Finding.Analyzer,
				Title: "finding of the " + r.Finding.Analyzer + " analyzer", Severity: "warning"}))
		}
	}
	return rules, index
}

func ruleOf(d category.Doc) sarifRule {
	full := strings.Join(strings.Fields(d.Text), " ")
	if full == "" {
		full = d.Title
	}
	tags := []string{"concurrency"}
	if d.Analyzer != "" {
		tags = append(tags, d.Analyzer)
	}
	return sarifRule{
		ID:                   d.ID,
		Name:                 ruleName(d.ID),
		ShortDescription:     sarifText{Text: d.Title},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: ExplainText(d), Markdown: ExplainMarkdown(d)},
		HelpURI:              toolURI + "/blob/main/docs/checks.md#" + d.ID,
		DefaultConfiguration: sarifRuleConfig{Level: levelOf(d.Severity)},
		Properties:           sarifRuleProperty{Tags: tags, Precision: "high"},
	}
}

// ruleName turns captured-var into CapturedVar, SARIF's name style.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func ruleID(f findings.Finding) string {
	if f.Category != "" {
		return f.Category
	}
	return f.Analyzer
}

// levelOf maps a category severity to a SARIF level.
func levelOf(severity string) string {
	switch severity {
	case "error", "warning", "note":
		return severity
	}
	return "warning"
}

func sarifResultOf(dir string, r SARIFResult, index map[string]int, fp *fingerprinter, cols *columns) sarifResultJSON {
	f := r.Finding
	id := ruleID(f)
	i := index[id]
	level := r.Level
	if level == "" {
		d, _ := category.Lookup(id)
		level = levelOf(d.Severity)
	}
	res := sarifResultJSON{
		RuleID:              id,
		RuleIndex:           &i,
		Level:               level,
		Message:             sarifText{Text: f.Message},
		Locations:           []sarifLocation{{PhysicalLocation: physical(dir, f.Pos, cols)}},
		PartialFingerprints: map[string]string{fingerprintKey: fp.of(dir, f)},
		Properties:          map[string]string{"analyzer": f.Analyzer, "package": f.Package},
	}
	if r.Class != "" {
		res.Properties["class"] = r.Class
	}
	for j, rel := range f.Related {
		id := j + 1
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID: &id, PhysicalLocation: physical(dir, rel.Pos, cols), Message: &sarifText{Text: rel.Message}})
	}
	for _, fix := range f.Fixes {
		res.Fixes = append(res.Fixes, sarifFixOf(dir, fix))
	}
	return res
}

func sarifFixOf(dir string, fix findings.Fix) sarifFix {
	out := sarifFix{Description: sarifText{Text: fix.Message}}
	byFile := make(map[string]int)
	for _, e := range fix.Edits {
		k, ok := byFile[e.File]
		if !ok {
			k = len(out.ArtifactChanges)
			byFile[e.File] = k
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(dir, e.File)})
		}
		start, length := e.Start, e.End-e.Start
		out.ArtifactChanges[k].Replacements = append(out.ArtifactChanges[k].Replacements, sarifReplacement{
			DeletedRegion:   sarifRegion{ByteOffset: &start, ByteLength: &length},
			InsertedContent: sarifText{Text: e.New},
		})
	}
	return out
}

func physical(dir string, p findings.Position, cols *columns) sarifPhysical {
	ph := sarifPhysical{ArtifactLocation: artifact(dir, p.File)}
	if p.Line > 0 {
		ph.Region = &sarifRegion{StartLine: p.Line, StartColumn: cols.runeColumn(p)}
	}
	return ph
}

// columns converts Go's byte columns to the code-point columns the log
// declares (columnKind), reading each file once. When a file cannot be
// read, the byte column stands: exact for ASCII lines.
type columns struct {
	lines map[string][]string
}

func newColumns() *columns { return &columns{lines: make(map[string][]string)} }

func (c *columns) runeColumn(p findings.Position) int {
	if p.Column <= 1 {
		return p.Column
	}
	lines, ok := c.lines[p.File]
	if !ok {
		if data, err := os.ReadFile(p.File); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c.lines[p.File] = lines
	}
	if p.Line > len(lines) || p.Column-1 > len(lines[p.Line-1]) {
		return p.Column
	}
	return utf8.RuneCountInString(lines[p.Line-1][:p.Column-1]) + 1
}

// artifact locates file relative to %SRCROOT% (dir) when it lies there,
// as code scanning needs repository-relative paths.
func artifact(dir, file string) sarifArtifact {
	rel := Rel(dir, file)
	if filepath.IsAbs(rel) {
		return sarifArtifact{URI: fileURI(rel)}
	}
	u := url.URL{Path: filepath.ToSlash(rel)}
	return sarifArtifact{URI: u.EscapedPath(), URIBaseID: srcRoot}
}

func fileURI(path string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows drive letters
	}
	return u.String()
}

// positionRef matches file:line[:col] references inside messages.
var positionRef = regexp.MustCompile(`(\.go):\d+(:\d+)?`)

// A fingerprinter computes partial fingerprints: a hash of the rule,
// the repository-relative file and the message with line numbers
// removed, so that an alert survives edits above it; findings alike in
// all of these are told apart by their order in the file.
type fingerprinter struct {
	seen map[string]int
}

func newFingerprinter() *fingerprinter { return &fingerprinter{seen: make(map[string]int)} }

func (fp *fingerprinter) of(dir string, f findings.Finding) string {
	key := strings.Join([]string{ruleID(f), filepath.ToSlash(Rel(dir, f.Pos.File)),
		positionRef.ReplaceAllString(f.Message, "$1")}, "\x00")
	n := fp.seen[key]
	fp.seen[key] = n + 1
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
	return hex.EncodeToString(sum[:16])
}
