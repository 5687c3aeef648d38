package getter

import (
	"encoding/json"
	"sync"
)

// A statsTable counts discardable bytes per file; compactors merge into
// it under mu.
type statsTable struct {
	mu     sync.Mutex
	counts map[uint32]int64
}

func (st *statsTable) add(fid uint32, n int64) {
	st.mu.Lock()
	st.counts[fid] += n
	st.mu.Unlock()
}

func (st *statsTable) encode() []byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	b, _ := json.Marshal(st.counts)
	return b
}

func (st *statsTable) drop(fid uint32) {
	st.mu.Lock()
	delete(st.counts, fid)
	st.mu.Unlock()
}

// A ValueLog's Close flushes the stats before it stops the compactor:
// the flush reads the table without its lock while the compactor may
// still be merging into it (reported), although the same call goes on
// to wait for the compactor.
type ValueLog struct {
	stats *statsTable
	stop  chan struct{}
	done  chan struct{}
	saved []byte
}

func OpenValueLog() *ValueLog {
	v := &ValueLog{stats: &statsTable{counts: make(map[uint32]int64)}, stop: make(chan struct{}), done: make(chan struct{})}
	go v.compact()
	return v
}

func (v *ValueLog) compact() {
	defer close(v.done)
	for fid := uint32(0); ; fid++ {
		select {
		case <-v.stop:
			return
		default:
		}
		v.stats.add(fid%8, 64)
	}
}

func (v *ValueLog) Discard(fid uint32) { v.stats.drop(fid) }

func (v *ValueLog) Close() error {
	return v.close() // want `v.stats.counts read without v.stats.mu held in \(\*getter.ValueLog\).close at flush.go:76, called here`
}

func (v *ValueLog) close() error {
	v.flush()
	v.stopCompactor()
	return nil
}

func (v *ValueLog) flush() {
	if len(v.stats.counts) == 0 {
		return
	}
	v.saved = v.stats.encode()
}

func (v *ValueLog) stopCompactor() {
	close(v.stop)
	<-v.done
}

// A Journal stops its compactor first, then flushes: the unlocked read
// runs after the wait, in the same call (not reported).
type Journal struct {
	stats *statsTable
	stop  chan struct{}
	done  chan struct{}
	saved []byte
}

func OpenJournal() *Journal {
	j := &Journal{stats: &statsTable{counts: make(map[uint32]int64)}, stop: make(chan struct{}), done: make(chan struct{})}
	go j.compact()
	return j
}

func (j *Journal) compact() {
	defer close(j.done)
	for fid := uint32(0); ; fid++ {
		select {
		case <-j.stop:
			return
		default:
		}
		j.stats.add(fid%8, 64)
	}
}

func (j *Journal) Discard(fid uint32) { j.stats.drop(fid) }

func (j *Journal) Close() error {
	return j.close()
}

func (j *Journal) close() error {
	j.stopCompactor()
	j.flush()
	return nil
}

func (j *Journal) flush() {
	if len(j.stats.counts) == 0 {
		return
	}
	j.saved = j.stats.encode()
}

func (j *Journal) stopCompactor() {
	close(j.stop)
	<-j.done
}
