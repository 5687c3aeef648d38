package wronglock

import (
	"errors"
	"io"
	"sync"
)

type requestCtx struct{ id int }

func (c *requestCtx) finish() {}

// A respWriter guards its request context with mu; a streamBody owns a
// respWriter and releases it under its own lock. Read holds the body's
// lock, not the writer's, when it uses the context: every write of the
// context that Read can see also holds the body's lock (release runs in
// Close under b.mu), and Read checks closed first (not reported).
type respWriter struct {
	mu  sync.Mutex
	ctx *requestCtx
	buf []byte
}

func (w *respWriter) release() {
	w.mu.Lock()
	w.ctx = nil
	w.buf = nil
	w.mu.Unlock()
}

func (w *respWriter) Reset(ctx *requestCtx) {
	w.mu.Lock()
	w.ctx = ctx
	w.mu.Unlock()
}

func (w *respWriter) Context() *requestCtx {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ctx
}

type streamBody struct {
	mu     sync.Mutex
	w      *respWriter
	closed bool
	pr     io.Reader
}

// NewStream returns the body as an io.ReadCloser.
func NewStream(w *respWriter, pr io.Reader) io.ReadCloser {
	return &streamBody{w: w, pr: pr}
}

func (b *streamBody) Read(p []byte) (int, error) {
	n, err := b.pr.Read(p)
	if errors.Is(err, io.EOF) {
		b.mu.Lock()
		if !b.closed {
			b.w.ctx.finish()
		}
		b.mu.Unlock()
	}
	return n, err
}

func (b *streamBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		b.w.release()
	}
	return nil
}
