package driver

// The cache generation lets racecheck rebuild go vet cache entries it
// finds corrupt. The go command notices an entry whose size changed, but
// not one whose bytes changed in place; racecheck notices the latter
// when go vet replays output it cannot parse. It then raises the
// generation, a number kept in a file of its own cache directory and
// passed to the tool as a flag, which go vet hashes into every key: all
// packages are analyzed afresh under new keys, and later runs use those.
// The old entries age out of the go build cache like any unused entry.

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const generationFile = "generation"

// readGeneration returns the generation recorded in dir, 0 if none or
// unreadable.
func readGeneration(dir string) int {
	if dir == "" {
		return 0
	}
	data, err := os.ReadFile(filepath.Join(dir, generationFile))
	if err != nil {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// bumpGeneration records and returns the generation after gen. The file
// is replaced atomically, so a concurrent racecheck reads the old or the
// new number, never a partial one; two processes raising it at once both
// write gen+1. If it cannot be written, the new generation still holds
// for this run.
func bumpGeneration(dir string, gen int) int {
	gen++
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return gen
	}
	tmp, err := os.CreateTemp(dir, generationFile+".*")
	if err != nil {
		return gen
	}
	_, werr := tmp.WriteString(strconv.Itoa(gen) + "\n")
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), filepath.Join(dir, generationFile)) != nil {
		os.Remove(tmp.Name())
	}
	return gen
}
