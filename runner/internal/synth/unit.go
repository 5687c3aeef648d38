package synth

import (
	"bytes"
	"fmt"
	"strings"
)

// unitTemplate is one unit of synthetic code: a mutex-guarded struct with
// methods, a fan-out over a WaitGroup, a channel pipeline and a call chain
// into the imported packages. %[1]d is the unit number.
const unitTemplate = `
// Counter%[1]d is a mutex-guarded counter.
type Counter%[1]d struct {
	mu    sync.Mutex
	n     int
	byKey map[string]int
}

// Inc adds d under the lock.
func (c *Counter%[1]d) Inc(key string, d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
	if c.byKey == nil {
		c.byKey = make(map[string]int)
	}
	c.byKey[key] += d
}

// Get reads the count under the lock.
func (c *Counter%[1]d) Get() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Fan%[1]d starts workers that update c and a captured total.
func Fan%[1]d(c *Counter%[1]d, workers int) int {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Inc("w", i)
			mu.Lock()
			total += i
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	return total
}

// Pipe%[1]d sums the values a producer goroutine sends over a channel.
func Pipe%[1]d(in []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, v := range in {
			ch <- v
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}
`

// racyTemplate is added to some units: a counter captured by many
// goroutines without synchronization, and an unguarded write to a field
// the other methods guard.
const racyTemplate = `
// Racy%[1]d increments a captured counter from many goroutines unsynchronized.
func Racy%[1]d(n int) int {
	count := 0
	for i := 0; i < n; i++ {
		go func() {
			count++
		}()
	}
	return count
}

// Reset clears the count without taking the lock.
func (c *Counter%[1]d) Reset() {
	c.n = 0
}
`

// unit writes unit k of a package importing deps.
func (g *gen) unit(b *bytes.Buffer, k int, deps []int) {
	fmt.Fprintf(b, unitTemplate, k)
	racy := g.rng.IntN(8) == 0
	if racy {
		g.racy++
		fmt.Fprintf(b, racyTemplate, k)
	}
	fmt.Fprintf(b, "\n// Chain%[1]d calls down the import graph.\nfunc Chain%[1]d(x int) int {\n", k)
	fmt.Fprintf(b, "\tc := &Counter%d{}\n", k)
	if racy {
		fmt.Fprintf(b, "\tgo c.Reset()\n\tx += Racy%d(x)\n", k)
	}
	fmt.Fprintf(b, "\tr := Fan%[1]d(c, x%%4+1) + Pipe%[1]d([]int{x, c.Get()})\n", k)
	if k > 0 {
		fmt.Fprintf(b, "\tr += Chain%d(x + 1)\n", k-1)
	}
	var calls []string
	for _, d := range deps {
		calls = append(calls, fmt.Sprintf("%s.Chain%d(x+1)", pkgName(d), k%2))
	}
	if len(calls) > 0 {
		fmt.Fprintf(b, "\tr += %s\n", strings.Join(calls, " + "))
	}
	fmt.Fprintf(b, "\treturn r\n}\n")
}
