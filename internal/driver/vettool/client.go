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

// clientPrefix begins the name of every vet client executable in a
// Client directory.
const clientPrefix = "vetclient-"

// Stale clients (another version of client/main.go, so of racecheck)
// unused for clientTTL are removed when a new one is built; a client in
// use has its modification time renewed once per clientTouch.
const (
	clientTTL   = 30 * 24 * time.Hour
	clientTouch = 24 * time.Hour
)

// Client returns the vet client executable (client/main.go) in dir,
// building it with the go command the first time: one per version of the
// client's source and platform, shared by every racecheck binary that
// embeds the same source. Two racecheck processes may build it at once.
// It fails where the client cannot run (no Unix domain sockets or exec).
func Client(dir string) (string, error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		return "", fmt.Errorf("vet client: not supported on %s", runtime.GOOS)
	}
	sum := sha256.Sum256(append([]byte(runtime.GOOS+"/"+runtime.GOARCH+"\n"), clientSource...))
	exe := filepath.Join(dir, clientPrefix+hex.EncodeToString(sum[:8]))
	if fi, err := os.Stat(exe); err == nil && fi.Mode().IsRegular() {
		if time.Since(fi.ModTime()) > clientTouch {
			now := time.Now()
			os.Chtimes(exe, now, now)
		}
		return exe, nil
	}
	if err := buildClient(dir, exe); err != nil {
		return "", fmt.Errorf("vet client: %w", err)
	}
	pruneClients(dir, exe)
	return exe, nil
}

// buildClient builds the client into exe, through a private directory
// of dir, so that a concurrent build by another process replaces the
// same file with the same program.
func buildClient(dir, exe string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.WriteFile(filepath.Join(tmp, "main.go"), clientSource, 0o666); err != nil {
		return err
	}
	out := filepath.Join(tmp, "vetclient")
	cmd := exec.Command("go", "build", "-ldflags=-s -w", "-o", out, "main.go")
	cmd.Dir = tmp
	// GOPATH mode builds the one file whatever go.mod or go.work lies
	// above dir; GOFLAGS (non-empty, so the go env file's does not
	// apply) keeps the user's module flags out; the host's platform.
	cmd.Env = append(os.Environ(), "GO111MODULE=off", "GOWORK=off", "GOFLAGS=-buildvcs=false",
		"GOTOOLCHAIN=local", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		line, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return fmt.Errorf("go build: %v: %s", err, line)
	}
	return os.Rename(out, exe)
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
