// Package lockcheck defines an Analyzer that checks lock discipline on
// objects shared between goroutines.
//
// # Analyzer lockcheck
//
// lockcheck: report fields accessed outside the mutex that guards them
//
// For every struct type with a sync.Mutex or sync.RWMutex field,
// lockcheck infers which fields the mutex guards from how the package's
// own functions access them: a field accessed with the mutex held at two
// or more places and at most of its accesses is guarded by it. A
// `// racecheck:guardedby mu` comment on a field states the same
// explicitly and overrides the inference. It then reports:
//
//   - unguarded-field: an access to a guarded field without its mutex
//     (a write without the write lock, a read without any lock when the
//     field is written after construction);
//   - rlock-write: a write to a field or map of an object while holding
//     only the read lock of its RWMutex;
//   - atomic-mix: a field or package-level variable accessed through
//     sync/atomic functions in one place and by plain loads or stores in
//     another;
//   - background-field: a field written by a goroutine a method starts
//     and read without synchronization by another exported method;
//   - handler-state: a write without a lock to state an HTTP handler
//     shares between requests (ServeHTTP methods, functions passed to
//     http.HandleFunc), which net/http runs concurrently;
//   - cross-package: a goroutine that calls a function of another
//     package which writes memory reachable from its arguments without a
//     lock, while other instances of the goroutine run (from a fact).
//
// Accesses are collected from the summaries of the package's entry
// points (exported functions and methods, methods used as values,
// goroutine bodies), following same-package calls, with the locks held
// at each access: lock helpers, embedded mutexes, deferred unlocks and
// locks held by callers are all understood. Objects the function
// allocates itself (constructors, objects not yet published) are never
// reported, nor are functions whose name ends in "Locked" or whose doc
// comment says the caller holds the lock: their accesses are checked in
// their callers instead.
//
// Facts: every function that touches memory reachable from its
// parameters or globals exports a FuncSummary (the accesses it makes as
// paths from its parameters, the locks held at each, the locks it
// acquires or releases, the parameters it runs in new goroutines), and
// every struct type with inferred or declared guards a GuardedFields
// fact. Under go vet, a diagnostic for an access in another package is
// reported at the call in the current package, with the callee's access
// named in the message: export data does not carry positions of another
// package's files that the driver can report reliably.
package lockcheck
