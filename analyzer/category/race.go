package category

// raceDocs documents the categories of the race analyzer.
var raceDocs = []Doc{
	{
		ID: "captured-var", Analyzer: "race", Severity: "error",
		Title: "captured variable written by concurrent goroutines",
		Text: `A local variable captured by a goroutine's closure is shared by
reference. When several goroutines (or the goroutine and its parent
between the go statement and the join) access it and at least one
writes, without a common mutex and not through sync/atomic, the accesses
race: increments are lost and readers may see torn values.`,
		Bad: `for _, j := range jobs {
	go func() { done++ }()
}`,
		Good: `var done atomic.Int64
for _, j := range jobs {
	go func() { done.Add(1) }()
}`,
	},
	{
		ID: "captured-err", Analyzer: "race", Severity: "error",
		Title: "one error variable assigned by several goroutines",
		Text: `An err declared once and assigned inside several goroutines is written
concurrently: one error overwrites another (or a nil overwrites a real
failure) and the writes race. Give each goroutine its own error, or use
errgroup.Group, which keeps the first.`,
		Bad: `var err error
go func() { a, err = fetchA() }()
go func() { b, err = fetchB() }()`,
		Good: `g.Go(func() (err error) { a, err = fetchA(); return })
g.Go(func() (err error) { b, err = fetchB(); return })
err := g.Wait()`,
	},
	{
		ID: "named-result", Analyzer: "race", Severity: "error",
		Title: "named result written by a goroutine that outlives the return",
		Text: `A goroutine that assigns a named result of the function that started it
races with the return, which reads the result: the caller may get the
old value, and the write may land after the function returned.`,
		Bad: `func load() (s Stats) {
	go func() { s = compute() }()
	return
}`,
		Good: `func load() (s Stats) {
	done := make(chan struct{})
	go func() { defer close(done); s = compute() }()
	<-done
	return
}`,
	},
	{
		ID: "captured-append", Analyzer: "race", Severity: "error",
		Title: "append to a captured slice from goroutines",
		Text: `s = append(s, x) reads and writes the slice header s and may write the
backing array: from several goroutines at once, elements are lost or
duplicated and the slice can be corrupted. Guard the append with a
mutex, write to distinct preallocated indexes, or collect over a channel.`,
		Bad: `for _, u := range urls {
	go func() { results = append(results, check(u)) }()
}`,
		Good: `results := make([]Result, len(urls))
for i, u := range urls {
	go func() { results[i] = check(u) }()
}`,
	},
	{
		ID: "captured-map", Analyzer: "race", Severity: "error",
		Title: "map written while other goroutines use it",
		Text: `Go maps are not safe for concurrent use: a write (assignment or delete)
concurrent with any other access races, and the runtime may abort the
program with "concurrent map writes". Protect every access with a
sync.Mutex or use sync.Map.`,
		Bad: `for _, r := range records {
	go func() { byKey[r.Key] = r }()
}`,
		Good: `for _, r := range records {
	go func() { mu.Lock(); byKey[r.Key] = r; mu.Unlock() }()
}`,
	},
	{
		ID: "shared-index", Analyzer: "race", Severity: "error",
		Title: "goroutines write the same slice element",
		Text: `Distinct slice elements are distinct memory, so goroutines writing
results[i] for their own i do not race. Writing one constant index from
several goroutines does: they all write the same element.`,
		Bad: `for _, s := range shards {
	go func() { stats[0] = scan(s) }()
}`,
		Good: `for i, s := range shards {
	go func() { stats[i] = scan(s) }()
}`,
	},
	{
		ID: "loopvar", Analyzer: "race", Severity: "error",
		Title: "loop variable shared with goroutines (before Go 1.22)",
		Text: `Before Go 1.22 a for loop declares one variable for all iterations; a
goroutine that captures it reads it while the loop writes the next
value. Since Go 1.22 (the go line of go.mod) each iteration has its own
variable and racecheck does not report the pattern.`,
		Bad: `for i := 0; i < n; i++ {
	go func() { work(i) }()
}`,
		Good: `for i := 0; i < n; i++ {
	go func(i int) { work(i) }(i)
}`,
	},
	{
		ID: "parallel-subtest", Analyzer: "race", Severity: "error",
		Title: "parallel subtests write a variable of the parent test",
		Text: `The part of a subtest after t.Parallel() runs after the parent test's
body returns, in parallel with the other parallel subtests. A variable of
the parent test that they write is shared by all of them.`,
		Bad: `for _, tc := range cases {
	t.Run(tc.name, func(t *testing.T) { t.Parallel(); failures++ })
}`,
		Good: `for _, tc := range cases {
	t.Run(tc.name, func(t *testing.T) { t.Parallel(); t.Error(...) })
}`,
	},
	{
		ID: "afterfunc", Analyzer: "race", Severity: "error",
		Title: "time.AfterFunc callback races with its caller",
		Text: `The function passed to time.AfterFunc runs in its own goroutine when the
timer fires, possibly while the caller still uses the same state.
Stopping the timer does not wait for a callback already running.`,
		Bad: `time.AfterFunc(ttl, func() { s.expired = true })
return s.expired`,
		Good: `time.AfterFunc(ttl, func() { s.mu.Lock(); s.expired = true; s.mu.Unlock() })
s.mu.Lock(); defer s.mu.Unlock(); return s.expired`,
	},
	{
		ID: "shared-field", Analyzer: "race", Severity: "error",
		Title: "field of a shared object accessed by concurrent goroutines",
		Text: `A struct reached through a pointer that a goroutine and its parent (or
several goroutines) share is shared memory: a field written by one while
another accesses it, without a common lock, races.`,
		Bad: `func (p *Poller) Start() int {
	go p.poll() // writes p.polls
	return p.polls
}`,
		Good: `func (p *Poller) Start() int64 {
	go p.poll() // p.polls.Add(1)
	return p.polls.Load()
}`,
	},
	{
		ID: "global-var", Analyzer: "race", Severity: "error",
		Title: "package-level variable accessed by concurrent goroutines",
		Text: `A package-level variable is shared by every goroutine. Written by a
goroutine while its parent or another goroutine accesses it, without a
lock or sync/atomic, it races.`,
		Bad: `go func() { lastErr = run() }()
log.Print(lastErr)`,
		Good: `go func() { mu.Lock(); lastErr = run(); mu.Unlock() }()`,
	},
	{
		ID: "close-send", Analyzer: "race", Severity: "error",
		Title: "channel closed while a goroutine may still send on it",
		Text: `close(ch) while another goroutine can still execute a send on ch: the
send panics ("send on closed channel"), and the race detector reports the
close racing with the send. Close a channel only after every sender is
done (wait for them, or receive their last value), or let the only sender
close it.`,
		Bad: `for _, u := range urls {
	go func() { results <- fetch(u) }()
}
close(results)`,
		Good: `for _, u := range urls {
	wg.Add(1)
	go func() { defer wg.Done(); results <- fetch(u) }()
}
go func() { wg.Wait(); close(results) }()`,
	},
}
