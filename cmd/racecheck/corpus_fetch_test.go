package main_test

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// prepareModule fetches m from the module proxy and returns a writable
// copy of it with every dependency of its packages and tests downloaded:
// a module in GOMODCACHE is read-only, and the go command would refuse
// to settle its go.sum there.
func prepareModule(t *testing.T, m corpusModule) string {
	t.Helper()
	src, err := downloadModule(m.path, m.version)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), m.name)
	if keep := os.Getenv("RACECHECK_CORPUS_DIR"); keep != "" {
		dir = filepath.Join(keep, m.name+"@"+m.version)
		if _, err := os.Stat(filepath.Join(dir, ".racecheck-ready")); err == nil {
			return dir
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyTree(src, dir); err != nil {
		t.Fatalf("copying %s@%s: %v", m.path, m.version, err)
	}
	if m.modfile != "" {
		if err := useModfile(dir, m.modfile); err != nil {
			t.Fatalf("%s@%s: %v", m.path, m.version, err)
		}
	}
	if _, err := goCmd(dir, "mod", "download"); err != nil {
		t.Fatalf("%s@%s: downloading dependencies: %v", m.path, m.version, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".racecheck-ready"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// downloadModule runs go mod download -json path@version and returns the
// module's directory in the module cache.
func downloadModule(path, version string) (string, error) {
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

// useModfile makes the module's test go.mod (and its go.sum) the copy's
// own, the effect of GOFLAGS=-modfile=FILE without depending on how the
// driver passes -modfile to go list.
func useModfile(dir, modfile string) error {
	for from, to := range map[string]string{modfile: "go.mod", strings.TrimSuffix(modfile, ".mod") + ".sum": "go.sum"} {
		data, err := os.ReadFile(filepath.Join(dir, from))
		if err != nil {
			return fmt.Errorf("modfile: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			return fmt.Errorf("modfile: %w", err)
		}
	}
	return nil
}

// copyTree copies the regular files and directories under from to to,
// writable.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular():
			return nil // the module zip format has no symlinks or devices
		}
		return copyFile(path, target)
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
