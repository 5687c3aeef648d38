// Package handoff shows ownership handed over a channel: the sender does
// not touch the value again, so there is no race (not reported); and a
// sender that keeps writing after the handoff of a captured buffer
// (reported).
package handoff

type Batch struct {
	Items []string
	Done  bool
}

// pipeline builds each batch, sends it, and never touches it again.
func pipeline(items []string, out chan<- *Batch) {
	work := make(chan *Batch)
	go func() {
		for b := range work {
			b.Done = true
			out <- b
		}
		close(out)
	}()
	for len(items) > 0 {
		n := min(len(items), 10)
		b := &Batch{Items: items[:n]}
		work <- b
		items = items[n:]
	}
	close(work)
}

// reuse keeps appending to the buffer the goroutine is flushing.
func reuse(lines []string, flush func([]string)) {
	var buf []string
	done := make(chan bool)
	go func() {
		flush(buf)
		done <- true
	}()
	buf = append(buf, lines...) // want `write to slice buf \(append\) races with read at handoff.go:\d+`
	<-done
}
