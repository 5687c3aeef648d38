package cli

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// buildVersion describes the binary from its build information: the
// module version (a tag or pseudo-version when installed from the module
// proxy; a pseudo-version naming the commit, "+dirty" with uncommitted
// edits, when built in a clone; "(devel)" when the go command stamped no
// version), and, when the version does not already name it, the VCS
// revision, with "+modified" for uncommitted edits.
func buildVersion() (version, revision string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)", ""
	}
	version = info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	var modified bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if revision != "" && modified {
		revision += "+modified"
	}
	if version != "(devel)" && revision != "" && strings.Contains(version, revision[:min(12, len(revision))]) {
		// Since Go 1.24 a build in a clone gets a pseudo-version made of
		// the commit (v0.0.0-DATE-REV[+dirty]): the revision is in it.
		revision = ""
	}
	return version, revision
}

// versionLine is what `racecheck version` and `racecheck -V` print.
func versionLine() string {
	v, rev := buildVersion()
	if rev != "" {
		v += " " + rev
	}
	return fmt.Sprintf("racecheck %s %s %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// VetVersion is racecheck's answer to go vet's -V=full handshake. go vet
// keys its cache on this line (the whole line, since the version is not
// "devel"), so it must change whenever the binary does: the build ID is
// a hash of the executable, like the one unitchecker prints, and the
// module version and revision come first for people reading it.
func VetVersion(w io.Writer) error {
	v, rev := buildVersion()
	fields := []string{"racecheck", "version", strings.ReplaceAll(v, " ", "_")}
	if rev != "" {
		fields = append(fields, rev)
	}
	id, err := executableHash()
	if err != nil {
		return fmt.Errorf("-V=full: %w", err)
	}
	fields = append(fields, "buildID="+id)
	_, err = fmt.Fprintln(w, strings.Join(fields, " "))
	return err
}

// executableHash returns the SHA-256 of the running executable.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the executable: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("hashing the executable: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing the executable: %w", err)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

func versionCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprintln(stderr, "usage: racecheck version (or racecheck -V)\n\nPrint racecheck's module version, VCS revision, Go version and platform.")
		return ExitClean
	}
	if len(args) > 0 {
		fmt.Fprintf(stderr, "racecheck version: takes no arguments, got %q\n", args[0])
		return ExitUsage
	}
	fmt.Fprintln(stdout, versionLine())
	return ExitClean
}

// sarifVersion is the version SARIF logs carry in tool.driver.version.
func sarifVersion() string {
	v, rev := buildVersion()
	if rev != "" {
		v += " " + rev
	}
	return v
}
