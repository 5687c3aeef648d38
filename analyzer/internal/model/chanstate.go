package model

import "golang.org/x/tools/go/ssa"

// ChanState is the path step, after a channel value's location, of the
// state that close writes and sends read. It lies behind the channel
// value ("*" first), apart from the variable or field that holds it.
const ChanState = "*{chan}"

// chanAccess returns the access to ch's state by a send or a close.
func chanAccess(ch ssa.Value, close bool, instr ssa.Instruction, ls Lockset) Access {
	return Access{Loc: LocOf(ch).Extend(ChanState), Write: close, Chan: true, Pos: accessPos(instr), Instr: instr, Locks: ls}
}

// Unbuffered reports whether l is a channel made without a buffer
// (make(chan T) or make(chan T, 0)), for SyncRendezvous: only there does
// a receive complete before the matching send returns.
func Unbuffered(l Loc) bool {
	mc, ok := l.Root.(*ssa.MakeChan)
	if !ok || l.Path != "" {
		return false
	}
	c, ok := mc.Size.(*ssa.Const)
	return ok && c.Value != nil && c.Int64() == 0
}
