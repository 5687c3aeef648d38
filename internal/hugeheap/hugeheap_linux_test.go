package hugeheap

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

func TestThpMode(t *testing.T) {
	for in, want := range map[string]string{
		"always [madvise] never\n": "madvise",
		"[always] madvise never":   "always",
		"always madvise [never]":   "never",
		"":                         "",
	} {
		if got := thpMode(in); got != want {
			t.Errorf("thpMode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReserve checks that the heap grows into memory marked for huge
// pages once Reserve has run: a large allocation made afterwards lies in
// a mapping whose VmFlags (/proc/self/smaps) include hg, MADV_HUGEPAGE.
func TestReserve(t *testing.T) {
	if !Available() {
		t.Skipf("huge pages are not the program's choice here (%s: %q)", thpEnabled, readFile(thpEnabled))
	}
	if !Reserve(256 << 20) {
		t.Fatal("Reserve did not reserve")
	}
	if !Reserve(256 << 20) {
		t.Error("a second Reserve reports no range")
	}
	b := make([]byte, 32<<20)
	flags, err := vmFlags(uintptr(unsafe.Pointer(&b[0])))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the heap's new memory is not marked for huge pages: VmFlags %q", flags)
	}
}

// vmFlags returns the VmFlags of the mapping that holds addr.
func vmFlags(addr uintptr) (string, error) {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return "", err
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(rest), nil
		}
	}
	return "", fmt.Errorf("no mapping holds %#x", addr)
}
