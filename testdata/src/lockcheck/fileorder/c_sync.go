package fileorder

// SyncProducer wraps an AsyncProducer.
type SyncProducer struct {
	producer *AsyncProducer
}

func NewSyncProducer() *SyncProducer {
	return &SyncProducer{producer: NewAsyncProducer()}
}

// CommitTxn reaches the same unlocked read: reported once, in b_async.go.
func (s *SyncProducer) CommitTxn() error {
	if s.producer.txn.inError() {
		return s.producer.txn.lastErr()
	}
	return nil
}
