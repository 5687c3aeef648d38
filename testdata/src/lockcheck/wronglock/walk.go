package wronglock

import (
	"strconv"
	"sync"
)

// A Tree guards its children with mu. String hands the tree to size, a
// walker whose type switch reads the children of a leaf, another type
// whose field has the same name: that read is not the tree's (not
// reported). Len forgets the lock (reported).
type Tree struct {
	mu       sync.Mutex
	children []*Tree
}

type leaf struct{ children []string }

func size(v any) int {
	switch v := v.(type) {
	case *leaf:
		return len(v.children)
	case string:
		return len(v)
	}
	return 0
}

func (t *Tree) Add(c *Tree) {
	t.mu.Lock()
	t.children = append(t.children, c)
	t.mu.Unlock()
}

func (t *Tree) Clear() {
	t.mu.Lock()
	t.children = nil
	t.mu.Unlock()
}

func (t *Tree) String() string { return strconv.Itoa(size(t)) }

func (t *Tree) Len() int {
	return len(t.children) // want `t.children read without t.mu held`
}
