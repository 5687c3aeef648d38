// Package race defines an Analyzer that reports data races between
// goroutines on captured variables, globals, fields, maps and slices.
//
// # Analyzer race
//
// race: report unsynchronized accesses shared between goroutines
//
// For each function that starts goroutines (go statements,
// sync.WaitGroup.Go, errgroup.Group.Go, time.AfterFunc, parallel subtests,
// testing.B.RunParallel), the analyzer collects the memory accesses of the
// new goroutine, including those of the same-package functions it calls,
// and of the code of the parent that may run at the same time: after the
// spawn and before the join (WaitGroup.Wait, a receive from a channel the
// goroutine sends on or closes, errgroup.Group.Wait). Two accesses to the
// same location race when at least one writes, they may run in parallel,
// no common mutex is held (a read lock only excludes writers), and they
// are not both atomic.
//
// It also reports misused synchronization the same model shows: a
// goroutine of a test that logs to the test (t.Log, t.Error) when nothing
// waits for it before the test returns (the testing package panics), t.Fatal
// and t.Skip from a goroutine other than the test's where go vet does not
// see them, and sync.WaitGroup.Add in a goroutine that may run while the
// code running with it waits on the same WaitGroup.
//
// Facts: each package exports a SyncSummary, the channel, WaitGroup,
// errgroup and semaphore operations its exported functions perform on
// their parameters, so that a goroutine and its parent handing data over
// through another package's synchronizer are ordered.
package race
