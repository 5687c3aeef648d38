package fileorder

import "errors"

// AsyncProducer sends batches on a background goroutine.
type AsyncProducer struct {
	txn   *txnManager
	input chan string
}

func NewAsyncProducer() *AsyncProducer {
	p := &AsyncProducer{txn: new(txnManager), input: make(chan string)}
	go p.dispatch()
	return p
}

func (p *AsyncProducer) dispatch() {
	for msg := range p.input {
		if msg == "" {
			p.txn.transitionTo(2, errors.New("empty message"))
		}
	}
}

// CommitTxn fails with the error the dispatcher recorded.
func (p *AsyncProducer) CommitTxn() error {
	if p.txn.inError() {
		return p.txn.lastErr() // want `p.txn.lastError read without p.txn.statusLock held in \(\*fileorder.txnManager\).lastErr at a_txnmgr.go:30, called here`
	}
	return nil
}
