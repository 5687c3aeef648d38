// Package mapwrite shows a captured map written concurrently (reported)
// and guarded with a mutex or replaced by sync.Map (not reported).
package mapwrite

import "sync"

type Record struct {
	Key   string
	Value int
}

// index writes a captured map from one goroutine per record.
func index(records []Record) map[string]int {
	var wg sync.WaitGroup
	byKey := make(map[string]int)
	for _, r := range records {
		wg.Add(1)
		go func() {
			defer wg.Done()
			byKey[r.Key] = r.Value // want `write to map byKey in goroutine started repeatedly at mapwrite.go:\d+ races with the same write in its other instances; protect every access with a sync.Mutex`
		}()
	}
	wg.Wait()
	return byKey
}

// evict deletes from a map the parent keeps reading.
func evict(cache map[string]int, stale []string, done chan<- bool) int {
	go func() {
		for _, k := range stale {
			delete(cache, k) // want `write to map cache in goroutine started at mapwrite.go:\d+ races with read at mapwrite.go:\d+`
		}
		done <- true
	}()
	return cache["hits"]
}

// indexLocked guards the map.
func indexLocked(records []Record) map[string]int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	byKey := make(map[string]int)
	for _, r := range records {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			byKey[r.Key] = r.Value
			mu.Unlock()
		}()
	}
	wg.Wait()
	return byKey
}

// indexSyncMap uses sync.Map.
func indexSyncMap(records []Record) *sync.Map {
	var wg sync.WaitGroup
	var byKey sync.Map
	for _, r := range records {
		wg.Add(1)
		go func() {
			defer wg.Done()
			byKey.Store(r.Key, r.Value)
		}()
	}
	wg.Wait()
	return &byKey
}

// readOnly: every goroutine only reads the map.
func readOnly(table map[string]int, keys []string, out chan<- int) {
	for _, k := range keys {
		go func() { out <- table[k] }()
	}
}
