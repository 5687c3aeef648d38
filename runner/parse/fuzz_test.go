package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that neither parser panics or hangs on any input.
func FuzzParse(f *testing.F) {
	for _, g := range goldens {
		if in, err := os.ReadFile(filepath.Join("testdata", g.input)); err == nil {
			f.Add(in)
		}
	}
	f.Add([]byte("WARNING: DATA RACE\nRead at 0x0 by main goroutine:\n  f(\n      :0\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, parseFn := range []func(*bytes.Reader) (*Log, error){
			func(r *bytes.Reader) (*Log, error) { return Text(r) },
			func(r *bytes.Reader) (*Log, error) { return TestJSON(r) },
		} {
			log, _ := parseFn(bytes.NewReader(in))
			if log == nil {
				t.Fatal("nil log")
			}
			if len(log.Reports) > bytes.Count(in, []byte(warning)) {
				t.Fatalf("%d reports from %d warnings", len(log.Reports), bytes.Count(in, []byte(warning)))
			}
		}
	})
}
