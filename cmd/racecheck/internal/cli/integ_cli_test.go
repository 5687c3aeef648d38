package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vetmod is the fixture module shared by the go vet and CLI tests.
var vetmod = filepath.Join(repoRoot, "testdata", "vetmod")

// copyTree copies the regular files under src into a new temporary
// directory and returns it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestUnknownFlagExitsUsage(t *testing.T) {
	bin := integBinary(t)
	_, errOut, code := integRun(t, vetmod, bin, "-no-such-flag", "./...")
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(errOut, "flag provided but not defined: -no-such-flag") {
		t.Errorf("stderr does not name the flag:\n%s", errOut)
	}
}

func TestOutputModesExclusive(t *testing.T) {
	bin := integBinary(t)
	for _, args := range [][]string{{"-json", "-sarif"}, {"-sarif", "-fix"}, {"-json", "-diff"}} {
		_, errOut, code := integRun(t, vetmod, bin, args...)
		if code != ExitUsage || !strings.Contains(errOut, "exclude each other") {
			t.Errorf("racecheck %s: exit %d, stderr %q; want %d and a message", strings.Join(args, " "), code, errOut, ExitUsage)
		}
	}
}

func TestSARIFCommand(t *testing.T) {
	bin := integBinary(t)
	out, errOut, code := integRun(t, vetmod, bin, "-sarif", "./...")
	if code != ExitClean {
		t.Fatalf("racecheck -sarif: exit %d, stderr %q; want 0 on findings", code, errOut)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID == "waitgroup-add" {
			found = true
			// Relative to the repository root, as code scanning needs.
			if loc.ArtifactLocation.URI != "testdata/vetmod/main.go" || loc.Region.StartLine != 20 {
				t.Errorf("location %s:%d, want testdata/vetmod/main.go:20", loc.ArtifactLocation.URI, loc.Region.StartLine)
			}
		}
	}
	if !found {
		t.Errorf("no waitgroup-add result in\n%s", out)
	}
}

func TestFixAndDiffCommands(t *testing.T) {
	bin := integBinary(t)
	dir := copyTree(t, vetmod)
	main := filepath.Join(dir, "main.go")
	before, _ := os.ReadFile(main)

	out, errOut, code := integRun(t, dir, bin, "-diff", "./...")
	if code != ExitFindings {
		t.Errorf("racecheck -diff: exit %d, want %d; stderr %q", code, ExitFindings, errOut)
	}
	if !strings.Contains(out, "+++ main.go (new)") || !strings.Contains(out, "+\t\twg.Add(1)\n") || !strings.Contains(out, "-\t\t\twg.Add(1)\n") {
		t.Errorf("diff does not move wg.Add:\n%s", out)
	}
	if after, _ := os.ReadFile(main); string(after) != string(before) {
		t.Fatal("-diff changed the file")
	}

	_, errOut, code = integRun(t, dir, bin, "-fix", "./...")
	if code != ExitClean && code != ExitFindings {
		t.Fatalf("racecheck -fix: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(errOut, "applied 1 fix to 1 file") {
		t.Errorf("racecheck -fix stderr %q, want a summary", errOut)
	}
	after, _ := os.ReadFile(main)
	if !strings.Contains(string(after), "\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()") {
		t.Errorf("fixed file:\n%s", after)
	}
	out, _, _ = integRun(t, dir, bin, "./...")
	if strings.Contains(out, "wg.Add runs inside") {
		t.Errorf("finding remains after -fix:\n%s", out)
	}
}

// TestVetReportsThroughVettool runs the fixture under go vet, with a
// per-analyzer flag that go vet learns from racecheck -flags.
func TestVetReportsThroughVettool(t *testing.T) {
	bin := integBinary(t)
	cmd := exec.Command("go", "vet", "-vettool="+bin, "-wgadd.unused-directives=false", "./...")
	cmd.Dir = vetmod
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded on a racy fixture:\n%s", out)
	}
	if !strings.Contains(string(out), "main.go:20:4: wg.Add runs inside the goroutine it counts") {
		t.Errorf("go vet output lacks the finding:\n%s", out)
	}
}

// TestVetRerunsAfterRebuild shows that go vet's cache key follows the
// racecheck binary: -V=full reports a hash of the executable, so a
// rebuilt racecheck at the same path makes go vet run again, while an
// unchanged one is served from the cache. Each build gets a unique
// linker build ID so that earlier test runs cannot have cached it.
func TestVetRerunsAfterRebuild(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "racecheck")
	stamp := time.Now().UnixNano()
	build := func(n int) string {
		if err := buildRacecheck(bin, fmt.Sprintf("-ldflags=-buildid=racecheck-test-%d-%d", stamp, n)); err != nil {
			t.Fatal(err)
		}
		out, _, code := integRun(t, ".", bin, "-V=full")
		if code != 0 || !strings.Contains(out, "buildID=") {
			t.Fatalf("racecheck -V=full: exit %d, output %q", code, out)
		}
		return out
	}
	// ran reports whether go vet executed racecheck on the clean package.
	ran := func() bool {
		cmd := exec.Command("go", "vet", "-x", "-vettool="+bin, "./clean")
		cmd.Dir = vetmod
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go vet ./clean: %v\n%s", err, out)
		}
		return strings.Contains(string(out), bin+" ")
	}
	v1 := build(1)
	if !ran() {
		t.Fatal("first go vet with a new binary did not run it")
	}
	if ran() {
		t.Fatal("second go vet with the same binary was not cached")
	}
	if v2 := build(2); v2 == v1 {
		t.Fatalf("-V=full unchanged after rebuild: %q", v1)
	}
	if !ran() {
		t.Error("go vet did not rerun racecheck after it was rebuilt")
	}
}

// TestSARIFWithC: with -C, locations are relative to the repository of
// the analyzed module, not of the working directory, and the log names
// racecheck's version.
func TestSARIFWithC(t *testing.T) {
	bin := integBinary(t)
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(repo, "sub", "vetmod")
	copyDir(t, vetmod, mod)
	out, errOut, code := integRun(t, ".", bin, "-sarif", "-C", mod, "./...")
	if code != ExitClean {
		t.Fatalf("racecheck -sarif -C: exit %d, stderr %q", code, errOut)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version string }
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("output is not one SARIF run: %v\n%s", err, out)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Version == "" {
		t.Errorf("tool.driver.version is missing")
	}
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; !strings.HasSuffix(got, filepath.ToSlash(repo)+"/") {
		t.Errorf("%%SRCROOT%% = %q, want the analyzed repository %s", got, repo)
	}
	for _, r := range run.Results {
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; r.RuleID == "waitgroup-add" && uri != "sub/vetmod/main.go" {
			t.Errorf("location %s, want sub/vetmod/main.go", uri)
		}
	}
}
