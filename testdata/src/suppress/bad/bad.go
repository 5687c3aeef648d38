// Package bad shows malformed //racecheck:ignore directives, which the
// ignoredirective analyzer reports, next to well-formed ones, which it does not.
package bad

func f(n *int) {
	//racecheck:ignore waitgroup-add the counter is added by the caller
	*n = 1

	*n = 2 //racecheck:ignore waitgroup-add,unused-directive both known, with a reason

	//racecheck:ignore waitgroup-add // want `directive gives no reason`
	*n = 3

	*n = 4 //racecheck:ignore // want `directive names no category`

	//racecheck:ignore no-such-check,waitgroup-add reason given // want `names unknown category "no-such-check"`
	*n = 5

	//racecheck:ignore shared-feild a typo of a category // want `unknown category "shared-feild" \(did you mean shared-field\?\)`
	*n = 8

	*n = 6 //nolint:racecheck

	*n = 7 // racecheck:ignore with a space is an ordinary comment
}
