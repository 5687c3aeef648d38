// Package maxpool is checked with -spawn.maxpool=16: a pool of 32 is then
// reported, pools of 16 and fewer are not.
package maxpool

func work(<-chan int) {}

// Start starts a pool of 32 workers and one of 16.
func Start(jobs <-chan int) {
	for i := 0; i < 32; i++ {
		go work(jobs) // want `32 goroutines started by a constant loop \(more than -spawn.maxpool=16\)`
	}
	for i := 0; i < 16; i++ {
		go work(jobs)
	}
}
