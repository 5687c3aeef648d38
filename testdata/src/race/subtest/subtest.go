// Package subtest shows parallel subtests writing a variable of the
// parent test (reported), and per-subtest state (not reported).
package subtest

import "testing"

type Case struct {
	Name string
	In   int
	Want int
}

func double(x int) int { return 2 * x }

var cases = []Case{{"one", 1, 2}, {"two", 2, 4}}

// TestDouble counts failures in a variable shared by parallel subtests.
func TestDouble(t *testing.T) {
	failures := 0
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			if got := double(tc.In); got != tc.Want {
				failures++ // want `write to failures of the parent test in parallel subtest started at subtest.go:\d+ races with read at subtest.go:\d+ in its other instances; give each parallel subtest its own copy`
			}
		})
	}
}

// TestDoubleSetup writes shared state before t.Parallel(), which runs
// sequentially, and per-case state after it.
func TestDoubleSetup(t *testing.T) {
	seen := 0
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			seen++
			t.Parallel()
			got := double(tc.In)
			if got != tc.Want {
				t.Errorf("double(%d) = %d", tc.In, got)
			}
		})
	}
}

// TestSequential has no parallel subtests.
func TestSequential(t *testing.T) {
	failures := 0
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if double(tc.In) != tc.Want {
				failures++
			}
		})
	}
	_ = failures
}
