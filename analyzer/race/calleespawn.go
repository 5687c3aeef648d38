package race

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// maxSpawnDepth is how many calls deep racecheck looks for goroutines a
// call leaves running.
const maxSpawnDepth = 3

// calleeSpawns returns the goroutines that fn's calls start in callees
// and leave running when the callee returns: a constructor that starts
// its loop, a Start or Watch method, a helper. Each becomes a spawn at
// the call, the goroutine's function bound in fn's frame, so that what
// fn does after the call pairs with what the goroutine does.
func (c *checker) calleeSpawns(fn *ssa.Function) []*model.Spawn {
	return c.spawnsViaCalls(fn, maxSpawnDepth, nil)
}

// spawnsViaCalls returns the goroutines fn's calls leave running, depth
// calls deep, bound in fn's frame; keep, when set, filters them.
func (c *checker) spawnsViaCalls(fn *ssa.Function, depth int, keep func(*model.Spawn) bool) []*model.Spawn {
	var out []*model.Spawn
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			callee := c.model.Callee(call.Common())
			if callee == nil || callee == fn {
				continue
			}
			bg := c.background(callee, depth)
			if len(bg) == 0 {
				continue
			}
			env := c.callerEnv(callee, call)
			for _, s := range bg {
				if r := rebind(s, call, env); keep == nil || keep(r) {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// background returns the goroutines fn starts, itself or through the
// same-package functions it calls (depth levels), that may still run
// when fn returns: those it does not join on every path to a return.
// Their Env is in fn's frame.
func (c *checker) background(fn *ssa.Function, depth int) []*model.Spawn {
	key := spawnKey{fn, depth}
	if s, ok := c.bgMemo[key]; ok {
		return s
	}
	c.bgMemo[key] = nil // recursion adds nothing
	var out []*model.Spawn
	direct := model.Spawns(fn)
	if len(direct) > 0 {
		parent := c.model.Summary(fn)
		frame := model.NewFrame(fn)
		for _, s := range direct {
			if s.Kind == model.SpawnParallelSubtest || s.Kind == model.SpawnRunParallel {
				continue
			}
			g := c.newGoroutine(s, parent, frame)
			if rets := liveReturns(g); len(rets) > 0 {
				bg := withNilResults(s, rets, g.region(nil))
				for l := range g.inited {
					bg.Inited = append(bg.Inited, l)
				}
				out = append(out, bg)
			}
		}
	}
	if depth > 1 {
		// A callee's goroutine that fn joins before returning is not fn's
		// to leave running.
		out = append(out, c.spawnsViaCalls(fn, depth-1, func(s *model.Spawn) bool { return !joinedAfter(c, fn, s) })...)
	}
	c.bgMemo[key] = out
	return out
}

// withNested adds to g the accesses of the goroutines its body leaves
// running, itself or through its calls (a goroutine that calls
// w.Watch, which starts the send loop): they run concurrently with
// whatever g runs concurrently with. Their order with g's own code is
// not kept, so they pair only with other goroutines' accesses and the
// parent's, and an access a nested goroutine makes after a wait of its
// own is left out. Each access keeps the locks held where its goroutine
// was started (Access.After): it runs after they were acquired.
func (c *checker) withNested(g *goroutine) *goroutine {
	for _, ns := range c.background(g.spawn.Fn, maxSpawnDepth) {
		sum := c.model.Summary(ns.Fn)
		under := g.spawn.TranslateLocks(ns.StartLocks(c.model.LocksAt))
		for _, a := range sum.Accesses {
			if a.Deferred || waitedFirst(sum, a) {
				// After a wait of its own (a reconnect that waits for
				// the old read loop to exit): an order the merge loses.
				continue
			}
			inner, ok := ns.Translate(a.Loc)
			if !ok {
				continue
			}
			l, ok := g.spawn.Translate(inner)
			if !ok {
				continue
			}
			a.Loc = l
			a.Locks = g.spawn.TranslateLocks(ns.TranslateLocks(a.Locks))
			a.Taken = g.spawn.TranslateLocks(ns.TranslateLocks(a.Taken))
			a.After = under
			if _, seen := g.accesses[l.Root]; !seen {
				g.roots = append(g.roots, l.Root)
			}
			g.accesses[l.Root] = append(g.accesses[l.Root], a)
		}
	}
	return g
}

// waitedFirst reports whether a goroutine waits for something (other
// than a send that may be a rendezvous) before access a on every path.
func waitedFirst(sum *model.Summary, a model.Access) bool {
	for _, j := range sum.Joins {
		if j.Kind != model.SyncRendezvous && !j.Deferred && j.Instr != a.Instr && model.After(j.Instr, a.Instr) {
			return true
		}
	}
	return false
}

type spawnKey struct {
	fn    *ssa.Function
	depth int
}

// outlives reports whether the goroutine may still run when its parent
// returns: a return is reachable from the spawn without crossing a join.
func outlives(g *goroutine) bool { return len(liveReturns(g)) > 0 }

// liveReturns returns the parent's returns reachable from the spawn
// without crossing a join.
func liveReturns(g *goroutine) []*ssa.Return {
	var out []*ssa.Return
	r := g.region(nil)
	for _, b := range g.frame.Fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && r.Contains(ret) {
			out = append(out, ret)
		}
	}
	return out
}

// withNilResults records in a copy of s which results are nil at every
// return in rets, as indexes (rebind turns them into the caller's values).
func withNilResults(s *model.Spawn, rets []*ssa.Return, after *model.Region) *model.Spawn {
	out := *s
	out.NilResults = nil
	for i := range rets[0].Results {
		allNil := true
		for _, ret := range rets {
			allNil = allNil && returnsNil(ret.Results[i], after)
		}
		if allNil {
			out.NilResults = append(out.NilResults, i)
		}
	}
	return &out
}

// returnsNil reports whether v, a returned value, is nil on the paths
// through region: a nil constant, or the load of a result slot (functions
// with defers return so) whose every store in the region stores nil.
func returnsNil(v ssa.Value, region *model.Region) bool {
	if c, ok := v.(*ssa.Const); ok {
		return c.IsNil()
	}
	slot := slotOf(v)
	if slot == nil {
		return false
	}
	stored := false
	for _, r := range *slot.Referrers() {
		st, ok := r.(*ssa.Store)
		if !ok || st.Addr != slot || !region.Contains(st) {
			continue
		}
		if c, ok := st.Val.(*ssa.Const); !ok || !c.IsNil() {
			return false
		}
		stored = true
	}
	return stored
}

// joinedAfter reports whether fn joins the goroutine s (rebound to a call
// in fn) before it returns.
func joinedAfter(c *checker, fn *ssa.Function, s *model.Spawn) bool {
	return !outlives(c.newGoroutine(s, c.model.Summary(fn), model.NewFrame(fn)))
}

// callerEnv maps what a callee's frame can name to the caller's frame:
// its parameters to the arguments, and the values it returns (a
// constructor's new object) to the call's results.
func (c *checker) callerEnv(callee *ssa.Function, call *ssa.Call) model.Env {
	args := model.CallArgs(call.Common())
	env := model.CallEnv(callee, args, nil)
	if fn, bindings := closureOf(call.Common().Value); fn == callee {
		env = model.CallEnv(callee, args, bindings)
	}
	if _, bindings := c.model.ReturnedClosure(call); bindings != nil {
		model.BindClosureVars(env, call, bindings)
	}
	results := callResults(call)
	for _, b := range callee.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for i, v := range ret.Results {
			if i < len(results) && results[i] != nil {
				if _, isParam := v.(*ssa.Parameter); !isParam {
					env[v] = model.LocOf(results[i])
					bindFields(env, v, env[v])
				}
				if w := slotValue(v); w != nil {
					if _, bound := env[w]; !bound {
						env[w] = model.LocOf(results[i])
						bindFields(env, w, env[w])
					}
				}
			}
		}
	}
	return env
}

// slotOf returns the local variable v loads, or nil: the result slot of
// a function that returns through one.
func slotOf(v ssa.Value) *ssa.Alloc {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return nil
	}
	slot, _ := load.X.(*ssa.Alloc)
	return slot
}

// slotValue returns the one value stored in the result slot that v
// loads, or nil: a function with a defer statement returns "return rw"
// by storing rw in a slot and loading it after the deferred calls.
func slotValue(v ssa.Value) ssa.Value {
	slot := slotOf(v)
	if slot == nil || slot.Heap {
		return nil
	}
	var stored ssa.Value
	for _, r := range *slot.Referrers() {
		switch r := r.(type) {
		case *ssa.Store:
			if r.Addr != slot || (stored != nil && stored != r.Val) {
				return nil
			}
			stored = r.Val
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil
			}
		default:
			return nil
		}
	}
	if _, isParam := stored.(*ssa.Parameter); isParam {
		return nil
	}
	return stored
}

// bindFields maps the objects a callee makes and stores, once each, in
// fields of the new object obj it returns (&server{ch: ch}) to those
// fields in the caller's frame (base): what the callee's goroutine does
// to ch, the caller reaches as srv.ch.
func bindFields(env model.Env, obj ssa.Value, base model.Loc) {
	alloc, ok := obj.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return
	}
	stores := make(map[ssa.Value]int)
	path := make(map[ssa.Value]string)
	for _, r := range *alloc.Referrers() {
		fa, ok := r.(*ssa.FieldAddr)
		if !ok || fa.Referrers() == nil {
			continue
		}
		for _, u := range *fa.Referrers() {
			st, ok := u.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			// The value itself, or read from the variable closures
			// capture it in (ch := make(chan T); go func() {... ch ...}).
			if l := model.LocOf(st.Val); l.Path == "" && madeHere(l.Root) {
				stores[l.Root]++
				path[l.Root] = model.LocOf(fa).Path
			}
		}
	}
	for v, n := range stores {
		if _, bound := env[v]; !bound && n == 1 {
			env[v] = base.Extend(path[v] + "*")
		}
	}
}

// madeHere reports whether v is an object the function makes: a
// channel, map, slice or allocation.
func madeHere(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.MakeChan, *ssa.MakeMap, *ssa.MakeSlice, *ssa.Alloc:
		return true
	}
	return false
}

// callResults returns the values that hold a call's results in the
// caller: the call itself, or its Extracts.
func callResults(call *ssa.Call) []ssa.Value {
	n := call.Common().Signature().Results().Len()
	if n == 1 {
		return []ssa.Value{call}
	}
	out := make([]ssa.Value, n)
	for _, r := range *call.Referrers() {
		if ex, ok := r.(*ssa.Extract); ok && ex.Index < n {
			out[ex.Index] = ex
		}
	}
	return out
}

// closureOf returns the function and bindings a called value denotes.
func closureOf(v ssa.Value) (*ssa.Function, []ssa.Value) {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		fn, _ := mc.Fn.(*ssa.Function)
		return fn, mc.Bindings
	}
	return nil, nil
}

// rebind returns s as started by call, its Env translated through env.
func rebind(s *model.Spawn, call *ssa.Call, env model.Env) *model.Spawn {
	out := &model.Spawn{Kind: s.Kind, Instr: call, Fn: s.Fn, Started: s.Started}
	if out.Started == nil {
		out.Started = s.Instr
	}
	results := callResults(call)
	for _, i := range s.NilResults {
		if i < len(results) && results[i] != nil {
			out.NilAfter = append(out.NilAfter, results[i])
		}
	}
	// The callee's Env stays, followed by the call's: a closure's free
	// variable bound to the cell of a parameter SSA spilled (func (s *T)
	// Start() { go func() { s.n++ }() }) names the parameter only once
	// an access's path is added to it.
	out.Env = s.Env
	out.Outer = append(append([]model.Env(nil), s.Outer...), env)
	for _, l := range s.Inited {
		if t, ok := env.Translate(l); ok {
			out.Inited = append(out.Inited, t)
		}
	}
	if s.Group.Valid() {
		if t, ok := env.Translate(s.Group); ok {
			out.Group = t
		}
	}
	return out
}
