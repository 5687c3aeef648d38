// Package store writes its map without a lock in Put, and nothing in it
// starts a goroutine: alone, it is clean.
package store

type Store struct{ items map[string]int }

func New() *Store { return &Store{items: make(map[string]int)} }

// Put is not safe for concurrent use.
func (s *Store) Put(k string, v int) { s.items[k] = v }
