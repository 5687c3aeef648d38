package category

// spawnDocs documents the categories of the spawn analyzer.
var spawnDocs = []Doc{
	{
		ID:       "unbounded-spawn",
		Analyzer: "spawn",
		Title:    "goroutine started per element of input without a bound",
		Text: `A loop starts one goroutine (go statement, sync.WaitGroup.Go or
errgroup.Group.Go) per element of a collection whose size is driven by
data, with no bound in effect. Large input then means as many goroutines,
stacks and open connections at once. The rule is where the collection
comes from. Data: the result of reading or decoding (os.ReadDir, lines of a
bufio.Scanner, json.Decoder.Decode into a request, os.Args, flag.Args),
values received from a channel (messages, events), a collection crossing
an API boundary (a slice, map, channel or string parameter of an exported
function, or of one called through a function value; the fields of a
request struct parameter; the results of a request interface's methods,
such as cmd.Args()), and anything appended, stored or grouped from data
(keys grouped by hash slot). Configuration and topology, not reported:
receivers' fields and what their methods return (the cluster's nodes,
shards, partitions), struct parameters a constructor keeps (the
configured addresses of NewTransport(cfg)), parameters of unexported
functions whose callers in the package all pass such sets, methods of
unexported types reached through interfaces, maps keyed by network address
(one entry per peer), package variables and literals. Also not reported:
loops throttled by a blocking operation in their body (a semaphore send,
semaphore.Weighted.Acquire, a Wait, a receive, time.Sleep, or a function
of the package doing one), errgroups with SetLimit or created elsewhere,
goroutines that take a semaphore themselves or loop over a channel as
workers, a spawn followed by return or break, collections of servers
(net.Listener, *http.Server), channels of connections (net.Conn), accept
and receive loops without a condition, counts of workers, and test code.`,
		Bad: `func Crawl(urls []string) {
	for _, u := range urls {
		go fetch(u)
	}
}`,
		Good: `func Crawl(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.NumCPU())
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}`,
		Severity: "warning",
	},
	{
		ID:       "oversized-pool",
		Analyzer: "spawn",
		Title:    "constant worker pool or fan-out above -spawn.maxpool",
		Text: `Constant loops (nested ones multiply) start more goroutines than
-spawn.maxpool (default 64), or errgroup.Group.SetLimit is given such a
constant. CPU-bound work gains nothing beyond the cores: extra goroutines
only wait, hold memory and thrash the scheduler, and I/O pools that size
exceed connection limits. The default is fixed, not taken from the machine
running the analysis, so that results are reproducible: 64 is
2 x runtime.NumCPU() of a 32-core machine. Pools sized from runtime.NumCPU()
or runtime.GOMAXPROCS(0) are not reported.`,
		Bad: `for i := 0; i < 200; i++ {
	go worker(jobs)
}`,
		Good: `for range runtime.GOMAXPROCS(0) {
	go worker(jobs)
}`,
		Severity: "warning",
	},
	{
		ID:       "const-gomaxprocs",
		Analyzer: "spawn",
		Title:    "runtime.GOMAXPROCS set to a constant",
		Text: `runtime.GOMAXPROCS(n) with a constant n above 1 fixes the number of OS
threads running Go code for one machine: it oversubscribes machines and
containers with fewer cores and idles larger ones. The default
(runtime.NumCPU(), and the container's CPU limit since Go 1.25) is right for
almost every program; otherwise derive the value from runtime.NumCPU() or
configuration. GOMAXPROCS(1), a deliberate serialisation, and
GOMAXPROCS(0), a query, are not reported.`,
		Bad: `func main() {
	runtime.GOMAXPROCS(64)
}`,
		Good: `func main() {
	// keep the default: one thread per available CPU
}`,
		Severity: "warning",
	},
	{
		ID:       "lockosthread-per-item",
		Analyzer: "spawn",
		Title:    "runtime.LockOSThread in goroutines started per element of input",
		Text: `A goroutine started per element of input without a bound (see
unbounded-spawn) calls runtime.LockOSThread, directly or through a function
of the package. Each such goroutine holds its own OS thread, with a kernel
thread and a 1-2 MB stack, and large input reaches the runtime's limit of
10000 threads, which crashes the program. Lock threads in a fixed pool of
runtime.NumCPU() workers instead.`,
		Bad: `for _, f := range frames {
	go func() { runtime.LockOSThread(); render(f) }()
}`,
		Good: `for range runtime.NumCPU() {
	go func() { runtime.LockOSThread(); for f := range frames { render(f) } }()
}`,
		Severity: "warning",
	},
	{
		ID:       "max-threads",
		Analyzer: "spawn",
		Title:    "debug.SetMaxThreads raised above the default 10000",
		Text: `debug.SetMaxThreads with a constant above 10000 raises the runtime's
limit on OS threads. The limit exists to stop runaway thread creation
(goroutines blocked in system calls or cgo, or locked to threads); raising
it hides that growth until the machine runs out of memory or kernel
threads. Bound the goroutines that need threads instead. Lowering the limit
is a safety measure and is not reported.`,
		Bad: `func init() {
	debug.SetMaxThreads(100000)
}`,
		Good: `// keep the default limit; run blocking calls in a bounded pool
sem := make(chan struct{}, runtime.NumCPU())`,
		Severity: "warning",
	},
}
