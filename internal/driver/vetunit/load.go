package vetunit

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
)

// A unit is the parsed and type-checked package of a Config.
type unit struct {
	cfg   *Config
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
	sizes types.Sizes
}

// load parses the unit's Go files and type-checks them against the
// compiler's export data of its imports. A parse or type error is
// returned as is (a scanner.ErrorList or types.Error), for the caller to
// print like the compiler would. As in the in-process driver
// (driver.LoadLight), the parse skips resolving identifiers to
// ast.Objects, a fifth to a third of its cost: go/types makes them
// redundant and no analyzer of the suite reads them.
func load(cfg *Config) (*unit, error) {
	u := &unit{cfg: cfg, fset: token.NewFileSet()}
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(u.fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		u.files = append(u.files, f)
	}
	u.sizes = types.SizesFor("gc", build.Default.GOARCH)
	tc := &types.Config{
		Importer:  exportDataImporter(cfg, u.fset),
		Sizes:     u.sizes,
		GoVersion: cfg.GoVersion,
	}
	u.info = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	pkg, err := tc.Check(cfg.ImportPath, u.fset, u.files, u.info)
	if err != nil {
		return nil, err
	}
	u.pkg = pkg
	return u, nil
}

// exportDataImporter imports packages from the export data the compiler
// wrote for them, which go vet lists in cfg.PackageFile, as cmd/vet does.
func exportDataImporter(cfg *Config, fset *token.FileSet) types.Importer {
	compiler := cfg.Compiler
	if compiler == "" {
		compiler = "gc"
	}
	imp := importer.ForCompiler(fset, compiler, func(path string) (io.ReadCloser, error) {
		// path is a package path, already resolved through ImportMap.
		file, ok := cfg.PackageFile[path]
		if !ok {
			if compiler == "gccgo" && cfg.Standard[path] {
				return nil, nil // gccgo finds the standard library itself
			}
			return nil, fmt.Errorf("no package file for %q", path)
		}
		return os.Open(file)
	})
	return importerFunc(func(importPath string) (*types.Package, error) {
		path, ok := cfg.ImportMap[importPath] // vendoring, test variants
		if !ok {
			return nil, fmt.Errorf("can't resolve import %q", importPath)
		}
		return imp.Import(path)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
