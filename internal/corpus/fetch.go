package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/internal/modcopy"
)

// readyMarker marks a prepared copy whose dependencies are downloaded.
const readyMarker = ".racecheck-ready"

// Prepare fetches m from the module proxy (go mod download, cached in
// GOMODCACHE) and makes a writable copy of it in dir with the
// dependencies of its packages and tests downloaded: a module in the
// cache is read-only, and the go command would refuse to settle its
// go.sum there. A copy prepared earlier in dir is reused.
func Prepare(m Module, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, readyMarker)); err == nil {
		return nil
	}
	src, err := download(m.Path, m.Version)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("preparing %s: %w", m.Name, err)
	}
	if err := modcopy.CopyTree(src, dir); err != nil {
		return fmt.Errorf("copying %s@%s: %w", m.Path, m.Version, err)
	}
	if m.Modfile != "" {
		if err := useModfile(dir, m.Modfile); err != nil {
			return fmt.Errorf("%s@%s: %w", m.Path, m.Version, err)
		}
	}
	if _, err := goCmd(dir, "mod", "download"); err != nil {
		return fmt.Errorf("%s@%s: downloading dependencies: %w", m.Path, m.Version, err)
	}
	return os.WriteFile(filepath.Join(dir, readyMarker), nil, 0o644)
}

// download runs go mod download -json path@version and returns the
// module's directory in the module cache.
func download(path, version string) (string, error) {
	out, err := goCmd(os.TempDir(), "mod", "download", "-json", path+"@"+version)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr != nil {
		if err != nil {
			return "", fmt.Errorf("fetching %s@%s: %w", path, version, err)
		}
		return "", fmt.Errorf("fetching %s@%s: decoding go mod download -json: %w", path, version, jerr)
	}
	if info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("fetching %s@%s: %s", path, version, info.Error)
	}
	return info.Dir, nil
}

// useModfile makes the module's test go.mod and its go.sum the copy's
// own: the build list of GOFLAGS=-modfile=FILE, whichever way the driver
// passes -modfile to go list.
func useModfile(dir, modfile string) error {
	sum := strings.TrimSuffix(modfile, ".mod") + ".sum"
	for _, c := range [][2]string{{modfile, "go.mod"}, {sum, "go.sum"}} {
		data, err := os.ReadFile(filepath.Join(dir, c[0]))
		if err != nil {
			return fmt.Errorf("modfile: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, c[1]), data, 0o644); err != nil {
			return fmt.Errorf("modfile: %w", err)
		}
	}
	return nil
}

// Env is the environment of the go command and racecheck in a corpus
// module: the module's go.mod decides, not the caller's workspace or
// GOFLAGS, and the local toolchain runs.
func Env() []string {
	return append(os.Environ(), "NO_COLOR=1", "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
}

// goCmd runs the go command in dir and returns its stdout.
func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = Env()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
