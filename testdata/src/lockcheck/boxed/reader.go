package boxed

import (
	"fmt"
	"io"
	"sync"
)

// lineCounter is never converted to an interface with methods: only the
// package's own code calls it, from the one goroutine that owns it, so
// its exported methods are not entry points and Read's unlocked check
// of closed is not judged against the mutex Close and Reset hold.
type lineCounter struct {
	mu     sync.Mutex
	closed bool
	count  int
	r      io.Reader
}

func (l *lineCounter) Read(p []byte) (int, error) {
	if l.closed {
		return 0, io.EOF
	}
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			l.count++
		}
	}
	return n, err
}

func (l *lineCounter) Close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
}

func (l *lineCounter) Reset(r io.Reader) {
	l.mu.Lock()
	l.closed = false
	l.r = r
	l.mu.Unlock()
}

// CountLines owns its lineCounter; printing it boxes it in an empty
// interface, which has no methods to call and so makes nothing an entry.
func CountLines(r io.Reader) int {
	lc := &lineCounter{}
	lc.Reset(r)
	buf := make([]byte, 512)
	for {
		if _, err := lc.Read(buf); err != nil {
			break
		}
	}
	fmt.Println(lc)
	lc.Close()
	return lc.count
}
