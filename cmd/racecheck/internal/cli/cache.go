package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver"
	"github.com/racecheck/racecheck/internal/driver/vettool"
	"github.com/racecheck/racecheck/internal/gctune"
)

// cacheEnv turns the result cache off when set to "off"; another value
// names racecheck's own cache directory (default os.UserCacheDir()/racecheck),
// which holds the cache generation (internal/driver/generation.go).
const cacheEnv = "RACECHECK_CACHE"

const cacheUsage = "reuse results of unchanged packages from the go build cache (off: also " + cacheEnv + "=off)"

// vetOptions returns how the driver reaches go vet and its cache, or nil
// when the cache is off (by -cache=false or RACECHECK_CACHE=off) or
// racecheck cannot find its own binary to serve as the vet tool. fs and
// analyzers, if set, pass the analyzer flags given on the command line on
// to the tool, so that they are part of go vet's cache key too.
func vetOptions(cache bool, fs *flag.FlagSet, analyzers []*analysis.Analyzer) *driver.VetOptions {
	state := os.Getenv(cacheEnv)
	switch strings.ToLower(state) {
	case "off", "0", "false":
		return nil
	case "":
		if dir, err := os.UserCacheDir(); err == nil {
			state = filepath.Join(dir, "racecheck")
		}
	}
	if !cache {
		return nil
	}
	self, err := os.Executable()
	if err != nil {
		return nil
	}
	vo := &driver.VetOptions{Tool: self, State: state, Serve: vetServer(self, state)}
	if fs == nil {
		return vo
	}
	names := make(map[string]bool)
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) { names[a.Name+"."+f.Name] = true })
	}
	fs.Visit(func(f *flag.Flag) {
		if names[f.Name] {
			vo.Flags = append(vo.Flags, "-"+f.Name+"="+f.Value.String())
		}
	})
	return vo
}

// vetServer returns how the driver starts a server that analyzes go vet's
// units in racecheck's own process (vettool.Listen), with the vet client
// in state as go vet's tool (vettool.Client), or nil when
// RACECHECK_VETSERVER=off asks for a racecheck process per unit or there
// is no directory for the client.
func vetServer(self, state string) func() (string, []string, func(), error) {
	if os.Getenv(vettool.EnvVar) == "off" || state == "" {
		return nil
	}
	return func() (string, []string, func(), error) {
		client, err := vettool.Client(filepath.Join(state, "vetclient"))
		if err != nil {
			return "", nil, nil, err
		}
		s, err := vettool.Listen(filepath.Base(self))
		if err != nil {
			return "", nil, nil, err
		}
		restore := serverGC()
		return client, s.Env(self), func() { s.Close(); restore() }, nil
	}
}

// While the server analyzes units, most of the heap is their syntax,
// types and SSA, alive until each unit is done: as in a vet tool process
// (cmd/racecheck/gc.go), the heap may grow to five times the live heap,
// here while the live heap of the units under way stays under
// serverLiveLimit.
const (
	serverGCPercent = 400
	serverLiveLimit = 128 << 20
)

// serverGC applies the server's GC policy and returns a function that
// restores the previous one.
func serverGC() func() { return gctune.Raise(serverGCPercent, serverLiveLimit) }
