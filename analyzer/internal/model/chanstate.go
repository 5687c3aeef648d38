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
