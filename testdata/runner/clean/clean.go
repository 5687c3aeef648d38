// Package clean is race-free: racecheck run must report nothing here.
package clean

// Sum adds xs in two halves concurrently, collecting the partial sums
// over a channel.
func Sum(xs []int) int {
	half := len(xs) / 2
	ch := make(chan int, 2)
	go func() { ch <- add(xs[:half]) }()
	go func() { ch <- add(xs[half:]) }()
	return <-ch + <-ch
}

func add(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
