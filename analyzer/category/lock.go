package category

// lockDocs documents the categories of the lock-discipline analyzer.
var lockDocs = []Doc{
	{
		ID:       "unguarded-field",
		Analyzer: "lockcheck",
		Title:    "field accessed without the mutex that guards it",
		Text: `A field of a struct type is guarded by a mutex field of the same struct
when the package's own functions hold that mutex at every write of the
field, or at most of its accesses (two or more), or when the field carries
a // racecheck:guardedby mu comment. A write without the lock races with
the locked accesses of other goroutines. Holding another lock is not
holding the guard (a read under memberLock of a field every write changes
under stateLock races), unless some write of the field holds that lock
too, it is not another mutex of the same struct (a Clear that takes
all of a struct's mutexes does not make cm a guard of the gauges that
Gauge appends to under gm), and every write shares a lock with the
access (a bucket lock that Reset holds around the gauges does not order
a read with Gauge, which holds gm alone). A mutex held at every write is the guard
before one held at more accesses. A read without the guard races
when the field is changed under the lock: written there at two places, or
at one place that keeps changing it (a counter, an append, a map entry),
or at one place while another method reads it under the lock; reads in
the method that makes the only locked write are its own. A field written
only inside a sync.Once's function (started by the first Write) is
guarded by that Once: an exported function that checks it against nil
with no lock (has the first Write started the ticker?) and never calls the
Once's Do races with the first call that does. A field no write locks but
another exported function reads under a mutex of the struct is shared: a
lazy initialization of it with no lock (if h.hostname == "" { h.hostname =
... }) races with that reader, whose lock alone orders nothing.
The code judged is what other code can call: exported functions, methods
of exported types, and the exported methods of unexported types the
package converts to an interface (a Client implementation NewClient
returns, a delegate handed to a library); a race in a helper every method
calls is reported once, at the helper's access when it is itself callable,
else at the first call. Constructors and objects the function allocates itself are not reported,
nor functions whose name ends in Locked or whose doc comment says the
caller holds the lock: their callers are checked instead, and a call made
without the lock is reported at the call. Fields never written after
construction may be read freely, and so may a field set once under the
lock (lazy initialization) and only read under it by the same method.`,
		Bad: `func (c *Cache) Get(k string) string {
	c.mu.Lock(); defer c.mu.Unlock()
	c.hits++
	return c.items[k]
}
func (c *Cache) Hits() int { return c.hits }`,
		Good: `func (c *Cache) Hits() int {
	c.mu.Lock(); defer c.mu.Unlock()
	return c.hits
}`,
		Program: `package example

import "sync"

type Cache struct {
	mu    sync.Mutex
	hits  int
	items map[string]string
}

func (c *Cache) Get(k string) string {
	c.mu.Lock(); defer c.mu.Unlock()
	c.hits++
	return c.items[k]
}
func (c *Cache) Hits() int { return c.hits }
`,
		Severity: "error",
	},
	{
		ID:       "rlock-write",
		Analyzer: "lockcheck",
		Title:    "write while holding only the read lock of an RWMutex",
		Text: `RLock lets any number of readers in at once: a write made while holding
only the read lock races with the other readers, and with other writers
doing the same. lockcheck reports a write to a field or map of an object
while its RWMutex is held in read mode only and no lock is held for
writing. Take the write lock (Lock) for the write, or move the written
state under a mutex of its own or into an atomic type.`,
		Bad: `x.mu.RLock()
defer x.mu.RUnlock()
x.lookups++
return x.byID[id]`,
		Good: `x.mu.RLock()
defer x.mu.RUnlock()
x.lookups.Add(1) // atomic.Int64
return x.byID[id]`,
		Program: `package example

import "sync"

type Index struct {
	mu      sync.RWMutex
	lookups int
	byID    map[int]string
}

func (x *Index) Get(id int) string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	x.lookups++
	return x.byID[id]
}

func (x *Index) Reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.lookups = 0
	x.byID = map[int]string{}
}
`,
		Severity: "error",
	},
	{
		ID:       "atomic-mix",
		Analyzer: "lockcheck",
		Title:    "variable accessed both atomically and with plain loads or stores",
		Text: `A variable or field updated with sync/atomic functions in one place and
read or written with a plain access in another is not synchronized: the
plain access races with the atomic ones (the race detector reports it),
and the compiler may cache or tear it. Declaring the field with a
sync/atomic type (atomic.Int64, atomic.Bool, atomic.Pointer[T]) makes
a plain access impossible. Plain accesses to objects not yet published
(constructors) are not reported.`,
		Bad: `atomic.AddInt64(&s.requests, 1)
...
return s.requests`,
		Good: `s.requests.Add(1) // requests atomic.Int64
...
return s.requests.Load()`,
		Program: `package example

import "sync/atomic"

type Server struct{ requests int64 }

func (s *Server) Handle() {
	atomic.AddInt64(&s.requests, 1)
}

func (s *Server) Requests() int64 {
	return s.requests
}
`,
		Severity: "error",
	},
	{
		ID:       "background-field",
		Analyzer: "lockcheck",
		Title:    "field written by a background goroutine read by another method",
		Text: `A method that starts a goroutine which writes a field of the receiver
makes that field shared with every other method of the type: a getter
that reads it without a lock or atomic races with the goroutine. Methods
that wait for something before reading (a channel receive, a WaitGroup
Wait) are not reported: they usually join the goroutine first. The read
in the starting method itself is the race analyzer's shared-field. The
same holds the other way for a channel field the goroutine selects on:
another method that reassigns it (s.done = make(chan struct{})) while the
goroutine runs races with that read.`,
		Bad: `func (p *Poller) Start() {
	go func() { for { p.last = fetch() } }()
}
func (p *Poller) Last() string { return p.last }`,
		Good: `func (p *Poller) Start() {
	go func() { for { v := fetch(); p.mu.Lock(); p.last = v; p.mu.Unlock() } }()
}
func (p *Poller) Last() string { p.mu.Lock(); defer p.mu.Unlock(); return p.last }`,
		Program: `package example

type Poller struct{ last string }

func fetch() string { return "" }

func (p *Poller) Start() {
	go func() { for { p.last = fetch() } }()
}
func (p *Poller) Last() string { return p.last }
`,
		Severity: "error",
	},
	{
		ID:       "background-close",
		Analyzer: "lockcheck",
		Title:    "channel closed by a method while a background goroutine may send on it",
		Text: `A method that starts a goroutine which sends on a channel held by the
receiver makes every other method that closes that channel race with the
send: if the goroutine is still running, its send panics ("send on closed
channel"). Stop the goroutine and wait for it before closing, or let the
goroutine close the channel itself. Methods that wait for something
first (a WaitGroup Wait, a receive) are taken to join the goroutine; a
lock held around both the send and the close orders them.`,
		Bad: `func (w *Watcher) Start() {
	go func() { for { w.events <- poll() } }()
}
func (w *Watcher) Close() { close(w.events) }`,
		Good: `func (w *Watcher) Start() {
	go func() {
		defer close(w.events)
		for {
			select {
			case w.events <- poll():
			case <-w.stop:
				return
			}
		}
	}()
}
func (w *Watcher) Close() { close(w.stop) }`,
		Program: `package example

type Watcher struct{ events chan string }

func poll() string { return "" }

func (w *Watcher) Start() {
	go func() { for { w.events <- poll() } }()
}
func (w *Watcher) Close() { close(w.events) }
`,
		Severity: "error",
	},
	{
		ID:       "guarded-pointer-send",
		Analyzer: "lockcheck",
		Title:    "pointer to lock-guarded state sent on a channel",
		Text: `Objects a struct keeps in a map or slice are often guarded by that
struct's mutex: every write of their fields holds it. A function of the
package that sends a pointer to such an object on a channel, when its
caller passes one (an event delegate told about a member), hands the
object to a receiver that reads its fields with no way to take the lock,
while the package goes on writing them under it: each later write races
with the receiver's reads. lockcheck reports the send, naming the call
that passes the pointer and a locked write. Send a copy of the object
instead. Calls through an interface of the package that one of its types
implements are followed; a pointer to an object the caller made itself,
or to one whose fields are not all written under the container's lock, is
not reported.`,
		Bad: `func (d *ChannelDelegate) NotifyJoin(m *Member) {
	d.Ch <- Event{Member: m}
}`,
		Good: `func (d *ChannelDelegate) NotifyJoin(m *Member) {
	cp := *m
	d.Ch <- Event{Member: &cp}
}`,
		Program: `package example

import "sync"

type Member struct{ Addr string }

type Event struct{ Member *Member }

type Delegate interface{ NotifyJoin(*Member) }

type ChannelDelegate struct{ Ch chan<- Event }

func (d *ChannelDelegate) NotifyJoin(m *Member) {
	d.Ch <- Event{Member: m}
}

type List struct {
	mu      sync.Mutex
	members map[string]*Member
	events  Delegate
}

func (l *List) Join(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, ok := l.members[name]
	if !ok {
		m = &Member{}
		l.members[name] = m
	}
	m.Addr = addr
	l.events.NotifyJoin(m)
}

func (l *List) Move(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.members[name]; ok {
		m.Addr = addr
	}
}
`,
		Severity: "error",
	},
	{
		ID:       "unguarded-send",
		Analyzer: "lockcheck",
		Title:    "send without the lock on a channel that is closed under it",
		Text: `Closing a channel with a mutex held is how a type keeps senders from
sending after the close: each sender checks a closed flag and sends while
holding the same mutex. A send made without it (the flag checked under the
lock, the send after the unlock) can run after the close and panic ("send
on closed channel"); the race detector reports the close racing with the
send. Send while holding the lock, or close the channel only once every
sender is done.`,
		Bad: `func (t *Trace) Record(e string) {
	t.mu.Lock()
	closed := t.closed
	t.mu.Unlock()
	if !closed {
		t.events <- e
	}
}

func (t *Trace) Close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	close(t.events)
}`,
		Good: `func (t *Trace) Record(e string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.closed {
		t.events <- e // a buffered channel drained by a writer goroutine
	}
}`,
		Program: `package example

import "sync"

type Trace struct {
	mu     sync.Mutex
	closed bool
	events chan string
}

func (t *Trace) Record(e string) {
	t.mu.Lock()
	closed := t.closed
	t.mu.Unlock()
	if !closed {
		t.events <- e
	}
}

func (t *Trace) Close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	close(t.events)
}
`,
		Severity: "error",
	},
	{
		ID:       "handler-state",
		Analyzer: "lockcheck",
		Title:    "HTTP handler writes shared state without a lock",
		Text: `net/http serves every request in a goroutine of its own, so a ServeHTTP
method (pointer receiver) or a function registered with http.HandleFunc,
http.Handle or a ServeMux runs concurrently with itself. A write without
a lock to a field of the handler, to a captured variable or to a
package-level variable races between requests; so does lazy
initialization (if h.t == nil { h.t = ... }). Use a mutex, an atomic type
or sync.Once.`,
		Bad: `func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.requests++
}`,
		Good: `func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.requests.Add(1) // requests atomic.Int64
}`,
		Program: `package example

import "net/http"

type API struct{ requests int }

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.requests++
}
`,
		Severity: "error",
	},
	{
		ID:       "unlocked-call",
		Analyzer: "lockcheck",
		Title:    "goroutines call another package's unsynchronized writer on one object",
		Text: `Goroutines started in a loop all call a function of another package on
the same object, and that function (per its summary, a fact computed when
its package was analyzed) writes memory reachable from its arguments with
no lock held: the instances race with each other. The diagnostic is
reported at the call in the current package and names the callee's write
position in its text: under go vet, positions in another package's files
come from export data and cannot be reported reliably. Hold a lock around
the call, give each goroutine its own object, or make the callee
synchronize.`,
		Bad: `s := store.New()
for _, k := range keys {
	go func() { s.Put(k, "v") }() // Put writes s.items without a lock
}`,
		Good: `s := store.New()
for _, k := range keys {
	go func() { s.SafePut(k, "v") }()
}`,
		Severity: "error",
	},
	{
		ID:       "global-var-shared",
		Analyzer: "lockcheck",
		Title:    "package-level variable shared between a background goroutine and an exported function",
		Text: `A package-level variable that a goroutine body reads or writes, and that
an exported function other than the one starting the goroutine writes or
reads, without a lock or atomic on either side: the classic configuration
knob changed (by a test or a caller) while a background loop reads it.
Not reported: variables the starting function sets before its go
statement, functions that wait for something first, variables of sync
and sync/atomic types, init functions and test files. A race between a
goroutine and the function that starts it is the race analyzer's
global-var, not reported twice.

Also reported: a package-level variable that a goroutine writes with no
lock when an exported method starts that goroutine and does not wait for
it. Each object's method starts its own (two brokers opened, two servers
started), so the variable is written by two goroutines at once: a lazily
computed version string, a "last error" kept for all objects. A lock
of the object itself (b.mu) does not protect it; a package-level mutex,
a sync.Once or an atomic does. A goroutine started by a package-level
function is often the package's single background loop and is not
judged by this rule.`,
		Bad: `var interval = time.Second
func loop() { for { time.Sleep(interval); poll() } }
func SetInterval(d time.Duration) { interval = d }`,
		Good: `var interval atomic.Int64
func loop() { for { time.Sleep(time.Duration(interval.Load())); poll() } }
func SetInterval(d time.Duration) { interval.Store(int64(d)) }`,
		Program: `package example

import "time"

func poll() {}

func Start() { go loop() }

var interval = time.Second
func loop() { for { time.Sleep(interval); poll() } }
func SetInterval(d time.Duration) { interval = d }
`,
		Severity: "error",
	},
	{
		ID:       "concurrent-callback",
		Analyzer: "lockcheck",
		Title:    "function literal run by a helper in concurrent goroutines writes a captured variable",
		Text: `A helper that calls a callback parameter from goroutines it starts in a
loop (a Parallelize(n, func(i int)) or ForEach(items, func(x T)) helper,
in the same package or, through a fact, in another) runs every function
literal passed to it concurrently with itself. A write in that literal to
a variable it captures, without a lock or atomic, races between the calls;
so does one in the package's code the literal calls, also through an
interface that one package type implements (g.framework.RunFilterPlugins()
reaching each plugin's counter). Writes to a per-index element (out[i])
are fine, unless the index comes from constants and loop counters only
(every call rewrites every element: for i := range out { out[i] = ... })
or from a callee the literal passes nothing of its parameters; so are a
lazy default the caller has already set, and helpers that start one
goroutine or call the callback under a lock.`,
		Bad: `total := 0
parallel.Parallelize(len(xs), func(i int) {
	total += xs[i]
})`,
		Good: `var total atomic.Int64
parallel.Parallelize(len(xs), func(i int) {
	total.Add(int64(xs[i]))
})`,
		Severity: "error",
	},
}
