package runner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/racecheck/racecheck/runner/correlate"
	"github.com/racecheck/racecheck/runner/exec"
	"github.com/racecheck/racecheck/runner/findings"
	"github.com/racecheck/racecheck/runner/parse"
	"github.com/racecheck/racecheck/runner/report"
)

// Logs accumulates inputs of racecheck correlate: logs from elsewhere,
// coverage profiles and -json outputs of racecheck run (shards).
type Logs struct {
	Module   correlate.Module
	Findings []findings.Finding
	CPUs     int
	IsSpawn  func(string) bool

	obs    []correlate.Observation
	logs   int
	merged [][]correlate.Race
	runs   []report.RunInfo
	exec   []correlate.Exec
	fails  []report.Failure
}

// AddLog reads one input, telling the formats apart by their content:
// racecheck run -json, go test -json events, or raw text.
func (l *Logs) AddLog(name string, r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("reading %s: %w", name, err)
	}
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")) && json.Valid(trimmed) && bytes.Contains(trimmed, []byte(`"version"`)):
		run, err := report.ReadRunJSON(bytes.NewReader(trimmed))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		l.addRun(run)
		return nil
	case isTestJSON(trimmed):
		log, err := parse.TestJSON(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		l.addParsed(name, log)
	default:
		log, err := parse.Text(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		l.addParsed(name, log)
	}
	return nil
}

// isTestJSON reports whether the first line is a test2json event.
func isTestJSON(data []byte) bool {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	var e struct{ Action string }
	return json.Unmarshal(line, &e) == nil && e.Action != ""
}

// addParsed records one log as one run of unknown GOMAXPROCS.
func (l *Logs) addParsed(name string, log *parse.Log) {
	l.logs++
	id := fmt.Sprintf("%s#%d", name, l.logs)
	for _, r := range log.Reports {
		l.obs = append(l.obs, correlate.Observation{Report: r, Run: id})
	}
	l.runs = append(l.runs, report.RunInfo{Status: "log", Reports: len(log.Reports), Source: filepath.Base(name)})
}

// addRun merges a racecheck run -json output.
func (l *Logs) addRun(run *report.Run) {
	l.merged = append(l.merged, run.Races)
	l.runs = append(l.runs, run.Runs...)
	l.fails = append(l.fails, run.Failures...)
	l.CPUs = max(l.CPUs, run.CPUs)
	l.ensureExec()
	for _, f := range run.Findings {
		for i, mine := range l.Findings {
			if l.sameFinding(mine, f.Finding) {
				e := &l.exec[i]
				e.Known = e.Known || f.Exec.Known
				e.Executed = e.Executed || f.Exec.Executed
				e.PeakThreads = max(e.PeakThreads, f.Exec.PeakThreads)
			}
		}
	}
}

// sameFinding compares findings by module-relative position, category
// and message, so that outputs from other machines match.
func (l *Logs) sameFinding(a, b findings.Finding) bool {
	ra, _ := l.Module.RelFile(a.Pos.File, "")
	rb, okb := l.Module.RelFile(b.Pos.File, "")
	if !okb {
		rb = filepath.ToSlash(b.Pos.File)
	}
	return ra == rb && a.Pos.Line == b.Pos.Line && a.Category == b.Category && a.Message == b.Message
}

func (l *Logs) ensureExec() {
	if l.exec == nil {
		l.exec = make([]correlate.Exec, len(l.Findings))
	}
}

// AddCoverage reads a coverage profile of the runs that produced the
// logs: findings on covered lines were executed.
func (l *Logs) AddCoverage(name string, r io.Reader) error {
	prof, err := exec.ParseProfile(bufio.NewReader(r))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	l.ensureExec()
	for i, f := range l.Findings {
		key, ok := coverKey(l.Module, f.Pos.File)
		l.exec[i].Known = true
		if ok && prof.Covered(key, f.Pos.Line) {
			l.exec[i].Executed = true
		}
	}
	return nil
}

// Result dedupes, merges and correlates everything added.
func (l *Logs) Result() *report.Run {
	totals := map[correlate.RunKey]int{{}: l.logs}
	races := correlate.Merge(append([][]correlate.Race{correlate.Dedupe(l.Module, l.obs, totals)}, l.merged...)...)
	res := correlate.Correlate(correlate.Input{Module: l.Module, Findings: l.Findings, Exec: l.exec, Races: races,
		CPUs: l.CPUs, IsSpawn: l.IsSpawn})
	out := &report.Run{Version: report.RunVersion, Module: l.Module.Path, Dir: l.Module.Dir, CPUs: l.CPUs,
		ThreadLimit: res.ThreadLimit, Runs: l.runs, Findings: res.Findings, Races: res.Races, Failures: report.MergeFailures(l.fails)}
	out.Summarize()
	return out
}
