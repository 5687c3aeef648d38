// Package broken is the dependency the analyzer fails on.
package broken

// N is used by app.
var N = 1
