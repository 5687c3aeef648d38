// Package top is one link of the chain leaf <- mid <- top (side stands
// apart): the cache tests edit leaf and expect leaf, mid and top, not
// side, to be analyzed again.
package top

import (
	"example.com/chain/mid"
	"sync"
)

// Racy writes x from a goroutine and from its caller without
// synchronisation.
func Racy() int {
	var wg sync.WaitGroup
	x := mid.Racy()
	wg.Add(1)
	go func() { defer wg.Done(); x = 1 }()
	x = 2
	wg.Wait()
	return x
}
