package driver

// go vet compiles every package whose export data is not in the build
// cache; on a module's first run in a directory (a fresh clone, a copy,
// a second worktree) that is each of its packages another one imports.
// By default the go command runs as many compiles at once as there are
// cores (-p) and lets each compile run its back end on as many threads
// again (-c), with a garbage collector as wide. On two cores that is
// twice as many threads as cores: compiling racecheck's module at a new
// path cost about a tenth less CPU and time (2-13% in eight alternated
// pairs) with the go command and its compiles at GOMAXPROCS=1 and -p=2,
// and racecheck's whole first run there 10% less CPU (BENCHMARKS.md). The
// compiler's output depends on neither, and neither is part of the go
// command's cache keys, so go build and go test reuse what go vet
// compiled.
//
// The go command itself hashes the files of every package on every run,
// which a single thread slows: a run that compiles nothing (the second
// one) took 1.05 s of wall time instead of 0.85 s. So RunVet narrows the
// compiles only on the first go vet run of a configuration in a
// directory, which racecheck records (hereKey). On more cores a compile's
// own threads matter more, in the stretches of a build where fewer
// packages than cores are ready: there the go command's defaults stay,
// as they do whenever the user chose GOMAXPROCS or -p.

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// maxSerialCompileCores is the largest number of cores on which go vet's
// compiles run single-threaded.
const maxSerialCompileCores = 2

// serialCompiles returns env and build with the settings that make go
// vet run procs single-threaded compiles at once, or unchanged when the
// user set GOMAXPROCS (in env) or -p (in goflags or build), or when
// procs is 1 (nothing to gain) or above maxSerialCompileCores.
func serialCompiles(env []string, goflags string, build []string, procs int) ([]string, []string) {
	if procs < 2 || procs > maxSerialCompileCores {
		return env, build
	}
	if _, ok := lookupEnv(env, "GOMAXPROCS"); ok {
		return env, build
	}
	if hasBuildFlag(strings.Fields(goflags), "p") || hasBuildFlag(build, "p") {
		return env, build
	}
	env = append(env[:len(env):len(env)], "GOMAXPROCS=1")
	build = append(build[:len(build):len(build)], "-p="+strconv.Itoa(procs))
	return env, build
}

// hasBuildFlag reports whether flags, -name=value or -name value
// settings with one or two dashes, set name.
func hasBuildFlag(flags []string, name string) bool {
	return slices.ContainsFunc(flags, func(f string) bool {
		n, ok := flagName(f)
		return ok && n == name
	})
}

// hereKey is the key of the record that go vet ran for the configuration
// key (warmKey) in dir: the go command keys a package of the module by
// its directory, so a first run in a directory compiles the module's
// packages even where its dependencies are compiled.
func hereKey(key, dir string) string {
	if key == "" {
		return ""
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	h := sha256.Sum256([]byte("here " + key + " " + dir))
	return "here-" + hex.EncodeToString(h[:12])
}
