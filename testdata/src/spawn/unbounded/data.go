package unbounded

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
)

// Collected filters its input into a new slice by appends: what is
// appended is input, so the slice grows with it.
func Collected(items []string) {
	var todo []string
	for _, it := range items {
		if it != "" {
			todo = append(todo, it)
		}
	}
	for _, t := range todo {
		go fetch(t) // want `one goroutine per element of todo`
	}
}

// LintLines starts a goroutine per line read: the reader decides how
// many goroutines run.
func LintLines(r io.Reader) {
	var lines []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	var wg sync.WaitGroup
	for _, l := range lines {
		wg.Go(func() { validate(l) }) // want `one goroutine per element of lines`
	}
	wg.Wait()
}

// batch is the body of a batch request.
type batch struct{ IDs []string }

// ServeBatch decodes a request body and starts a goroutine per ID in it:
// the client decides how many goroutines the server starts.
func ServeBatch(w http.ResponseWriter, r *http.Request) {
	var req batch
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var wg sync.WaitGroup
	for _, id := range req.IDs {
		wg.Go(func() { validate(id) }) // want `one goroutine per element of req.IDs`
	}
	wg.Wait()
}

// Cmd is a command sent by the client, with its keys.
type Cmd interface{ Args() []any }

// Cluster routes commands to the node owning each key's hash slot.
type Cluster struct {
	process func(context.Context, Cmd) error
}

// NewCluster installs process as the command hook, so that process is
// called through a function value: its callers are out of sight and its
// command is the client's.
func NewCluster() *Cluster {
	c := &Cluster{}
	c.process = c.processCmd
	return c
}

func (c *Cluster) processCmd(ctx context.Context, cmd Cmd) error {
	return c.multiSlot(ctx, cmd)
}

// multiSlot groups the keys of a command by hash slot (up to 16384 of
// them) and sends each group concurrently: the keys are the client's.
func (c *Cluster) multiSlot(ctx context.Context, cmd Cmd) error {
	args := cmd.Args()
	slots := make(map[int][]string)
	for i := 1; i < len(args); i++ {
		key, ok := args[i].(string)
		if !ok {
			continue
		}
		slot := hashSlot(key)
		slots[slot] = append(slots[slot], key)
	}
	return c.execSlots(ctx, slots)
}

func hashSlot(key string) int { return len(key) % 16384 }

func (c *Cluster) execSlots(ctx context.Context, slots map[int][]string) error {
	errs := make(chan error, len(slots))
	for slot, keys := range slots {
		go func() { // want `one goroutine per entry of slots`
			errs <- send(ctx, slot, keys)
		}()
	}
	for range slots {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

func send(context.Context, int, []string) error { return nil }

// Router dispatches the messages its connection receives.
type Router struct{ incoming chan string }

// Dispatch starts a handler per message received: however the channel is
// held, its traffic is what peers send.
func (r *Router) Dispatch() {
	for m := range r.incoming {
		go validate(m) // want `one goroutine per value received from r.incoming`
	}
}
