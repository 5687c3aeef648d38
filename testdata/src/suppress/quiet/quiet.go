// Package quiet is analyzed with -unused-directives=false: its stale
// directive is not reported, and its directives still suppress.
package quiet

func racy() {}

func cases() {
	//racecheck:ignore test-race stale, but the report is turned off
	_ = 0

	racy() //racecheck:ignore test-race still suppressed
}
