package closesend

import "sync/atomic"

func dial(host string) string { return host }

// connectAll reports each connection on connected and closes it when the
// last of the dialers, or the loop itself, brings the count to zero: the
// close follows every send (not reported).
func connectAll(hosts []string) <-chan string {
	connected := make(chan string, len(hosts))
	var left int64
	atomic.AddInt64(&left, 1)
	for _, h := range hosts {
		atomic.AddInt64(&left, 1)
		go func() {
			connected <- dial(h)
			if atomic.AddInt64(&left, -1) == 0 {
				close(connected)
			}
		}()
	}
	if atomic.AddInt64(&left, -1) == 0 {
		close(connected)
	}
	return connected
}

// connectAllEager decrements but closes whatever the count says.
func connectAllEager(hosts []string) <-chan string {
	connected := make(chan string, len(hosts))
	var left atomic.Int64
	left.Add(1)
	for _, h := range hosts {
		left.Add(1)
		go func() {
			connected <- dial(h)
			left.Add(-1)
		}()
	}
	left.Add(-1)
	close(connected) // want `close of channel connected races with send at refcount.go:\d+ in goroutine started at refcount.go:\d+`
	return connected
}
