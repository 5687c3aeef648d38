// Package hugeheap backs a large Go heap with transparent huge pages
// where the system leaves them to the program (Linux's "madvise" mode).
//
// A racecheck process that analyzes (the in-process driver, the vet
// server, a vet tool process) otherwise faults its heap in 4 KB at a
// time, 350,000 minor faults for the 1.35 GB of racecheck's own module,
// and runs its analysis with as many TLB entries: with huge pages the
// same run takes 16% less CPU, and go vet -vettool=racecheck on std a
// quarter less (BENCHMARKS.md, "Huge pages for the in-process heap").
// Since Go 1.21.1 the runtime no longer asks for huge pages itself, and
// its heap grows by mappings that a madvise of the address space
// beforehand would not reach. Reserve makes the runtime map a range of
// heap at once, with one large allocation that nothing touches, marks
// that mapping MADV_HUGEPAGE and frees the allocation: the heap then
// grows into the marked range, 2 MB per fault. The range costs address
// space only until the heap uses it.
//
// Where huge pages are always on, never available, or not the program's
// to choose (GODEBUG=disablethp=1, a limit on address space or data,
// strict overcommit accounting, RACECHECK_HUGEPAGES=off), Reserve does
// nothing.
package hugeheap

import (
	"os"
	"strings"
	"sync"
)

// EnvVar turns Reserve off when set to "off".
const EnvVar = "RACECHECK_HUGEPAGES"

var once struct {
	sync.Once
	done bool
}

// Reserve marks up to size bytes of heap address space for huge pages,
// the first time it is called in the process, and reports whether the
// heap has such a range (later calls only report). The size is capped to
// an eighth of the machine's memory.
func Reserve(size uint64) bool {
	once.Do(func() { once.done = Available() && reserve(size) })
	return once.done
}

// Available reports whether Reserve can mark heap for huge pages here.
func Available() bool { return wanted(os.Getenv) && available() }

// wanted reports whether the environment leaves the choice to Reserve.
func wanted(getenv func(string) string) bool {
	return getenv(EnvVar) != "off" && !godebugOff(getenv("GODEBUG"))
}

// godebugOff reports whether GODEBUG keeps the heap from huge pages:
// disablethp=1 asks the runtime to refuse them, and harddecommit=1 remaps
// the pages the heap reuses, which drops the mark. As for the runtime,
// the last setting of a name wins.
func godebugOff(godebug string) bool {
	off := map[string]bool{}
	for _, kv := range strings.Split(godebug, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(kv), "=")
		if name == "disablethp" || name == "harddecommit" {
			off[name] = value == "1"
		}
	}
	return off["disablethp"] || off["harddecommit"]
}
