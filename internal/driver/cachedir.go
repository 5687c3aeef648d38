package driver

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// emptyBuildCache reports whether the go build cache the go command uses
// in dir with env holds no entry at all: it is missing, or none of its
// 256 entry directories has a file. That is the cache of a new CI
// machine, or one just cleaned, where every dependency is stale and
// asking go list which ones are (a hash of every dependency's files)
// costs a third of the probe for nothing. Any doubt (no go command, a
// cache that is off or not an absolute path, an unreadable directory)
// answers false, and the probe asks.
func emptyBuildCache(dir string, env []string) bool {
	out, err := goCommand([]string{"env", "GOCACHE"}, dir, env)
	if err != nil {
		return false
	}
	return emptyCacheDir(strings.TrimSpace(out))
}

// emptyCacheDir reports whether the go build cache in dir (GOCACHE's
// layout: entries in the subdirectories 00 to ff) has no entry.
func emptyCacheDir(dir string) bool {
	if !filepath.IsAbs(dir) {
		return false // "off", or nothing the go command would use
	}
	for i := range 256 {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("%02x", i)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return false
		}
		names, err := f.Readdirnames(1)
		f.Close()
		if len(names) > 0 || (err != nil && !errors.Is(err, io.EOF)) {
			return false
		}
	}
	return true
}
