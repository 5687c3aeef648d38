package directed

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
	"testing"
)

const rewriteSrc = `package p

import "sync"

type Box[T any] struct {
	mu sync.Mutex
	v  T
}

func (b *Box[T]) Set(v T) { b.mu.Lock(); b.v = v; b.mu.Unlock() }

func F(xs []int, ch chan int) (n int) {
	var wg sync.WaitGroup
L:
	for _, x := range xs {
		switch x {
		case 0:
			fallthrough
		default:
			n++
		}
		select {
		case v := <-ch:
			n += v
		default:
		}
		if x > 9 {
			break L
		}
		wg.Add(1)
		go func() { defer wg.Done(); n++ }()
		{
			n--
		}
	}
	wg.Wait()
	return n
}
`

var delayCall = regexp.MustCompile(DelayFunc + `\(\d+\); `)

// TestRewriteEveryStatement delays before every statement and checks
// that the result is valid Go, gofmt can format it, and each line is the
// original line plus the inserted calls.
func TestRewriteEveryStatement(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", rewriteSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ins []Insert
	Statements(f, func(s ast.Stmt) { ins = append(ins, Insert{Offset: fset.Position(s.Pos()).Offset, Index: len(ins)}) })
	if len(ins) < 20 {
		t.Fatalf("only %d statements found", len(ins))
	}
	out, err := Rewrite("p.go", []byte(rewriteSrc), ins)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := format.Source(out); err != nil {
		t.Errorf("gofmt rejects the rewrite: %v", err)
	}
	got, want := strings.Split(string(out), "\n"), strings.Split(rewriteSrc, "\n")
	if len(got) != len(want) {
		t.Fatalf("rewrite has %d lines, want %d", len(got), len(want))
	}
	calls := 0
	for i := range got {
		calls += len(delayCall.FindAllString(got[i], -1))
		if s := delayCall.ReplaceAllString(got[i], ""); s != want[i] {
			t.Errorf("line %d: %q, want %q plus calls", i+1, got[i], want[i])
		}
	}
	if calls != len(ins) {
		t.Errorf("%d calls inserted, want %d", calls, len(ins))
	}
}

func TestRewriteRejects(t *testing.T) {
	src := []byte("package p\n\nfunc f() { x := 1; _ = x }\n")
	if _, err := Rewrite("p.go", src, []Insert{{Offset: 5, Index: 0}}); err == nil {
		t.Error("a rewrite that does not parse was accepted")
	}
	if _, err := Rewrite("p.go", src, []Insert{{Offset: 22, Index: 0}, {Offset: 22, Index: 1}}); err == nil {
		t.Error("a duplicate offset was accepted")
	}
}

func TestEligible(t *testing.T) {
	for src, want := range map[string]bool{
		"package p\n\nimport \"C\"\n":                                      false,
		"package p\n\nimport (\n\t\"C\"\n\t\"os\"\n)\n\nvar _ = os.Args\n": false,
		"package p\n\nimport \"os\"\n\nvar _ = os.Args\n":                  true,
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		if got := Eligible(f); got != want {
			t.Errorf("Eligible(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestHelperIsGoFmt(t *testing.T) {
	for _, pkg := range []string{"p", "p_test"} {
		for _, ids := range [][]int{nil, {3, 7, 12}} {
			src, err := Helper(pkg, ids)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), "h.go", src, parser.ParseComments)
			if err != nil {
				t.Fatalf("helper does not parse: %v\n%s", err, src)
			}
			if f.Name.Name != pkg {
				t.Errorf("helper package %s, want %s", f.Name.Name, pkg)
			}
			formatted, err := format.Source(src)
			if err != nil || string(formatted) != string(src) {
				t.Errorf("helper for %s %v is not gofmt-formatted (err %v):\n%s", pkg, ids, err, src)
			}
		}
	}
}
