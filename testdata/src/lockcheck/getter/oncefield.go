package getter

import (
	"bufio"
	"io"
	"sync"
	"time"
)

// A BufferedSink starts its flush loop on the first Write, inside a
// sync.Once. Close reads the ticker without calling the Once and without
// a lock, so it can run while the first Write is starting the loop
// (reported). Flush calls the Once first and sees its writes (not
// reported).
type BufferedSink struct {
	mu      sync.Mutex
	buf     *bufio.Writer
	start   sync.Once
	ticker  *time.Ticker
	written int
}

func NewBufferedSink(w io.Writer) *BufferedSink {
	return &BufferedSink{buf: bufio.NewWriter(w)}
}

func (s *BufferedSink) Write(p []byte) (int, error) {
	s.start.Do(s.startFlushLoop)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *BufferedSink) startFlushLoop() {
	s.ticker = time.NewTicker(time.Minute)
	go func() {
		for range s.ticker.C {
			s.mu.Lock()
			s.buf.Flush()
			s.mu.Unlock()
		}
	}()
}

func (s *BufferedSink) Close() error {
	if s.ticker != nil { // want `s.ticker read without synchronization, but it is written only inside s.start.Do at oncefield.go:\d+, which may be running`
		s.ticker.Stop()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Flush()
}

// Interval calls the Once first: the ticker is set when it reads it.
func (s *BufferedSink) Interval() *time.Ticker {
	s.start.Do(s.startFlushLoop)
	return s.ticker
}

// A StreamWriter makes its pipe on the first Flush, inside a sync.Once,
// and then tells the serving goroutine to stream from it. Body reads
// the pipe without the Once, but only the serving goroutine calls it,
// after it received that signal: the Once's function publishes what it
// wrote (not reported).
type StreamWriter struct {
	flushOnce sync.Once
	pr        *io.PipeReader
	pw        *io.PipeWriter
	modeCh    chan int
}

func NewStreamWriter() *StreamWriter { return &StreamWriter{modeCh: make(chan int, 1)} }

func (w *StreamWriter) Flush() {
	w.flushOnce.Do(func() {
		w.pr, w.pw = io.Pipe()
		select {
		case w.modeCh <- 1:
		default:
		}
	})
}

func (w *StreamWriter) Body() io.Reader {
	if w.pr != nil {
		return w.pr
	}
	return nil
}
