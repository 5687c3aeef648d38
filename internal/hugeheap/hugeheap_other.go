//go:build !linux

package hugeheap

// Transparent huge pages are Linux's.
func available() bool     { return false }
func reserve(uint64) bool { return false }
