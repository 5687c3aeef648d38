package wgwait

import "sync"

// A Job is a unit of work.
type Job func() error

// Pool runs jobs on a fixed number of workers.
type Pool struct {
	size int
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

// Run runs jobs on the pool's workers and waits for them. Each worker
// counts itself, so Wait may find the counter at zero before any
// worker has started.
func (p *Pool) Run(jobs chan Job) []error {
	for i := 0; i < p.size; i++ {
		go p.worker(jobs)
	}
	p.wg.Wait()
	return p.errs
}

func (p *Pool) worker(jobs chan Job) {
	p.wg.Add(1) // want `p.wg.Add in goroutine started at pool.go:\d+ may run while p.wg.Wait at pool.go:\d+ waits with a zero counter`
	defer p.wg.Done()
	for j := range jobs {
		if err := j(); err != nil {
			p.mu.Lock()
			p.errs = append(p.errs, err)
			p.mu.Unlock()
		}
	}
}

// RunCounted is the fixed twin: the Add comes before the go statement.
func (p *Pool) RunCounted(jobs chan Job) []error {
	for i := 0; i < p.size; i++ {
		p.wg.Add(1)
		go p.countedWorker(jobs)
	}
	p.wg.Wait()
	return p.errs
}

func (p *Pool) countedWorker(jobs chan Job) {
	defer p.wg.Done()
	for j := range jobs {
		if err := j(); err != nil {
			p.mu.Lock()
			p.errs = append(p.errs, err)
			p.mu.Unlock()
		}
	}
}

// Fanout adds for the goroutines it starts, counted itself by its
// parent: its Adds find the counter above zero.
func (p *Pool) Fanout(batches [][]Job) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for _, b := range batches {
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				for _, j := range b {
					_ = j()
				}
			}()
		}
	}()
	p.wg.Wait()
}

// runLiteral adds in the first statement of the goroutine: the wgadd
// analyzer reports it, with a fix; race does not repeat it.
func runLiteral(jobs []Job) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		go func() {
			wg.Add(1)
			defer wg.Done()
			_ = j()
		}()
	}
	wg.Wait()
}
