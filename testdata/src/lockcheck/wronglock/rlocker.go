package wronglock

import (
	"errors"
	"sync"
)

var errRowsClosed = errors.New("rows closed")

// withLock runs fn with lk held.
func withLock(lk sync.Locker, fn func()) {
	lk.Lock()
	defer lk.Unlock()
	fn()
}

// Rows keeps its last error under closemu. Err reads it through
// closemu.RLocker(), which read-locks closemu (not reported); Peek reads
// it with no lock (reported).
type Rows struct {
	closemu sync.RWMutex
	closed  bool
	lasterr error
}

// Close closes the rows.
func (rs *Rows) Close() {
	rs.closemu.Lock()
	defer rs.closemu.Unlock()
	rs.closed = true
	rs.lasterr = errRowsClosed
}

// Fail records an error.
func (rs *Rows) Fail(err error) {
	rs.closemu.Lock()
	defer rs.closemu.Unlock()
	rs.lasterr = err
}

// Err returns the last error.
func (rs *Rows) Err() error {
	var err error
	withLock(rs.closemu.RLocker(), func() {
		err = rs.lasterr
	})
	return err
}

// Peek returns the last error without the lock.
func (rs *Rows) Peek() error {
	return rs.lasterr // want `rs.lasterr read without rs.closemu held`
}
