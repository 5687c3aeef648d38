package modfile

import (
	"sync"

	"example.com/dep"
)

// Racy writes x from a goroutine and from its caller without
// synchronisation: the one finding each fixture package has.
func Racy() int {
	var wg sync.WaitGroup
	x := dep.N
	wg.Add(1)
	go func() { defer wg.Done(); x = 1 }()
	x = 2
	wg.Wait()
	return x
}
