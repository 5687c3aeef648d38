package hugeheap

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// thpEnabled is where Linux says when anonymous memory gets huge pages.
const thpEnabled = "/sys/kernel/mm/transparent_hugepage/enabled"

// available reports whether huge pages are the program's choice and
// mapping the range cannot fail. On 32 bits the range would take much of
// the address space.
func available() bool {
	return strconv.IntSize == 64 && thpMode(readFile(thpEnabled)) == "madvise" && mappable()
}

// reserve maps, marks and frees the range (see the package doc).
func reserve(size uint64) bool {
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) != nil {
		return false
	}
	size = min(size, uint64(si.Totalram)*uint64(si.Unit)/8)
	if size < 64<<20 {
		return false
	}
	err := syscall.Madvise(make([]byte, size), syscall.MADV_HUGEPAGE)
	// A collection now frees the range while the heap is small; left to
	// the pacer, a goal computed while the range was live would let the
	// heap grow to twice its size first.
	runtime.GC()
	return err == nil
}

// thpMode returns the selected mode in the contents of thpEnabled
// ("always [madvise] never" selects madvise), or "".
func thpMode(s string) string {
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "[") && strings.HasSuffix(f, "]") {
			return strings.Trim(f, "[]")
		}
	}
	return ""
}

// mappable reports whether mapping the range is sure not to fail, which
// would end the program (the runtime throws when the heap cannot grow):
// no limit on the address space or the data segment (Linux counts
// private writable mappings in both), and no strict overcommit
// accounting, which would charge the whole range at once.
func mappable() bool {
	for _, res := range []int{syscall.RLIMIT_AS, syscall.RLIMIT_DATA} {
		var lim syscall.Rlimit
		if syscall.Getrlimit(res, &lim) != nil || lim.Cur != rlimInfinity {
			return false
		}
	}
	return strings.TrimSpace(readFile("/proc/sys/vm/overcommit_memory")) != "2"
}

// rlimInfinity is RLIM_INFINITY, -1 as the uint64 of syscall.Rlimit.
const rlimInfinity = ^uint64(0)

func readFile(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
}
