// Package idioms shows the concurrency Go is built for: accept loops,
// per-request goroutines, one goroutine per subsystem, pools sized by
// NumCPU and bounded fan-out. None of it is reported.
package idioms

import (
	"context"
	"go/build"
	"log"
	"net"
	"net/http"
	"runtime"
	"sync"
)

// Serve is the server accept loop: one goroutine per connection, bounded
// by the rate at which Accept returns.
func Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(c)
	}
}

func handle(c net.Conn) { c.Close() }

// Message is a request received from a queue.
type Message struct{ Body []byte }

// Receiver receives messages one at a time.
type Receiver interface {
	Recv(ctx context.Context) (Message, error)
}

// Consume is a service loop over a blocking Recv.
func Consume(ctx context.Context, r Receiver) {
	for {
		m, err := r.Recv(ctx)
		if err != nil {
			return
		}
		go process(m)
	}
}

// Dispatch is a service loop over an explicit receive.
func Dispatch(in <-chan Message) {
	for {
		m, ok := <-in
		if !ok {
			return
		}
		go process(m)
	}
}

func process(Message) {}

// Handler starts one goroutine per request, for an audit log write
// that must not delay the response.
func Handler(w http.ResponseWriter, r *http.Request) {
	go audit(r.URL.Path)
	w.WriteHeader(http.StatusNoContent)
}

func audit(string) {}

// Service is a long-running subsystem of a program.
type Service interface {
	Run(ctx context.Context) error
}

// RunAll starts a goroutine per subsystem from a fixed list.
func RunAll(ctx context.Context, db, cache, metrics Service) {
	var wg sync.WaitGroup
	for _, s := range []Service{db, cache, metrics} {
		wg.Go(func() {
			if err := s.Run(ctx); err != nil {
				log.Print(err)
			}
		})
	}
	wg.Wait()
}

// subsystems is the program's fixed set of background tasks.
var subsystems = []func(){flushLogs, rotateKeys, reportStats}

func flushLogs()   {}
func rotateKeys()  {}
func reportStats() {}

// StartBackground starts each background task once.
func StartBackground() {
	for _, task := range subsystems {
		go task()
	}
}

// Listeners serves every listener of a server: a handful, set up at start.
type Listeners struct{ ls []net.Listener }

// ServeAll serves each of the server's own listeners.
func (s *Listeners) ServeAll() {
	for _, l := range s.ls {
		go Serve(l)
	}
}

// Pool processes messages with one worker per CPU.
func Pool(msgs <-chan Message) {
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for m := range msgs {
				process(m)
			}
		})
	}
	wg.Wait()
}

// FanOut processes a batch with a bounded number of goroutines at once.
func FanOut(batch []Message) {
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for _, m := range batch {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			process(m)
		})
	}
	wg.Wait()
}

// Shards splits a batch into one chunk per CPU: the goroutine count is
// the number of chunks, not of messages.
func Shards(batch []Message) {
	n := runtime.NumCPU()
	size := (len(batch) + n - 1) / n
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		lo, hi := min(i*size, len(batch)), min((i+1)*size, len(batch))
		wg.Go(func() {
			for _, m := range batch[lo:hi] {
				process(m)
			}
		})
	}
	wg.Wait()
}

// Parts runs a fixed, small set of parts of a computation in parallel.
func Parts(a, b []int) (sa, sb int) {
	var wg sync.WaitGroup
	for i, part := range [2][]int{a, b} {
		wg.Go(func() {
			s := 0
			for _, v := range part {
				s += v
			}
			if i == 0 {
				sa = s
			} else {
				sb = s
			}
		})
	}
	wg.Wait()
	return sa, sb
}

// ForEachRoot walks each source root of a build context: what a method of
// a parameter returns (here GOROOT and the GOPATH entries) is as often
// configuration as data, so it is not taken for input.
func ForEachRoot(ctxt *build.Context, walk func(string)) {
	var wg sync.WaitGroup
	for _, root := range ctxt.SrcDirs() {
		wg.Go(func() { walk(root) })
	}
	wg.Wait()
}

// ServeListeners serves each listener it is given: one goroutine per
// server, each running its own accept loop, not one per unit of input.
func ServeListeners(ls []net.Listener, srvs []*http.Server) {
	for _, l := range ls {
		go http.Serve(l, nil)
	}
	for _, s := range srvs {
		go s.ListenAndServe()
	}
}

// ServeConns is an accept loop fed through a channel: one goroutine per
// connection, as fast as connections arrive.
func ServeConns(conns <-chan net.Conn) {
	for c := range conns {
		go handle(c)
	}
}
