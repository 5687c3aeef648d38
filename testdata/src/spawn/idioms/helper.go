// This file shows a test helper outside a _test.go file, like
// golang.org/x/net/nettest: it stresses a connection with hundreds of
// goroutines on purpose, and takes a *testing.T. Not reported.
package idioms

import (
	"net"
	"sync"
	"testing"
)

// StressConn calls the methods of c concurrently to provoke races.
func StressConn(t *testing.T, c net.Conn) {
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c.Read(make([]byte, 1024))
		}()
		go func() {
			defer wg.Done()
			c.Write(make([]byte, 1024))
		}()
	}
	wg.Wait()
}

// EachConn runs a check per connection, in a helper taking testing.TB.
func EachConn(tb testing.TB, conns []net.Conn) {
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Go(func() { c.LocalAddr() })
	}
	wg.Wait()
}
