// Package lazyinit shows check-then-set lazy initialization of a field
// of an object that several goroutines use (reported), and the safe
// forms: under the object's mutex, with sync.Once, or initialized before
// the goroutines start (not reported).
package lazyinit

import "sync"

type Index struct {
	byName map[string]int
}

func (x *Index) lookup(name string) int {
	if x.byName == nil {
		x.byName = make(map[string]int) // want `write to field x.byName in goroutine started repeatedly at lazyinit.go:\d+ races with read at lazyinit.go:\d+ in its other instances`
	}
	return x.byName[name]
}

// Resolve looks names up in parallel on one shared index.
func Resolve(x *Index, names []string) []int {
	out := make([]int, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = x.lookup(n)
		}()
	}
	wg.Wait()
	return out
}

type LockedIndex struct {
	mu     sync.Mutex
	byName map[string]int
}

func (x *LockedIndex) lookup(name string) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.byName == nil {
		x.byName = make(map[string]int)
	}
	return x.byName[name]
}

func ResolveLocked(x *LockedIndex, names []string) []int {
	out := make([]int, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { out[i] = x.lookup(n) })
	}
	wg.Wait()
	return out
}

type OnceIndex struct {
	once   sync.Once
	byName map[string]int
}

func (x *OnceIndex) lookup(name string) int {
	x.once.Do(func() { x.byName = make(map[string]int) })
	return x.byName[name]
}

func ResolveOnce(x *OnceIndex, names []string) []int {
	out := make([]int, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { out[i] = x.lookup(n) })
	}
	wg.Wait()
	return out
}

// ResolveOwned initializes a fresh index itself, in one goroutine.
func ResolveOwned(names []string) int {
	x := &Index{}
	done := make(chan int)
	go func() { done <- x.lookup(names[0]) }()
	return <-done
}

// Template is parsed once, then executed by many goroutines.
type Template struct {
	common *common
	name   string
}

type common struct{ tmpl map[string]*Template }

func (t *Template) init() {
	if t.common == nil {
		c := new(common)
		c.tmpl = make(map[string]*Template)
		t.common = c
	}
}

// Parse initializes t and returns it for chaining (nil on error).
func (t *Template) Parse(text string) (*Template, error) {
	t.init()
	if text == "" {
		return nil, errEmpty
	}
	t.common.tmpl[t.name] = t
	return t, nil
}

// Lookup initializes t if needed.
func (t *Template) Lookup(name string) *Template {
	t.init()
	return nil
}

var errEmpty = &parseError{}

type parseError struct{}

func (*parseError) Error() string { return "empty template" }

// executeParallel parses first: the goroutines' lazy init never runs.
func executeParallel(text string) {
	t, err := (&Template{name: "root"}).Parse(text)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Lookup("x")
		}()
	}
	wg.Wait()
}

// Header has its method set at construction.
type Header struct{ method []byte }

// Method defaults to GET when unset.
func (h *Header) Method() []byte {
	if len(h.method) == 0 {
		h.method = append(h.method[:0], "GET"...)
	}
	return h.method
}

// methodParallel builds the header with its method before the goroutines.
func methodParallel() {
	h := &Header{method: []byte("POST")}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.Method()
		}()
	}
	wg.Wait()
}
