package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/racecheck/racecheck/internal/driver"
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
	vo := &driver.VetOptions{Tool: self, State: state}
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
