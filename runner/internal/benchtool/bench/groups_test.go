package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTool writes an executable shell script named name into dir.
func fakeTool(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestToolexecScript(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	wrapper := fakeTool(t, dir, "toolexec.sh", strings.TrimPrefix(toolexecScript, "#!/bin/sh\n"))
	vetx := filepath.Join(dir, "out.vetx")
	cfg := filepath.Join(dir, "vet.cfg")
	os.WriteFile(cfg, []byte("{\n\t\"ImportPath\": \"example.com/p\",\n\t\"VetxOutput\": \""+vetx+"\",\n\t\"VetxOnly\": false\n}\n"), 0o644)
	vet := fakeTool(t, dir, "vet", `if [ "$1" = -V=full ]; then echo "vet version go1.99"; exit 0; fi
printf 12345 > "`+vetx+`"; exit 1
`)
	rc := fakeTool(t, dir, "racecheck", `echo "racecheck version devel x buildID=abc/def"`)
	compile := fakeTool(t, dir, "compile", `echo "compile version go1.99 $*"`)
	log := filepath.Join(dir, "vetx.log")
	run := func(args ...string) (string, int) {
		cmd := exec.Command(wrapper, args...)
		cmd.Env = append(os.Environ(), "BENCH_TAG=-t7", "BENCH_VETX_LOG="+log)
		out, _ := cmd.Output()
		return strings.TrimSpace(string(out)), cmd.ProcessState.ExitCode()
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{vet, "-V=full"}, "vet version go1.99 -t7"},
		{[]string{rc, "-V=full"}, "racecheck version devel x buildID=abc/def-t7"},
		{[]string{compile, "-V=full"}, "compile version go1.99 -V=full"},
	} {
		if got, _ := run(tc.args...); got != tc.want {
			t.Errorf("%v printed %q, want %q", tc.args, got, tc.want)
		}
	}
	// A real vet run: the tool's exit code is kept and the facts file logged.
	if _, code := run(vet, "-printf=false", cfg); code != 1 {
		t.Errorf("exit code %d, want the tool's 1", code)
	}
	data, err := os.ReadFile(log)
	if err != nil || strings.TrimSpace(string(data)) != "5 5 example.com/p" {
		t.Errorf("vetx log = %q, %v; want \"5 5 example.com/p\" (old format: all facts)", data, err)
	}
	// The new format: magic, types length 3, facts length 2, then the parts.
	os.Remove(log)
	newVet := fakeTool(t, dir, "racecheck2", `printf 'vetx\003\000\000\000\002\000\000\000TTTFF' > "`+vetx+`"`)
	os.Rename(newVet, filepath.Join(dir, "sub", "racecheck"))
	run(filepath.Join(dir, "sub", "racecheck"), cfg)
	if got := vetxSizes(log); got != "1 packages; files 17 bytes in all, largest 17 (example.com/p); facts in them 2 bytes in all, largest 2 (example.com/p)" {
		t.Errorf("vetxSizes = %q", got)
	}
}
