package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/racecheck/racecheck/runner"
)

// progressLines prints plain progress lines for logs (CI), where a
// progress bar cannot be drawn: one per finished package, and one after
// every quiet period while runs go on, so that a long run never looks
// hung.
type progressLines struct {
	w     io.Writer
	start time.Time
	quit  chan struct{}
	wg    sync.WaitGroup

	mu          sync.Mutex
	done, total int
	last        time.Time
}

func newProgressLines(w io.Writer, quiet time.Duration) *progressLines {
	p := &progressLines{w: w, start: time.Now(), quit: make(chan struct{})}
	p.last = p.start
	p.wg.Add(1)
	go p.tick(quiet)
	return p
}

func (p *progressLines) tick(quiet time.Duration) {
	defer p.wg.Done()
	t := time.NewTicker(quiet / 3)
	defer t.Stop()
	for {
		select {
		case <-p.quit:
			return
		case now := <-t.C:
			p.mu.Lock()
			if now.Sub(p.last) >= quiet && p.total > 0 {
				p.printf("racecheck run: %d/%d runs done (%s)", p.done, p.total, p.elapsed())
			}
			p.mu.Unlock()
		}
	}
}

// run records a finished run.
func (p *progressLines) run(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
}

// pkg prints a finished package, as go test prints ok or FAIL.
func (p *progressLines) pkg(d runner.PackageDone) {
	p.mu.Lock()
	defer p.mu.Unlock()
	verdict := "ok  "
	if d.Failed > 0 || d.Racy > 0 {
		verdict = "FAIL"
	}
	p.printf("racecheck run: %s %s: %d runs, %d with failing tests, %d with races (%s)", verdict, d.Package, d.Runs, d.Failed, d.Racy, p.elapsed())
}

// elapsed returns the time since racecheck started, builds included.
func (p *progressLines) elapsed() string {
	return time.Since(p.start).Round(100 * time.Millisecond).String()
}

// printf prints one line; p.mu is held.
func (p *progressLines) printf(format string, args ...any) {
	fmt.Fprintf(p.w, format+"\n", args...)
	p.last = time.Now()
}

func (p *progressLines) stop() {
	close(p.quit)
	p.wg.Wait()
}
