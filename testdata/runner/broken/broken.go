// Package broken builds, but its test does not compile.
package broken

// Answer returns 42.
func Answer() int { return 42 }
