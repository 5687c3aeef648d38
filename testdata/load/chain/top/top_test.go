package top_test

import (
	"sync"
	"testing"

	"example.com/chain/top"
)

// TestRacy races on n between the test and its goroutine: a finding in
// an external test package.
func TestRacy(t *testing.T) {
	n := top.Racy()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); n++ }()
	n++
	wg.Wait()
}
