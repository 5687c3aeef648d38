// Package vetunit is racecheck's driver for one go vet unit: the program
// go vet runs with -vettool, once per package, with a JSON .cfg file that
// describes the package, where its dependencies' export data and facts
// are, and where to write its own facts.
//
// It follows the protocol of x/tools' unitchecker, with one difference
// that matters for speed: like Go's own cmd/vet, it type-checks against
// the compiler's export data (cfg.PackageFile, which go vet builds
// anyway) and writes only facts into the .vetx file. unitchecker of
// x/tools v0.52 writes the package's full type export data into every
// .vetx file and reads the imports' back from there.
package vetunit

import (
	"encoding/json"
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
)

// Config describes the unit to analyze, as go vet writes it into the
// .cfg file (cmd/go/internal/work.vetConfig).
type Config struct {
	ID                        string // e.g. "fmt [fmt.test]"
	Compiler                  string // "gc" or "gccgo", for the export data importer
	Dir                       string
	ImportPath                string // the package's path
	GoVersion                 string // language version, such as "go1.22"
	GoFiles                   []string
	NonGoFiles                []string
	IgnoredFiles              []string
	ModulePath                string
	ModuleVersion             string
	Module                    *analysis.Module  // set by later go commands; else built from ModulePath
	ImportMap                 map[string]string // import path in the source -> package path
	PackageFile               map[string]string // package path -> compiler export data
	Standard                  map[string]bool   // package path -> in the standard library
	PackageVetx               map[string]string // package path of a direct import -> its .vetx file
	VetxOnly                  bool              // analyze for facts only, report nothing
	VetxOutput                string            // where to write this package's facts
	Stdout                    string            // where stdout (-json) goes, if set
	FixArchive                string            // go fix's archive of fixed files (unsupported)
	SucceedOnTypecheckFailure bool              // leave parse and type errors to the compiler
}

// ReadConfig reads and checks a .cfg file.
func ReadConfig(name string) (*Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	cfg := new(Config)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", name, err)
	}
	if len(cfg.GoFiles) == 0 {
		// go vet never runs a tool on a package without Go files
		// (unsafe is the only such package, and it skips it).
		return nil, fmt.Errorf("package has no files: %s", cfg.ImportPath)
	}
	return cfg, nil
}

// module returns the package's module for analysis.Pass.Module, nil
// outside modules (the standard library, GOPATH mode).
func (cfg *Config) module() *analysis.Module {
	if cfg.Module != nil {
		return cfg.Module
	}
	if cfg.ModulePath == "" {
		return nil
	}
	return &analysis.Module{Path: cfg.ModulePath, Version: cfg.ModuleVersion, GoVersion: cfg.GoVersion}
}
