// Package fileorder is a producer whose transaction manager's error is
// read without its lock through one helper, which two files call: the
// report is made once, at the call in the first file, whichever order
// the files were parsed in.
package fileorder

import "sync"

type txnManager struct {
	statusLock sync.Mutex
	status     int
	lastError  error
}

func (t *txnManager) transitionTo(status int, err error) {
	t.statusLock.Lock()
	defer t.statusLock.Unlock()
	t.status = status
	t.lastError = err
}

func (t *txnManager) inError() bool {
	t.statusLock.Lock()
	defer t.statusLock.Unlock()
	return t.lastError != nil
}

// lastErr reads the error as its callers find it, without statusLock.
func (t *txnManager) lastErr() error {
	return t.lastError
}
