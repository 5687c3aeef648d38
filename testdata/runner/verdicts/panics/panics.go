// Package panics has a test that panics and stops its binary before the
// tests after it run.
package panics

// Count counts word in m, which must be non-nil.
func Count(m map[string]int, word string) { m[word]++ }
