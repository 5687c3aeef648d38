package c

import "sync"

// T has a method that importers of b call without importing c.
type T struct{ mu sync.Mutex }

func (t *T) M() { t.mu.Lock() }

func F() {}
