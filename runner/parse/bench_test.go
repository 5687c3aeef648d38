package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkText measures the parser's throughput on a large log: the
// captured go test -v output of the shapes fixture (seven reports among
// test output) repeated to about 50 MB. Run it with
//
//	go test -run NONE -bench . ./runner/parse
func BenchmarkText(b *testing.B) {
	unit, err := os.ReadFile(filepath.Join("testdata", "shapes_v.txt"))
	if err != nil {
		b.Fatal(err)
	}
	in := bytes.Repeat(unit, 50<<20/len(unit))
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		log, err := Text(bytes.NewReader(in))
		if err != nil || len(log.Reports) == 0 {
			b.Fatalf("%v, %d reports", err, len(log.Reports))
		}
	}
}
