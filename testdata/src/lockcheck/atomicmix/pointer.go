package atomicmix

import (
	"sync"
	"sync/atomic"
)

// Job is a unit of work.
type Job func() error

// Pool runs jobs on workers that share one counter of processed jobs:
// each worker holds a pointer to it. The counter is the target of a
// pointer field, updated atomically by the workers' loops.
type Pool struct {
	processed int64
	failed    int64
	workers   []*Worker
	wg        sync.WaitGroup
}

// Worker runs jobs from its channel.
type Worker struct {
	jobs      chan Job
	processed *int64 // the pool's counter
	failed    *int64 // the pool's counter
}

// NewPool starts n workers.
func NewPool(n int) *Pool {
	p := &Pool{}
	for i := 0; i < n; i++ {
		w := &Worker{jobs: make(chan Job), processed: &p.processed, failed: &p.failed}
		p.workers = append(p.workers, w)
		p.wg.Add(1)
		go w.run(&p.wg)
	}
	return p
}

func (w *Worker) run(wg *sync.WaitGroup) {
	defer wg.Done()
	for job := range w.jobs {
		if err := job(); err != nil {
			atomic.AddInt64(w.failed, 1)
		}
		atomic.AddInt64(w.processed, 1)
	}
}

// Processed reads the shared counter plainly while the loops add to it.
func (w *Worker) Processed() int64 {
	return *w.processed // want `\*w.processed read with a plain access but accessed atomically at pointer.go:\d+: mixed atomic and plain accesses race; declare it as atomic.Int64`
}

// Failed is the fixed twin: an atomic load.
func (w *Worker) Failed() int64 {
	return atomic.LoadInt64(w.failed)
}
