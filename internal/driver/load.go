package driver

// Loading honours the go command's configuration as go vet does: GOFLAGS
// (-mod, -modfile, -tags and the rest), go.work workspaces and vendor/
// directories all reach the go command that go/packages runs. One
// exception needs help: go/packages asks the go command for its release
// tags with GO111MODULE=off, and in that mode the go command rejects a
// -modfile in GOFLAGS ("build flag -modfile only valid when using
// modules"), so a module that is only buildable with, say, go_test.mod
// did not load at all (golang/go#48482). config moves -modfile from
// GOFLAGS to the build flags, which go/packages leaves out of that query.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"golang.org/x/tools/go/packages"
)

// config returns the go/packages configuration for opts and mode.
func config(opts Options, mode packages.LoadMode) (*packages.Config, error) {
	cfg, _, err := configFlags(opts, mode)
	return cfg, err
}

// configFlags is config that also returns GOFLAGS as the go command
// sees it.
func configFlags(opts Options, mode packages.LoadMode) (*packages.Config, string, error) {
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	goflags, err := effectiveGOFLAGS(env, opts.Dir)
	if err != nil {
		return nil, "", err
	}
	kept, build := splitModfile(goflags)
	if len(build) > 0 {
		// Setting GOFLAGS in the environment overrides the go env file,
		// where the flag may have come from; an empty value would not
		// (the go command reads an empty variable as unset), a blank
		// one does.
		env = append(env[:len(env):len(env)], "GOFLAGS= "+strings.Join(kept, " "))
	}
	if len(opts.Tags) > 0 {
		build = append(build, "-tags="+strings.Join(opts.Tags, ","))
	}
	return &packages.Config{
		Mode:       mode,
		Dir:        opts.Dir,
		Tests:      opts.Tests,
		Env:        env,
		BuildFlags: build,
	}, goflags, nil
}

// effectiveGOFLAGS returns GOFLAGS as the go command sees it: from the
// environment, else from the go env file. It asks the go command only if
// GOFLAGS is not in the environment.
func effectiveGOFLAGS(env []string, dir string) (string, error) {
	if v, ok := lookupEnv(env, "GOFLAGS"); ok {
		return v, nil
	}
	cmd := exec.Command("go", "env", "GOFLAGS")
	cmd.Env, cmd.Dir = env, dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: go env GOFLAGS: %v: %s", ErrLoad, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// lookupEnv returns the value of the variable name in env, the last one
// set as the go command reads it, and whether it is set.
func lookupEnv(env []string, name string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// splitModfile separates the -modfile setting from the other GOFLAGS
// fields, which are space-separated -flag=value settings.
func splitModfile(goflags string) (kept, modfile []string) {
	for _, f := range strings.Fields(goflags) {
		if name, ok := flagName(f); ok && name == "modfile" {
			modfile = append(modfile[:0], "-"+strings.TrimLeft(f, "-"))
			continue
		}
		kept = append(kept, f)
	}
	return kept, modfile
}

// flagName returns the name of a -name or -name=value argument, with one
// dash or two, and false for an argument that is not a flag.
func flagName(arg string) (string, bool) {
	if !strings.HasPrefix(arg, "-") {
		return "", false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	return name, true
}
