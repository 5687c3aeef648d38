// Package variant has a directive that only the test variant of the
// package uses: its plain variant must not call it unused, since the
// test variant, analyzed as well, sees every file and decides.
package variant

//racecheck:ignore test-race only the tests call it, one at a time
func racy() {}
