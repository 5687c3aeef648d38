package vendored

import (
	"sync"

	"example.com/vdep"
)

// Racy writes x from a goroutine and from its caller without
// synchronisation: the one finding each fixture package has.
func Racy() int {
	var wg sync.WaitGroup
	x := vdep.N
	wg.Add(1)
	go func() { defer wg.Done(); x = 1 }()
	x = 2
	wg.Wait()
	return x
}
