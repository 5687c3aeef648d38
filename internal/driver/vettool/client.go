package vettool

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

//go:embed client/main.go
var clientSource []byte

//go:embed client/c/client.c
var cClientSource []byte

// clientPrefix begins the name of every vet client executable (and of
// the record that the C client could not be built) in a Client directory.
const clientPrefix = "vetclient-"

// Stale clients (another version of the client's source, so of racecheck)
// unused for clientTTL are removed when a new one is built; a client in
// use has its modification time renewed once per clientTouch. A failed
// build of the C client is not tried again for clientTouch.
const (
	clientTTL   = 30 * 24 * time.Hour
	clientTouch = 24 * time.Hour
)

// Client returns the vet client executable in dir, building it the first
// time: one per version of the client's source and platform, shared by
// every racecheck binary that embeds the same source. It is the C client
// (client/c/client.c), the cheaper to start, where a C compiler builds
// one that runs, else the Go client (client/main.go), built with the go
// command. Two racecheck processes may build it at once. It fails where
// the client cannot run (no Unix domain sockets or exec).
func Client(dir string) (string, error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		return "", fmt.Errorf("vet client: not supported on %s", runtime.GOOS)
	}
	if exe, err := cClient(dir); err == nil {
		return exe, nil
	}
	return goClient(dir)
}

// goClient returns the Go client in dir, building it the first time.
func goClient(dir string) (string, error) {
	exe := clientPath(dir, "", clientSource)
	if reuse(exe) {
		return exe, nil
	}
	if err := buildClient(dir, exe); err != nil {
		return "", fmt.Errorf("vet client: %w", err)
	}
	pruneClients(dir, exe)
	return exe, nil
}

// clientPath names the client of source in dir (kind "" for Go).
func clientPath(dir, kind string, source []byte) string {
	sum := sha256.Sum256(append([]byte(runtime.GOOS+"/"+runtime.GOARCH+"\n"), source...))
	return filepath.Join(dir, clientPrefix+kind+hex.EncodeToString(sum[:8]))
}

// reuse reports whether the regular file path exists, renewing its
// modification time once per clientTouch.
func reuse(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	if time.Since(fi.ModTime()) > clientTouch {
		now := time.Now()
		os.Chtimes(path, now, now)
	}
	return true
}

// buildClient builds the Go client into exe with the go command.
func buildClient(dir, exe string) error {
	return buildInto(dir, exe, "main.go", clientSource, func(src, out string) error {
		cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", out, filepath.Base(src))
		cmd.Dir = filepath.Dir(src)
		// GOPATH mode builds the one file whatever go.mod or go.work lies
		// above dir; GOFLAGS (non-empty, so the go env file's does not
		// apply) keeps the user's module flags out; the host's platform.
		cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOWORK=off", "GOFLAGS=-buildvcs=false",
			"GOTOOLCHAIN=local", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
		return runBuild("go build", cmd)
	})
}

// buildInto builds a client into exe through a private directory of
// dir, so that a concurrent build by another process replaces the same
// file with the same program: it writes source there under the name
// name, and build compiles it (src) into out.
func buildInto(dir, exe, name string, source []byte, build func(src, out string) error) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	src, out := filepath.Join(tmp, name), filepath.Join(tmp, "vetclient")
	if err := os.WriteFile(src, source, 0o666); err != nil {
		return err
	}
	if err := build(src, out); err != nil {
		return err
	}
	return os.Rename(out, exe)
}

// runBuild runs the build command cmd, named name in its error, which
// quotes the first line of the command's standard error.
func runBuild(name string, cmd *exec.Cmd) error {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return fmt.Errorf("%s: %v: %s", name, err, line)
	}
	return nil
}

// pruneClients removes the clients in dir other than keep that nothing
// has used for clientTTL.
func pruneClients(dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !strings.HasPrefix(e.Name(), clientPrefix) || path == keep {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > clientTTL {
			os.Remove(path)
		}
	}
}
