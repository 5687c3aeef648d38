package variant

import "testing"

func TestRacy(t *testing.T) {
	racy() // suppressed at the declaration

	//racecheck:ignore test-race stale, reported by the test variant // want "directive suppresses no test-race finding"
	_ = 0
}
