package model

import (
	"go/constant"
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
)

func TestSteps(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		{"", nil},
		{".f", []string{".f"}},
		{"*.f[3]{}", []string{"*", ".f", "[3]", "{}"}},
		{".a.b*[?]", []string{".a", ".b", "*", "[?]"}},
		{".m*{all}*.f", []string{".m", "*", "{all}", "*", ".f"}},
	}
	for _, tt := range tests {
		if got := steps(tt.path); !slices.Equal(got, tt.want) {
			t.Errorf("steps(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestOverlaps(t *testing.T) {
	r1 := &ssa.Global{}
	r2 := &ssa.Global{}
	tests := []struct {
		a, b Loc
		want bool
	}{
		{Loc{r1, ""}, Loc{r1, ""}, true},
		{Loc{r1, ""}, Loc{r2, ""}, false},
		{Loc{r1, ""}, Loc{r1, ".f"}, true},                   // whole struct vs its field
		{Loc{r1, ".f"}, Loc{r1, ".g"}, false},                // distinct fields
		{Loc{r1, ""}, Loc{r1, "*.f"}, false},                 // pointer variable vs pointee
		{Loc{r1, ".m*{?}*.f"}, Loc{r1, ".m*{?}*.f"}, false},  // two keys' elements
		{Loc{r1, ".m*{all}*.f"}, Loc{r1, ".m*{?}*.f"}, true}, // a range reaches every key
		{Loc{r1, ".m*{all}*.f"}, Loc{r1, ".m*{all}*.f"}, true},
		{Loc{r1, ".m*{all}*.f"}, Loc{r1, ".m*{all}*.g"}, false},
		{Loc{r1, ".m*{}"}, Loc{r1, ".m*{all}*.f"}, false}, // the map's entries vs a pointee
		{Loc{r1, ".s*[?]*.f"}, Loc{r1, ".s*{all}*.f"}, false},
		{Loc{r1, "*[0]"}, Loc{r1, "*[0]"}, true},  // same constant element
		{Loc{r1, "*[0]"}, Loc{r1, "*[1]"}, false}, // distinct elements
		{Loc{r1, "*[?]"}, Loc{r1, "*[?]"}, false}, // per-goroutine indexes
		{Loc{r1, "*{}"}, Loc{r1, "*{}"}, true},    // map contents
		{Loc{r1, ".f"}, Loc{r1, ".f.g"}, true},
	}
	for _, tt := range tests {
		if got := Overlaps(tt.a, tt.b); got != tt.want {
			t.Errorf("Overlaps(%q, %q) = %v, want %v", tt.a.Path, tt.b.Path, got, tt.want)
		}
		if got := Overlaps(tt.b, tt.a); got != tt.want {
			t.Errorf("Overlaps is not symmetric for %q, %q", tt.a.Path, tt.b.Path)
		}
	}
}

func TestIndexStep(t *testing.T) {
	c := ssa.NewConst(constant.MakeInt64(7), types.Typ[types.Int])
	if got := indexStep(c); got != "[7]" {
		t.Errorf("indexStep(7) = %q", got)
	}
	if got := indexStep(&ssa.Parameter{}); got != "[?]" {
		t.Errorf("indexStep(param) = %q", got)
	}
}

func TestLocksets(t *testing.T) {
	mu := Loc{&ssa.Global{}, ""}
	rw := Loc{&ssa.Global{}, ""}
	var ls Lockset
	ls = ls.with(Held{Loc: mu, Write: true})
	ls = ls.with(Held{Loc: rw})
	if held, write := ls.Holds(mu); !held || !write {
		t.Errorf("Holds(mu) = %v, %v", held, write)
	}
	if held, write := ls.Holds(rw); !held || write {
		t.Errorf("Holds(rw) = %v, %v; want read-held", held, write)
	}
	out, found := ls.without(mu)
	if !found || len(out) != 1 {
		t.Errorf("without(mu) = %v, %v", out, found)
	}
	readOnly := Lockset{{Loc: rw}}
	if Protects(readOnly, readOnly) {
		t.Error("two read locks must not exclude each other")
	}
	if !Protects(Lockset{{Loc: rw, Write: true}}, readOnly) {
		t.Error("a write lock and a read lock of the same RWMutex exclude each other")
	}
	if got := ls.intersect(Lockset{{Loc: mu}}); len(got) != 1 || got[0].Write {
		t.Errorf("intersect keeps the weaker mode: %v", got)
	}
	aliasA := Lockset{{Loc: Loc{&ssa.Global{}, ".mu"}, Write: true, Field: "p.T.mu"}}
	aliasB := Lockset{{Loc: Loc{&ssa.Global{}, "*.mu"}, Write: true, Field: "p.T.mu"}}
	if !Protects(aliasA, aliasB) {
		t.Error("the same field of the same type is taken to be the same lock")
	}
}
