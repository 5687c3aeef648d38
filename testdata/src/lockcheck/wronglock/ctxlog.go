package wronglock

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
)

// A RequestCtx keeps an atomic state besides the mutex that guards its
// connection: a read of conn without the mutex is the fast path of its
// design (the atomic state orders it), as in RemoteAddr. A logger that
// calls RemoteAddr under a lock of its own, a global one, takes no lock
// of the context: the read is the same fast path (not reported). Holding
// one of the context's own mutexes instead would be the wrong lock (see
// Agent).
type RequestCtx struct {
	timeoutSet atomic.Bool

	connMu sync.Mutex
	conn   net.Conn
}

func (ctx *RequestCtx) Bind(c net.Conn) {
	ctx.connMu.Lock()
	ctx.conn = c
	ctx.connMu.Unlock()
}

func (ctx *RequestCtx) Release() {
	ctx.connMu.Lock()
	ctx.conn = nil
	ctx.connMu.Unlock()
}

func (ctx *RequestCtx) RemoteAddr() net.Addr {
	if ctx.conn == nil {
		return nil
	}
	return ctx.conn.RemoteAddr()
}

var logMu sync.Mutex

type CtxLogger struct {
	Ctx *RequestCtx
}

func (l *CtxLogger) Printf(format string, args ...any) {
	logMu.Lock()
	defer logMu.Unlock()
	fmt.Printf("%v: "+format+"\n", append([]any{l.Ctx.RemoteAddr()}, args...)...)
}
