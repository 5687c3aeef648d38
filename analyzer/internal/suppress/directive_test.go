package suppress

import (
	"go/parser"
	"go/token"
	"slices"
	"testing"
)

func TestParseComment(t *testing.T) {
	for _, tc := range []struct {
		text   string
		want   bool
		cats   []string
		reason string
		nolint bool
	}{
		{"//racecheck:ignore captured-var n is guarded by the caller", true, []string{"captured-var"}, "n is guarded by the caller", false},
		{"//racecheck:ignore a,b  two   categories", true, []string{"a", "b"}, "two categories", false},
		{"//racecheck:ignore captured-var", true, []string{"captured-var"}, "", false},
		{"//racecheck:ignore", true, nil, "", false},
		{"//racecheck:ignore a // remark", true, []string{"a"}, "", false},
		{"//racecheck:ignore a why // remark", true, []string{"a"}, "why", false},
		{"//racecheck:ignored x y", false, nil, "", false},
		{"// racecheck:ignore x y", false, nil, "", false},
		{"//nolint", true, nil, "", true},
		{"//nolint:all", true, nil, "", true},
		{"//nolint:racecheck // the reason", true, nil, "the reason", true},
		{"//nolint:errcheck, racecheck", true, nil, "", true},
		{"//nolint:errcheck // racecheck", false, nil, "", false},
		{"//nolintx", false, nil, "", false},
	} {
		d := parseComment(tc.text)
		if (d != nil) != tc.want {
			t.Errorf("parseComment(%q) = %v, want directive: %v", tc.text, d, tc.want)
			continue
		}
		if d == nil {
			continue
		}
		if !slices.Equal(d.Categories, tc.cats) || d.Reason != tc.reason || d.Nolint != tc.nolint {
			t.Errorf("parseComment(%q) = %+v, want categories %q reason %q nolint %v", tc.text, *d, tc.cats, tc.reason, tc.nolint)
		}
	}
}

func TestParseLines(t *testing.T) {
	const src = `package p

func f() {
	g() //racecheck:ignore x trailing
	//racecheck:ignore y alone
	g()
}

func g() {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(ds []*Directive) (out []int) {
		for _, d := range ds {
			out = append(out, d.Line)
		}
		return out
	}
	if got, want := lines(Parse(fset, f, []byte(src))), []int{4, 6}; !slices.Equal(got, want) {
		t.Errorf("with source: covered lines %v, want %v", got, want)
	}
	// Without the source, a directive covers its line and the next.
	if got, want := lines(Parse(fset, f, nil)), []int{4, 5, 5, 6}; !slices.Equal(got, want) {
		t.Errorf("without source: covered lines %v, want %v", got, want)
	}
}
