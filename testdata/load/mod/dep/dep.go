// Package dep is required by nothing in go.mod: -mod=mod adds the requirement.
package dep

// N is used by the module's root package.
const N = 1
