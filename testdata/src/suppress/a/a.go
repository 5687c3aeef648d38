// Package a shows which //racecheck:ignore and //nolint directives
// suppress a diagnostic of the test analyzer, and which are reported.
package a

import "suppress/dep"

func racy() {}

func cases() {
	racy() // want "call to racy"

	racy() //racecheck:ignore test-race trailing directive with a reason

	//racecheck:ignore test-race directive on the line above
	racy()

	//racecheck:ignore other,test-race a list naming the category
	racy()

	racy() //racecheck:ignore other wrong category // want "call to racy"

	//racecheck:ignore test-race a directive covers only the next line // want "directive suppresses no test-race finding"
	_ = 0
	racy() // want "call to racy"

	racy() //nolint:racecheck // golangci-lint form

	racy() //nolint:errcheck,racecheck

	racy() //nolint:errcheck // want "call to racy"

	//racecheck:ignore test-race stale: nothing to suppress here // want "directive suppresses no test-race finding"
	_ = 1

	//nolint:racecheck // unused nolint directives are golangci-lint's to report
	_ = 2

	racy() //racecheck:ignored test-race not a directive // want "call to racy"

	dep.Racy() // suppressed at the declaration in dep, through the fact

	dep.Plain() // want "call to Plain"
}
