// Package dep is only found through go_test.mod's replace directive.
package dep

// N is used by the module's root package.
const N = 1
