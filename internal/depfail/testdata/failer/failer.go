// Package failer is an analyzer with facts that fails on every package
// named broken, the way a crashed analyzer does once its panic has become
// an error. On the others it exports a fact and reports, per file, which
// imports brought facts, so a test sees both that a package was analyzed
// and which dependencies' facts it had.
package failer

import (
	"errors"
	"flag"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer fails on packages named broken.
var Analyzer = &analysis.Analyzer{
	Name:      "failer",
	Doc:       "fail on packages named broken; elsewhere report which imports have facts",
	Flags:     flags(),
	Run:       run,
	FactTypes: []analysis.Fact{new(Seen)},
}

func flags() flag.FlagSet {
	fs := flag.NewFlagSet("failer", flag.ExitOnError)
	fs.String("nonce", "", "ignored; a new value makes go vet's cache miss, so a test sees a fresh run")
	return *fs
}

// Seen is the fact of a package the analyzer finished.
type Seen struct{ Path string }

// AFact marks Seen as a fact.
func (*Seen) AFact() {}

func run(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Name() == "broken" {
		return nil, errors.New("internal error in failer: broken on purpose")
	}
	var with, without []string
	for _, imp := range pass.Pkg.Imports() {
		if !strings.HasPrefix(imp.Path(), "depmod/") {
			continue
		}
		if pass.ImportPackageFact(imp, new(Seen)) {
			with = append(with, imp.Path())
		} else {
			without = append(without, imp.Path())
		}
	}
	sort.Strings(with)
	sort.Strings(without)
	pass.ExportPackageFact(&Seen{Path: pass.Pkg.Path()})
	for _, f := range pass.Files {
		pass.Report(analysis.Diagnostic{Pos: f.Package,
			Message: fmt.Sprintf("analyzed %s: facts from [%s], none from [%s]", pass.Pkg.Path(), strings.Join(with, " "), strings.Join(without, " "))})
	}
	return nil, nil
}
