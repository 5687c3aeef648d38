// Package sharedindex shows every goroutine writing the same slice
// element (reported) and per-goroutine elements (not reported).
package sharedindex

import "sync"

type Shard struct{ Rows int }

func scan(s Shard) int { return s.Rows }

// totals keeps a running maximum in element 0 from every goroutine.
func totals(shards []Shard) []int {
	var wg sync.WaitGroup
	stats := make([]int, 2)
	for _, s := range shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if n := scan(s); n > 0 {
				stats[0] = n // want `write to element stats\[0\] in goroutine started repeatedly at sharedindex.go:\d+ races with the same write in its other instances; give each goroutine its own index`
			}
		}()
	}
	wg.Wait()
	return stats
}

// perShard writes element i from goroutine i, passed as an argument.
func perShard(shards []Shard) []int {
	var wg sync.WaitGroup
	rows := make([]int, len(shards))
	for i := range shards {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rows[i] = scan(shards[i])
		}(i)
	}
	wg.Wait()
	return rows
}
