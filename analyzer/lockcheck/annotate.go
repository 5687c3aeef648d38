package lockcheck

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// annotations returns the fields declared `// racecheck:guardedby mu`.
func annotations(pass *analysis.Pass) map[fieldKey]string {
	out := make(map[fieldKey]string)
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := spec.Type.(*ast.StructType)
			tn, _ := pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
			if !ok || tn == nil {
				return true
			}
			for _, fld := range st.Fields.List {
				mu := guardedBy(fld.Doc, fld.Comment)
				for _, id := range fld.Names {
					if mu != "" {
						out[fieldKey{tn, id.Name}] = mu
					}
				}
			}
			return true
		})
	}
	return out
}

// guardedBy returns the mutex a field's comments declare, or "".
func guardedBy(groups ...*ast.CommentGroup) string {
	for _, g := range groups {
		if g == nil {
			continue
		}
		for _, cm := range g.List {
			text := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(cm.Text, "//"), "/*"))
			if rest, ok := strings.CutPrefix(text, "racecheck:guardedby "); ok {
				if f := strings.Fields(rest); len(f) > 0 {
					return f[0]
				}
			}
		}
	}
	return ""
}
