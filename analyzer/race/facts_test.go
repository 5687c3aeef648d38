package race_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racecheck/racecheck/analyzer/race"
)

// gateFact runs race on the gate fixture and returns the gob encoding of
// the package fact it exports.
func gateFact(t *testing.T) []byte {
	t.Helper()
	for _, r := range analysistest.Run(t, testdata(t), race.Analyzer, "race/gate") {
		for _, f := range r.Action.AllPackageFacts() {
			if f.Package != r.Action.Package.Types {
				continue
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("encoding the package fact: %v", err)
			}
			var back race.SyncSummary
			if err := gob.NewDecoder(bytes.NewReader(buf.Bytes())).Decode(&back); err != nil {
				t.Fatalf("decoding the package fact: %v", err)
			}
			if !reflect.DeepEqual(&back, f.Fact) {
				t.Errorf("the fact changed in a gob round trip:\n got %#v\nwant %#v", &back, f.Fact)
			}
			return buf.Bytes()
		}
	}
	t.Fatal("no package fact exported for race/gate")
	return nil
}

func TestSyncFactDeterministic(t *testing.T) {
	if first, second := gateFact(t), gateFact(t); !bytes.Equal(first, second) {
		t.Error("the SyncSummary of race/gate differs between two runs")
	}
}
