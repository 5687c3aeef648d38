package vettool

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"go/build"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/racecheck/racecheck/internal/driver/vetunit"
)

// A racecheck command that runs go vet with itself as the tool starts a
// Server and passes its address to the tool runs in EnvVar. A tool run
// (one process per package, started by go vet) then hands its unit to
// the server, which analyzes it in the command's process and sends back
// what the run would have printed: the heap of that one process serves
// every unit, where each process of its own starts the program and
// faults in a fresh heap (see BENCHMARKS.md, "First run"). The files a
// unit writes (facts, JSON output) are the same either way, so go vet
// caches the same results under the same keys.
//
// A unit the server cannot run as the process would (other analyzer
// flags or GOARCH, go vet -fix, a relative config path), and any failure
// to reach the server, leaves the tool run to analyze its unit itself.

// EnvVar holds the address of the server (a Unix socket). In a racecheck
// command's own environment, "off" starts no server.
const EnvVar = "RACECHECK_VETSERVER"

// A request is a tool run's command line.
type request struct {
	Args   []string // without the program name; the config path absolute
	GOARCH string   // the run's build.Default.GOARCH (type sizes)
}

// A response is what the tool run prints and its exit code, or Declined.
type response struct {
	Declined       bool
	Stdout, Stderr []byte
	Code           int
}

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

// Env returns the environment entry that points tool runs to s.
func (s *Server) Env() string { return EnvVar + "=" + s.ln.Addr().String() }

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
			var req request
			if gob.NewDecoder(conn).Decode(&req) != nil {
				return
			}
			gob.NewEncoder(conn).Encode(s.run(req))
		}()
	}
}

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

// Forward hands the unit of the tool run with arguments args (without
// the program name) to the server EnvVar names, writes what it printed
// and returns its exit code and true; false if there is no server, or it
// declined the unit or could not be reached, and the run should analyze
// the unit itself.
func Forward(args []string, stdout, stderr io.Writer) (int, bool) {
	addr := os.Getenv(EnvVar)
	if addr == "" || addr == "off" || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return 0, false
	}
	cfg, err := filepath.Abs(args[len(args)-1])
	if err != nil {
		return 0, false
	}
	args = append(args[:len(args)-1:len(args)-1], cfg)
	conn, err := net.Dial("unix", addr)
	if err != nil {
		return 0, false
	}
	defer conn.Close()
	if gob.NewEncoder(conn).Encode(request{Args: args, GOARCH: build.Default.GOARCH}) != nil {
		return 0, false
	}
	var resp response
	if gob.NewDecoder(conn).Decode(&resp) != nil || resp.Declined {
		return 0, false
	}
	stdout.Write(resp.Stdout)
	stderr.Write(resp.Stderr)
	return resp.Code, true
}
