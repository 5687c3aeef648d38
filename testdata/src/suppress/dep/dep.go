// Package dep holds a directive that suppresses a diagnostic reported
// in another package (suppress/a), which sees it only through a fact.
package dep

//racecheck:ignore test-race callers serialize on their own lock
func Racy() {}

// Plain is reported where it is called; nothing here suppresses it.
func Plain() {}
