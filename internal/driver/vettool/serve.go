package vettool

import (
	"bytes"
	"errors"
	"fmt"
	"go/build"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
	"github.com/racecheck/racecheck/internal/hugeheap"
)

// A racecheck command that runs go vet with itself as the tool starts a
// Server and gives go vet the vet client (client/c/client.c or
// client/main.go, built by Client) as its tool, with the server's
// address in EnvVar. A tool run (one process per package, started by go
// vet) then hands its unit to the server, which analyzes it in the command's process and sends back
// what racecheck's run would have printed: the heap of that one process
// serves every unit, where each process of its own starts racecheck and
// faults in a fresh heap (see BENCHMARKS.md, "First run"). The files a
// unit writes (facts, JSON output) are the same either way, so go vet
// caches the same results under the same keys.
//
// A unit the server cannot run as the process would (other analyzer
// flags or GOARCH, go vet -fix, a relative config path), and any failure
// to reach the server, leaves the client to run racecheck, which
// analyzes the unit itself.

// EnvVar holds the address of the server (a Unix socket). In a racecheck
// command's own environment, "off" starts no server.
const EnvVar = "RACECHECK_VETSERVER"

// ToolEnvVar holds the racecheck executable the vet client runs for
// what it does not hand to the server.
const ToolEnvVar = "RACECHECK_VETTOOL"

// A Server analyzes units for the tool runs of one go vet command.
type Server struct {
	name   string // the program's name in messages
	dir    string
	ln     net.Listener
	wg     sync.WaitGroup
	served atomic.Int64
}

// Listen starts a server listening on a Unix socket in a new private
// directory; name is the program's name for messages. Close stops it.
func Listen(name string) (*Server, error) {
	dir, err := os.MkdirTemp("", "racecheck-vet")
	if err != nil {
		return nil, fmt.Errorf("vet server: %w", err)
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "s"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("vet server: %w", err)
	}
	s := &Server{name: name, dir: dir, ln: ln}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Env returns the environment entries that point the vet client's runs
// to s, and to the racecheck executable tool for the rest.
func (s *Server) Env(tool string) []string {
	return []string{EnvVar + "=" + s.ln.Addr().String(), ToolEnvVar + "=" + tool}
}

// Served returns the number of units s has analyzed.
func (s *Server) Served() int { return int(s.served.Load()) }

// Close stops accepting units, waits for those under way and removes
// the socket's directory.
func (s *Server) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return errors.Join(err, os.RemoveAll(s.dir))
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			req, err := readRequest(conn)
			if err != nil {
				return
			}
			writeResponse(conn, s.run(req))
		}()
	}
}

// serverHeap is the heap a server backs with huge pages
// (internal/hugeheap) when it takes its first unit, so that no run go vet
// answers from its cache pays for the range (6 ms, and 4 ms per GB). The
// whole racecheck process peaked at 470-630 MB serving racecheck's
// module or std.
const serverHeap = 1 << 30

// run analyzes one unit as the tool run would, or declines it.
func (s *Server) run(req request) (resp response) {
	declined := response{Declined: true}
	if len(req.Args) == 0 || !filepath.IsAbs(req.Args[len(req.Args)-1]) || req.GOARCH != build.Default.GOARCH || vetunit.WantsFix(req.Args) {
		return declined
	}
	defer func() {
		if recover() != nil {
			resp = declined // the tool run repeats it and fails as it would alone
		}
	}()
	hugeheap.Reserve(serverHeap)
	var stdout, stderr bytes.Buffer
	analyzers, unitArgs := Unit(req.Args, &stderr)
	opts := vetunit.Options{Flags: Flags, SharedFlags: true}
	code := vetunit.Main(s.name, unitArgs, analyzers, opts, &stdout, &stderr)
	if code == vetunit.Declined {
		return declined
	}
	s.served.Add(1)
	return response{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Code: code}
}
