package racefixes

import (
	"path/filepath"
	"reflect"
	"testing"
)

// vetJSON is racecheck -json output with two analyzers, one failed.
const vetJSON = `{
  "example.com/m/serf": {
    "lockcheck": [
      {"category": "unguarded-field", "posn": "/w/m/serf/serf.go:1652:31",
       "message": "s.members read without s.memberLock held (s.memberLock guards s.members at 4 of 5 accesses, e.g. serf.go:900)"},
      {"category": "unguarded-field", "posn": "/w/m/serf/delegate.go:40:2",
       "message": "d.serf.eventMinTime read without d.serf.eventLock held",
       "related": [{"posn": "/w/m/serf/serf.go:600:3", "message": "locked write"}]}
    ],
    "spawn": {"error": "analysis failed"}
  }
}`

func TestParseJSON(t *testing.T) {
	fs, errs, err := ParseJSON([]byte(vetJSON))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || !reflect.DeepEqual(errs, []string{"example.com/m/serf: spawn: analysis failed"}) {
		t.Fatalf("got %d findings, errors %q; want 2 findings and the spawn error", len(fs), errs)
	}
	if fs[0].Pos != (Pos{"/w/m/serf/serf.go", 1652}) || fs[1].Related[0] != (Pos{"/w/m/serf/serf.go", 600}) {
		t.Errorf("positions: %+v, related %+v", fs[0].Pos, fs[1].Related)
	}
	for _, bad := range []string{`[]`, `{"p": {"a": 3}}`, `not json`} {
		if _, _, err := ParseJSON([]byte(bad)); err == nil {
			t.Errorf("ParseJSON(%s) = nil error, want one", bad)
		}
	}
}

func TestParsePosn(t *testing.T) {
	for in, want := range map[string]Pos{
		"/a/b.go:12:5":  {"/a/b.go", 12},
		"/a/b.go:12":    {"/a/b.go", 12},
		`C:\a\b.go:7:1`: {`C:\a\b.go`, 7},
		"/a/b.go":       {"/a/b.go", 0},
		"/a/b.go:x:3":   {"/a/b.go:x", 3},
		"":              {"", 0},
	} {
		if got := parsePosn(in); got != want {
			t.Errorf("parsePosn(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestNamesObject(t *testing.T) {
	for _, tc := range []struct {
		msg, obj string
		want     bool
	}{
		{"s.members read without s.memberLock held", "members", true},
		{"write to field c.hits in goroutine", "hits", true},
		{"members read", "members", true},
		{"s.failedMembers read without lock", "members", false},
		{"s.membersLock held", "members", false},
		{"s.member read", "members", false},
		{"write to global v in goroutine", "v", true},
		{"write to map rep.ByHost", "v", false},
		{"", "v", false},
	} {
		if got := NamesObject(tc.msg, tc.obj); got != tc.want {
			t.Errorf("NamesObject(%q, %q) = %v, want %v", tc.msg, tc.obj, got, tc.want)
		}
	}
}

func TestMatcher(t *testing.T) {
	root := filepath.FromSlash("/w/m")
	m := Matcher{Root: root, Window: 3}
	want := Access{File: "serf/serf.go", Line: 1650, Object: "members"}
	at := func(file string, line int) Pos { return Pos{filepath.Join(root, file), line} }
	for _, tc := range []struct {
		name          string
		f             Finding
		atLine, names bool
	}{
		{"in window", Finding{Pos: at("serf/serf.go", 1653), Message: "x.y read"}, true, false},
		{"window edge", Finding{Pos: at("serf/serf.go", 1647), Message: "x.y read"}, true, false},
		{"outside window", Finding{Pos: at("serf/serf.go", 1654), Message: "x.y read"}, false, false},
		{"object elsewhere in file", Finding{Pos: at("serf/serf.go", 10), Message: "s.members read"}, true, true},
		{"related in window", Finding{Pos: at("serf/event.go", 3), Related: []Pos{at("serf/serf.go", 1650)}, Message: "x"}, true, false},
		{"object in another file", Finding{Pos: at("serf/event.go", 1650), Message: "s.members read"}, false, false},
		{"same name another dir", Finding{Pos: at("cmd/serf.go", 1650), Message: "s.members read"}, false, false},
		{"related names nothing", Finding{Pos: at("serf/event.go", 1), Related: []Pos{at("serf/serf.go", 1)}, Message: "s.members"}, false, false},
	} {
		if got := m.AtLine(tc.f, want); got != tc.atLine {
			t.Errorf("%s: AtLine = %v, want %v", tc.name, got, tc.atLine)
		}
		if got := m.Names(tc.f, want); got != tc.names {
			t.Errorf("%s: Names = %v, want %v", tc.name, got, tc.names)
		}
	}
	fs := []Finding{{Pos: at("a.go", 1)}, {Pos: at("serf/serf.go", 1650)}}
	if f, ok := First(fs, func(f Finding) bool { return m.AtLine(f, want) }); !ok || f.Pos.Line != 1650 {
		t.Errorf("First = %+v, %v; want the serf.go finding", f, ok)
	}
	if _, ok := First(fs[:1], func(f Finding) bool { return m.AtLine(f, want) }); ok {
		t.Error("First found a match where there is none")
	}
}
