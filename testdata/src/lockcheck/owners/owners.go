// Package owners shows routing information held by pointer in two kinds
// of statement. Queries update theirs under its mutex while they run;
// an unlocked read of a query's races with that (reported). A batch
// allocates its own and never updates it, so its unlocked read reads
// memory no locked write reaches (not reported) — unless a batch can
// share a query's routing information (reported).
package owners

import "sync"

type routingInfo struct {
	mu       sync.RWMutex
	keyspace string
	table    string
}

type Query struct {
	stmt    string
	routing *routingInfo
}

func NewQuery(stmt string) *Query {
	return &Query{stmt: stmt, routing: &routingInfo{}}
}

// Prepared records what the server said about the statement.
func (q *Query) Prepared(keyspace, table string) {
	q.routing.mu.Lock()
	q.routing.keyspace = keyspace
	q.routing.table = table
	q.routing.mu.Unlock()
}

// Reprepare forgets it after a schema change.
func (q *Query) Reprepare() {
	q.routing.mu.Lock()
	q.routing.keyspace, q.routing.table = "", ""
	q.routing.mu.Unlock()
}

func (q *Query) Keyspace() string {
	q.routing.mu.RLock()
	defer q.routing.mu.RUnlock()
	return q.routing.keyspace
}

func (q *Query) Table() string {
	return q.routing.table // want `q.routing.table read without q.routing.mu held`
}

type Batch struct {
	stmts   []string
	routing *routingInfo
}

func NewBatch() *Batch {
	return &Batch{routing: new(routingInfo)}
}

func (b *Batch) Table() string {
	return b.routing.table
}

// Shared is a batch whose routing information can be a query's.
type Shared struct {
	routing *routingInfo
}

func (s *Shared) Adopt(q *Query) { s.routing = q.routing }

func (s *Shared) Table() string {
	return s.routing.table // want `s.routing.table read without s.routing.mu held`
}
