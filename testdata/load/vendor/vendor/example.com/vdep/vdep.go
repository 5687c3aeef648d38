// Package vdep is only available from the vendor directory.
package vdep

// N is used by the module's root package.
const N = 1
