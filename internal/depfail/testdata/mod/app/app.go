// Package app is the package the user names.
package app

import (
	"depmod/broken"
	"depmod/fine"
)

// Sum uses both dependencies.
func Sum() int { return broken.N + fine.M }
