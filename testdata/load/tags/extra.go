//go:build racecheck_extra

package tags

import "sync"

// Racy writes x from a goroutine and from its caller without
// synchronisation: the one finding each fixture package has.
func Racy() int {
	var wg sync.WaitGroup
	x := 0
	wg.Add(1)
	go func() { defer wg.Done(); x = 1 }()
	x = 2
	wg.Wait()
	return x
}
