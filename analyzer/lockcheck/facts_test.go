package lockcheck_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"sort"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/lockcheck"
)

// storeFacts runs lockcheck on the store fixture and returns the gob
// encoding of each fact it exports, by object name.
func storeFacts(t *testing.T) map[string][]byte {
	out := make(map[string][]byte)
	for _, r := range analysistest.Run(t, testdata(t), lockcheck.Analyzer, "lockcheck/store") {
		for _, f := range r.Action.AllObjectFacts() {
			if f.Object.Pkg() != r.Action.Package.Types {
				continue
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("encoding fact of %s: %v", f.Object.Name(), err)
			}
			out[f.Object.Name()] = buf.Bytes()
			roundTrip(t, f.Object.Name(), f.Fact, buf.Bytes())
		}
	}
	return out
}

// roundTrip decodes a fact and checks it equals the original.
func roundTrip(t *testing.T, name string, fact analysis.Fact, data []byte) {
	t.Helper()
	fresh := reflect.New(reflect.TypeOf(fact).Elem()).Interface()
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(fresh); err != nil {
		t.Fatalf("decoding fact of %s: %v", name, err)
	}
	if !reflect.DeepEqual(fresh, fact) {
		t.Errorf("fact of %s changed in a gob round trip:\n got %#v\nwant %#v", name, fresh, fact)
	}
}

func TestFactsRoundTripDeterministic(t *testing.T) {
	first, second := storeFacts(t), storeFacts(t)
	var names []string
	for name := range first {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, want := range []string{"Put", "SafePut", "Lock", "Unlock", "Store"} {
		if _, ok := first[want]; !ok {
			t.Errorf("no fact exported for %s; have %v", want, names)
		}
	}
	for _, name := range names {
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("fact of %s differs between two runs", name)
		}
		if n := len(first[name]); n > 4096 {
			t.Errorf("fact of %s is %d bytes encoded, want at most 4096", name, n)
		}
		t.Logf("%s: %d bytes", name, len(first[name]))
	}
}
