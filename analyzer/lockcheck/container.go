package lockcheck

import (
	"go/types"
	"slices"
	"strings"

	"github.com/racecheck/racecheck/analyzer/internal/model"
)

// Container guards: the objects a map or slice holds are often guarded
// by the mutex of the object that holds the container (memberlist's
// nodeState fields, written only under Memberlist.nodeLock, in the
// nodes taken out of m.nodeMap). Such a guard is named by its qualified
// field, "pkg.Type.mu", and holds when a lock of that field is held,
// whichever object it was reached through.

// isContainerMutex reports whether a guard's mutex is a container's
// ("pkg.Type.mu") rather than a field of the accessed object ("mu").
func isContainerMutex(mu string) bool { return strings.Contains(mu, ".") }

// containerGuard returns the guard of a field of objects held in a
// container, when a mutex of the container's owner is held at every
// write and at most accesses, as inferGuards requires of a struct's own
// mutex, or nil.
func (c *checker) containerGuard(key fieldKey, byPos map[siteKey][]*fieldAccess) *guard {
	var best *guard
	for _, mu := range containerLocks(byPos) {
		g := c.countHeld(mu, byPos)
		writes, heldWrites, _ := countWrites(mu, byPos)
		g.everyWrite = writes > 0 && heldWrites == writes
		if !g.everyWrite || g.held < minLocked || 2*g.held <= g.total || !c.writeLocked(key, mu) {
			continue
		}
		if best == nil || betterGuard(g, best) {
			best = g
		}
	}
	return best
}

// containerLocks returns the qualified mutex fields held at accesses of
// a field made through a container (a map or slice element) by a lock
// of an object on the path to that container, in a stable order.
func containerLocks(byPos map[siteKey][]*fieldAccess) []string {
	seen := make(map[string]bool)
	for _, as := range byPos {
		for _, a := range as {
			obj := a.object()
			for _, h := range a.Locks {
				if h.Field == "" || h.Loc.Root != obj.Root || seen[h.Field] {
					continue
				}
				i := strings.LastIndexByte(h.Loc.Path, '.')
				if i >= 0 && strings.HasPrefix(obj.Path, h.Loc.Path[:i]) && hasContainerStep(obj.Path[i:]) {
					seen[h.Field] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for mu := range seen {
		out = append(out, mu)
	}
	slices.Sort(out)
	return out
}

// hasContainerStep reports whether a path goes through an element of a
// map or slice.
func hasContainerStep(path string) bool {
	for _, st := range splitPath(path) {
		if isContainerStep(st.text) {
			return true
		}
	}
	return false
}

// isContainerStep reports whether a path step is an element of a map or
// slice.
func isContainerStep(step string) bool {
	return step == model.MapKeyStep || step == model.MapAllStep || step[0] == '['
}

// containerLock returns the location of a container guard mu on the
// path of the object a accesses: the last object of mu's type before
// the first container step.
func containerLock(a *fieldAccess, mu string) (model.Loc, bool) {
	i := strings.LastIndexByte(mu, '.')
	if i < 0 {
		return model.Loc{}, false
	}
	owner, field := mu[:i], mu[i+1:]
	obj := a.object()
	t := obj.Root.Type()
	at, found := "", typeNamed(t, owner)
	for _, st := range splitPath(obj.Path) {
		if isContainerStep(st.text) {
			break
		}
		if t = stepType(t, st.text); t == nil {
			return model.Loc{}, false
		}
		if typeNamed(t, owner) {
			at, found = obj.Path[:st.off+len(st.text)], true
		}
	}
	if !found {
		return model.Loc{}, false
	}
	return model.Loc{Root: obj.Root, Path: at + "." + field}, true
}

// typeNamed reports whether t, or what it points to, is the named type
// whose qualified name is name.
func typeNamed(t types.Type, name string) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && types.TypeString(n, nil) == name
}

// throughContainer reports whether a reaches its object through a
// container held by an object of the type whose mutex mu is.
func throughContainer(a *fieldAccess, mu string) bool {
	_, ok := containerLock(a, mu)
	return ok && hasContainerStep(a.object().Path)
}
