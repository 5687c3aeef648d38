// Package fail has tests that fail in the ways racecheck run must report:
// t.Fatalf, a failing subtest, and a test failed only by the race
// detector, which is a race and not a failure.
package fail

// Sum adds xs.
func Sum(xs ...int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
