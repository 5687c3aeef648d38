package main

import (
	"strings"
	"testing"
)

func TestParseFlags(t *testing.T) {
	cfg, cleanup, err := parseFlags([]string{"-reps", "5", "-only", "vet,synth", "-corpora", "a=std,b=./...", "-synth", "10,20", "-work", t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if cfg.reps != 5 || !cfg.only["vet"] || cfg.only["standalone"] || len(cfg.corpora) != 2 ||
		cfg.corpora[1] != (corpus{"b", "./..."}) || len(cfg.synthSizes) != 2 || cfg.synthSizes[1] != 20 {
		t.Errorf("parsed %+v", cfg)
	}
	for _, bad := range [][]string{{"-corpora", "std"}, {"-synth", "10,x"}, {"-synth", "-5"}, {"-nosuchflag"}} {
		if _, cleanup, err := parseFlags(bad); err == nil {
			cleanup()
			t.Errorf("parseFlags(%q) succeeded, want an error", bad)
		}
	}
}

func TestTailKeepsLastLine(t *testing.T) {
	var tl tail
	tl.Write([]byte(strings.Repeat("x", 5000) + "\nfirst\n"))
	tl.Write([]byte("racecheck: packages did not load\n\n"))
	if got := tl.line(); got != "racecheck: packages did not load" {
		t.Errorf("line() = %q", got)
	}
	if len(tl.buf) > 4096 {
		t.Errorf("kept %d bytes, want at most 4096", len(tl.buf))
	}
}

func TestOkExitAndGroup(t *testing.T) {
	if !okExit(0, nil) || !okExit(3, []int{3}) || okExit(1, []int{3}) {
		t.Error("okExit misjudges exit codes")
	}
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "1234567": "1,234,567", "x": "x"} {
		if got := group(in); got != want {
			t.Errorf("group(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestScaling(t *testing.T) {
	got := scaling([]point{{10, 1, 100}, {100, 4, 300}, {1000, 40, 3000}})
	want := "time/kLOC 0.40x, memory/kLOC 0.30x; marginal s/kLOC 10k-100k: 0.0333 100k-1000k: 0.0400"
	if got != want {
		t.Errorf("scaling = %q\nwant %q", got, want)
	}
	if got := scaling([]point{{10, 1, 1}}); !strings.Contains(got, "fewer than two") {
		t.Errorf("scaling of one point = %q", got)
	}
}
