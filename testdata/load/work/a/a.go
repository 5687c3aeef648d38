// Package a imports b from the other module of the workspace.
package a

import "example.com/b"

// Sum calls into the other module.
func Sum() int { return b.RacyB() + 1 }
