// Package spawn defines an Analyzer that reports oversized and unbounded
// goroutine and OS-thread spawning.
//
// # Analyzer spawn
//
// spawn: report oversized and unbounded goroutine and OS-thread spawning
//
// Every goroutine needs a stack and every OS thread a kernel thread and a
// 1-2 MB stack. The analyzer reports the spawning patterns that grow them
// without limit or size them for a machine the program may not run on.
// Spawn sites are go statements, sync.WaitGroup.Go and
// golang.org/x/sync/errgroup.Group.Go.
//
// unbounded-spawn: a goroutine started per element of a collection whose
// size is driven by data, with no bound in effect:
//
//	func Crawl(urls []string) { // urls crosses the API boundary
//		for _, u := range urls {
//			go fetch(u) // one goroutine per element of urls
//		}
//	}
//
// The rule is where the collection comes from, traced through the
// package's data flow. Data: what is read or decoded (an I/O or decoding
// package's results, such as os.ReadDir, bufio.Scanner lines,
// json.Decoder.Decode into a variable, os.Args), values received from any
// channel, parameters crossing an API boundary, and collections appended,
// stored or grouped from data (keys grouped by hash slot). A parameter
// crosses the boundary when its function is exported (a method, of an
// exported type) outside package main, or is used as a function value;
// it carries data by its type: slices, maps, channels, strings, functions
// and interfaces other than context.Context and error; a struct (or
// pointer to one) is a request unless the function keeps it in a field or
// composite literal, which makes it the configuration of what it builds.
// Parameters of other functions carry data only when one of their call
// sites in the package passes data. A method's result is data when its
// receiver is data and not a struct parameter (cmd.Args() of a request
// interface, not ctxt.SrcDirs()). Configuration and topology are not
// data: receivers' fields and what their methods return given only a
// context (the cluster's nodes, the partitions assigned), package
// variables, literals, maps filled only under network addresses (one
// entry per peer), and variables reassigned other than by append.
//
// The loop is bounded, and not reported, when its body can block the
// spawning goroutine (a channel send or receive such as a semaphore
// acquire, a select without default, an Acquire or Wait method, time.Sleep,
// or a call to a function of the package doing one of these); when the
// errgroup has SetLimit called on it, or comes from elsewhere; when the
// goroutine is a worker looping over a channel; when the goroutine itself
// takes a semaphore (sends to and receives from one channel, or calls
// Acquire) before working; or when the spawn is followed by return or
// break. Loops without a condition are service loops
// (for { c, _ := l.Accept(); go serve(c) }) and are never reported, nor
// are goroutines started once per request in a handler, nor one per
// server of a collection of servers (elements with an Accept, Serve or
// ListenAndServe method, such as net.Listener and *http.Server), nor one
// per connection received from a channel of connections (elements with a
// RemoteAddr method, such as net.Conn).
// Counting loops up to a plain integer (a worker count from a flag, a
// field, NumCPU) are pools, not fan-out per element, and are not reported.
//
// lockosthread-per-item: as unbounded-spawn, but the goroutine calls
// runtime.LockOSThread, so each one also holds an OS thread, and input
// large enough reaches the runtime's limit of 10000 threads and crashes.
//
// oversized-pool: a constant number of goroutines above -spawn.maxpool
// (default 64) started by constant loops (nested constant loops multiply),
// or errgroup.Group.SetLimit with such a constant. The default is fixed so
// results do not depend on the machine running the analysis: 64 is
// 2 x runtime.NumCPU() of a 32-core machine, more than nearly all machines
// the program will run on can use. Pools sized from runtime.NumCPU() or
// runtime.GOMAXPROCS(0) are never reported.
//
// const-gomaxprocs: runtime.GOMAXPROCS(n) with a constant n above 1.
// GOMAXPROCS(1), which deliberately serialises a program, is not reported.
//
// max-threads: debug.SetMaxThreads with a constant above the default
// 10000, which hides thread growth instead of bounding it.
//
// Test files are not checked: tests start many goroutines and pin
// GOMAXPROCS on purpose, to provoke races and measure contention.
package spawn
