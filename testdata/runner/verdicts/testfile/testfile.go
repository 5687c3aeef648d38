// Package testfile has static findings in its test file: one in a test
// that runs (executed, though coverage never covers test files), one in
// a benchmark racecheck run never runs (not executed), one in a helper
// nothing tells about (unknown).
package testfile
