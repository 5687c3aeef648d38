package model

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// An ioEffect says whether a function (with what it calls, at any
// depth) writes to or blocks reading from a connection or file.
type ioEffect struct{ read, write bool }

// visitEffects records the synchronization of a call that the race
// detector knows and the program relies on without a Go primitive: I/O
// (a write to a connection, then the blocking read that needs it), and
// a context's cancel func (which ends the receives that wait on it).
func (m *Model) visitEffects(s *Summary, c *ssa.CallCommon, instr ssa.Instruction, deferred bool) {
	e := ioCall(c)
	if !e.read && !e.write {
		if fn, _ := m.callee(c); fn != nil {
			e = m.ioOf(fn)
		}
	}
	if e.write {
		s.Signals = append(s.Signals, Sync{Kind: SyncIO, Loc: m.IO, Instr: instr, Deferred: deferred})
	}
	if e.read {
		s.Joins = append(s.Joins, Sync{Kind: SyncIO, Loc: m.IO, Instr: instr, Deferred: deferred})
	}
	if !c.IsInvoke() && isCancelFunc(c.Value.Type()) {
		s.Signals = append(s.Signals, Sync{Kind: SyncCtx, Loc: LocOf(c.Value), Instr: instr, Deferred: deferred})
	}
}

// DoesIO reports whether fn, or what it calls at any depth, reads from
// or writes to a connection or file.
func (m *Model) DoesIO(fn *ssa.Function) bool {
	e := m.ioOf(fn)
	return e.read || e.write
}

// ioOf returns the I/O effect of a package function and its callees.
func (m *Model) ioOf(fn *ssa.Function) ioEffect {
	if e, ok := m.io[fn]; ok {
		return e
	}
	m.io[fn] = ioEffect{} // a cycle adds nothing
	var e ioEffect
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				continue // another goroutine's I/O
			}
			ce := ioCall(call.Common())
			if callee, _ := m.callee(call.Common()); callee != nil {
				ce = ce.or(m.ioOf(callee))
			} else if m.External != nil {
				ce = ce.or(m.externalIO(call.Common()))
			}
			e = e.or(ce)
		}
	}
	m.io[fn] = e
	return e
}

// externalIO reads the I/O effect of another package's function from
// what m.External says it does.
func (m *Model) externalIO(c *ssa.CallCommon) ioEffect {
	var e ioEffect
	ext := m.External(c)
	if ext == nil {
		return e
	}
	for _, op := range ext.Signals {
		e.write = e.write || op.Kind == SyncIO
	}
	for _, op := range ext.Joins {
		e.read = e.read || op.Kind == SyncIO
	}
	return e
}

func (e ioEffect) or(o ioEffect) ioEffect { return ioEffect{e.read || o.read, e.write || o.write} }

// ioCall classifies a call as a read from or a write to a connection,
// listener or file: their own methods (net, os.File, crypto/tls,
// bufio over them), and the io and fmt helpers given one of them.
func ioCall(c *ssa.CallCommon) ioEffect {
	var recv types.Type
	var name string
	if c.IsInvoke() {
		recv, name = c.Value.Type(), c.Method.Name()
	} else if f := calleeFunc(c); f != nil && f.Pkg() != nil {
		if sig := f.Type().(*types.Signature); sig.Recv() != nil {
			recv, name = sig.Recv().Type(), f.Name()
		} else {
			return ioHelper(f, c.Args)
		}
	}
	if recv == nil || !ioType(recv) {
		return ioEffect{}
	}
	switch name {
	case "Read", "ReadString", "ReadBytes", "ReadLine", "ReadByte", "ReadRune", "ReadSlice", "Peek",
		"Scan", "Accept", "AcceptTCP", "AcceptUnix", "ReadFromUDP", "ReadMsgUDP", "ReadFromUDPAddrPort", "Handshake":
		return ioEffect{read: true}
	case "Write", "WriteString", "WriteByte", "WriteRune", "Flush", "WriteToUDP", "WriteMsgUDP", "WriteTo":
		return ioEffect{write: true}
	}
	return ioEffect{}
}

// ioHelper classifies the io, fmt and net/http functions that read from
// or write to the connection or file they are given, or dial and talk.
func ioHelper(f *types.Func, args []ssa.Value) ioEffect {
	arg := func(i int) bool { return i < len(args) && ioType(staticType(args[i])) }
	switch f.Pkg().Path() {
	case "io":
		switch f.Name() {
		case "ReadFull", "ReadAtLeast", "ReadAll":
			return ioEffect{read: arg(0)}
		case "WriteString":
			return ioEffect{write: arg(0)}
		case "Copy", "CopyN", "CopyBuffer":
			return ioEffect{write: arg(0), read: arg(1)}
		}
	case "fmt":
		switch f.Name() {
		case "Fprint", "Fprintf", "Fprintln":
			return ioEffect{write: arg(0)}
		case "Fscan", "Fscanf", "Fscanln":
			return ioEffect{read: arg(0)}
		}
	case "net/http":
		switch f.Name() {
		case "Get", "Post", "PostForm", "Head":
			return ioEffect{read: true, write: true}
		}
	}
	return ioEffect{}
}

// staticType is the type of v before its conversion to an interface.
func staticType(v ssa.Value) types.Type {
	switch v := v.(type) {
	case *ssa.MakeInterface:
		return v.X.Type()
	case *ssa.ChangeInterface:
		return v.X.Type()
	}
	return v.Type()
}

// ioType reports whether values of t are connections, listeners or
// files, or buffered readers and writers (over them, as far as the model
// can tell: assuming I/O only orders more).
func ioType(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return false
	}
	switch pkg, name := named.Obj().Pkg().Path(), named.Obj().Name(); pkg {
	case "net":
		return true
	case "os":
		return name == "File"
	case "crypto/tls":
		return name == "Conn"
	case "bufio":
		return name == "Reader" || name == "Writer" || name == "ReadWriter" || name == "Scanner"
	case "net/http":
		return name == "Client"
	}
	return false
}

// isCancelFunc reports whether t is context.CancelFunc or CancelCauseFunc.
func isCancelFunc(t types.Type) bool {
	return IsNamed(t, "context", "CancelFunc", "CancelCauseFunc")
}

// maxCtxDepth bounds the search for the context a channel comes from.
const maxCtxDepth = 8

// ctxJoins records a blocking receive from a channel that comes from a
// context this function created (ctx.Done(), or the channel of a result
// computed from it, such as a fetch given the context): calling the
// context's cancel func ends the wait, so the receive waits for it.
func ctxJoins(s *Summary, ch ssa.Value, instr ssa.Instruction) {
	for _, l := range cancelHolders(ch, 0, make(map[ssa.Value]bool)) {
		s.Joins = append(s.Joins, Sync{Kind: SyncCtx, Loc: l, Instr: instr})
	}
}

// cancelHolders returns where the cancel funcs of the contexts v is
// computed from are kept: the cancel value itself, and the variables
// it is stored in.
func cancelHolders(v ssa.Value, depth int, seen map[ssa.Value]bool) []Loc {
	if depth > maxCtxDepth || seen[v] {
		return nil
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok && isContextWith(call) {
			return holdersOf(call)
		}
		return cancelHolders(v.Tuple, depth+1, seen)
	case *ssa.Call:
		var out []Loc
		if v.Call.IsInvoke() {
			out = cancelHolders(v.Call.Value, depth+1, seen)
		}
		for _, a := range v.Call.Args {
			out = append(out, cancelHolders(a, depth+1, seen)...)
		}
		return out
	case *ssa.MakeInterface:
		return cancelHolders(v.X, depth+1, seen)
	case *ssa.ChangeType:
		return cancelHolders(v.X, depth+1, seen)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			return cancelHolders(v.X, depth+1, seen)
		}
	case *ssa.FieldAddr:
		return cancelHolders(v.X, depth+1, seen)
	case *ssa.Slice:
		return cancelHolders(v.X, depth+1, seen)
	case *ssa.Alloc:
		return storedHolders(v, depth, seen)
	}
	return nil
}

// storedHolders follows what is stored in a local array or struct, such
// as the slice of a variadic call's options.
func storedHolders(a *ssa.Alloc, depth int, seen map[ssa.Value]bool) []Loc {
	var out []Loc
	for _, r := range *a.Referrers() {
		addr, ok := r.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, u := range *addr.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Addr == addr {
				out = append(out, cancelHolders(st.Val, depth+1, seen)...)
			}
		}
	}
	return out
}

// isContextWith reports whether call is context.WithCancel, WithTimeout,
// WithDeadline or one of their Cause variants.
func isContextWith(call *ssa.Call) bool {
	f := calleeFunc(call.Common())
	if f == nil || f.Pkg() == nil || f.Pkg().Path() != "context" {
		return false
	}
	switch f.Name() {
	case "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
		return true
	}
	return false
}

// holdersOf returns the cancel func of a context.With call and the
// variables it is stored in.
func holdersOf(call *ssa.Call) []Loc {
	var out []Loc
	for _, r := range *call.Referrers() {
		ex, ok := r.(*ssa.Extract)
		if !ok || ex.Index != 1 {
			continue
		}
		out = append(out, Loc{Root: ex})
		for _, u := range *ex.Referrers() {
			if st, ok := u.(*ssa.Store); ok && st.Val == ex {
				out = append(out, LocOf(st.Addr).Extend("*"))
			}
		}
	}
	return out
}
