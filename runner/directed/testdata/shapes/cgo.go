package shapes

// #include <stdlib.h>
import "C"

// Abs runs C's abs in a goroutine: a cgo file the rewriter leaves alone.
func Abs(x int) int {
	ch := make(chan int)
	go func() { ch <- int(C.abs(C.int(x))) }()
	return <-ch
}
