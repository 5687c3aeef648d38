// Package fine is a dependency the analyzer finishes.
package fine

// M is used by app.
var M = 2
