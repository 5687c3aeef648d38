// Command late races in the main goroutine with an access made long
// before; run with GORACE=history_size=0 it shows a previous access
// whose stack cannot be restored.
package main

import (
	"fmt"

	"example.com/shapes"
)

func main() {
	fmt.Println(shapes.Late())
}
