package lockcheck_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/lockcheck"
)

// storeFacts runs lockcheck on the store fixture and returns the gob
// encoding of the package fact it exports, and the summary itself.
func storeFacts(t *testing.T) ([]byte, *lockcheck.PackageSummary) {
	var enc []byte
	var sum *lockcheck.PackageSummary
	for _, r := range analysistest.Run(t, testdata(t), lockcheck.Analyzer, "lockcheck/store") {
		for _, f := range r.Action.AllPackageFacts() {
			if f.Package != r.Action.Package.Types {
				continue
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("encoding the package fact: %v", err)
			}
			enc = buf.Bytes()
			roundTrip(t, "package store", f.Fact, enc)
			sum = f.Fact.(*lockcheck.PackageSummary)
		}
	}
	if sum == nil {
		t.Fatal("no package fact exported for lockcheck/store")
	}
	return enc, sum
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
	first, sum := storeFacts(t)
	second, _ := storeFacts(t)
	var names []string
	for _, f := range sum.Funcs {
		names = append(names, f.Name)
	}
	for _, g := range sum.Types {
		names = append(names, g.Type)
	}
	for _, want := range []string{"Store.Put", "Store.SafePut", "Store.Lock", "Store.Unlock", "Store"} {
		if !slices.Contains(names, want) {
			t.Errorf("no summary exported for %s; have %v", want, names)
		}
	}
	if !bytes.Equal(first, second) {
		t.Errorf("the package fact differs between two runs")
	}
	if n := len(first); n > 4096 {
		t.Errorf("the package fact is %d bytes encoded, want at most 4096", n)
	}
	t.Logf("package fact: %d bytes", len(first))
}
