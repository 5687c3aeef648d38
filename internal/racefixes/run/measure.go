package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/racecheck/racecheck/internal/modcopy"
	"github.com/racecheck/racecheck/internal/racefixes"
)

// measure downloads one version of a case and runs racecheck on its
// package; Judge decides what the findings mean.
func (cfg config) measure(c racefixes.Case, rev racefixes.Rev, side string) racefixes.Analysis {
	dir := filepath.Join(cfg.work, c.ID, side)
	if err := cfg.prepare(c.Module, rev.Version, dir, filepath.Join(cfg.work, c.ID, "fixed")); err != nil {
		return racefixes.Analysis{Err: err}
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return racefixes.Analysis{Err: err}
	}
	findings, err := cfg.analyze(root, c.Dir(), filepath.Join(cfg.work, c.ID, side+"-"+cfg.binID+".json"))
	return racefixes.Analysis{Root: root, Findings: findings, Err: err}
}

// prepare puts a writable copy of module@version in dir with a go.mod
// and its dependencies downloaded, unless dir already holds one. A
// release without go.mod takes go.mod and go.sum from borrow (the fixed
// release's copy, usually weeks later) when that has them: requirements
// of the same era load, while go mod tidy alone would pick today's
// versions, whose APIs and module paths have moved on.
func (cfg config) prepare(mod, version, dir, borrow string) error {
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		return nil
	}
	out, err := cfg.command(cfg.work, "go", "mod", "download", "-json", mod+"@"+version)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr != nil || info.Error != "" || info.Dir == "" {
		return fmt.Errorf("downloading %s@%s: %s", mod, version, firstNonEmpty(info.Error, errText(err), "no directory"))
	}
	if err := modcopy.CopyTree(info.Dir, dir); err != nil {
		return fmt.Errorf("copying %s@%s: %w", mod, version, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); errors.Is(err, fs.ErrNotExist) && borrow != dir {
		for _, name := range []string{"go.mod", "go.sum"} {
			if data, err := os.ReadFile(filepath.Join(borrow, name)); err == nil {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					return fmt.Errorf("borrowing %s: %w", name, err)
				}
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); errors.Is(err, fs.ErrNotExist) {
		if _, err := cfg.command(dir, "go", "mod", "init", mod); err != nil {
			return fmt.Errorf("go mod init %s: %w", mod, err)
		}
	}
	// tidy -e adds what a pre-modules release or a stale go.sum lacks; it
	// does not fail on a test dependency that is gone from the proxy.
	if _, err := cfg.command(dir, "go", "mod", "tidy", "-e"); err != nil {
		return fmt.Errorf("go mod tidy in %s@%s: %w", mod, version, err)
	}
	return nil
}

// analyze runs racecheck -json on the package in pkgDir of the module in
// dir, or reads its output from cache, where an earlier run of the same
// racecheck binary left it (a kept -work directory). Exit 0 is the only
// success with -json; analyzer errors inside the output are tolerated
// when findings came with them.
func (cfg config) analyze(dir, pkgDir, cache string) ([]racefixes.Finding, error) {
	out, err := os.ReadFile(cache)
	if err != nil {
		if out, err = cfg.command(dir, cfg.racecheck, "-json", "./"+filepath.ToSlash(pkgDir)); err != nil {
			return nil, err
		}
		if err := os.WriteFile(cache, out, 0o644); err != nil {
			return nil, fmt.Errorf("caching racecheck output: %w", err)
		}
	}
	fs, errs, err := racefixes.ParseJSON(out)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 && len(errs) > 0 {
		return nil, fmt.Errorf("racecheck: %s", errs[0])
	}
	return fs, nil
}

// command runs name in dir with the local toolchain and module mode, and
// returns its stdout; on failure the error carries the last line of
// stderr.
func (cfg config) command(dir, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return stdout.Bytes(), fmt.Errorf("%s timed out after %s", name, cfg.timeout)
		}
		msg := firstNonEmpty(lastLine(stderr.String()), err.Error())
		if base := filepath.Base(name); !strings.HasPrefix(msg, base+":") {
			msg = base + ": " + msg
		}
		return stdout.Bytes(), errors.New(msg)
	}
	return stdout.Bytes(), nil
}

// fileID is a short content hash of a file, naming racecheck output
// cached per binary.
func fileID(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
