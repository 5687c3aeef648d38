//go:build unix

// Command client is the go vet tool that racecheck's commands give go
// vet when they analyze its units in their own process (package vettool,
// serve.go). go vet starts a tool process per package; this program
// starts in a fraction of the time racecheck's own executable takes
// (see BENCHMARKS.md, "A small vet client"), sends its unit to the
// server named in RACECHECK_VETSERVER and prints what the server
// answers. Anything else (-V=full, -flags, a unit the server declines or
// that cannot reach it) it leaves to racecheck itself, named in
// RACECHECK_VETTOOL, which it runs in its place, so go vet's cache keys
// and every output are racecheck's own.
//
// racecheck builds this file with the go command, outside any module,
// once per version of it (vettool.Client): it imports only the standard
// library, and no package that needs cgo. Where a C compiler is at hand,
// racecheck uses c/client.c instead, the same program in C, which starts
// faster; the two must behave alike.
//
// The wire format, over a Unix socket, one unit per connection: a
// request is the magic "rcv1", a uint32 count n and n strings, each a
// uint32 length and its bytes: the run's GOARCH, then its arguments
// (without the program name; the config path absolute). A response is
// "rcv1", a byte (1 if the unit was analyzed, 0 if declined), the exit
// code as a uint32, then stdout and stderr as length-prefixed strings.
// Integers are big-endian.
package main

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

const (
	serverEnv = "RACECHECK_VETSERVER" // the server's socket
	toolEnv   = "RACECHECK_VETTOOL"   // racecheck's executable
	magic     = "rcv1"
	maxOutput = 1 << 30 // bytes of stdout or stderr accepted from the server
)

func main() {
	tool := os.Getenv(toolEnv)
	if tool == "" {
		os.Stderr.WriteString("racecheck vet client: " + toolEnv + " is not set (the client is started by racecheck's commands only)\n")
		os.Exit(2)
	}
	args := os.Args[1:]
	if code, ok := forward(os.Getenv(serverEnv), args, os.Stdout, os.Stderr); ok {
		os.Exit(code)
	}
	err := syscall.Exec(tool, append([]string{tool}, args...), os.Environ())
	os.Stderr.WriteString("racecheck vet client: running " + tool + ": " + err.Error() + "\n")
	os.Exit(2)
}

// forward hands the unit of the tool run with arguments args to the
// server at addr, writes what it printed and returns its exit code and
// true; false if args are not a unit, or the server declined it or could
// not be reached, and racecheck should run it.
func forward(addr string, args []string, stdout, stderr io.Writer) (int, bool) {
	if addr == "" || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return 0, false
	}
	cfg, err := filepath.Abs(args[len(args)-1])
	if err != nil {
		return 0, false
	}
	args = append(args[:len(args)-1:len(args)-1], cfg)
	conn, err := dial(addr)
	if err != nil {
		return 0, false
	}
	defer conn.Close()
	goarch := os.Getenv("GOARCH")
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	if _, err := conn.Write(encodeRequest(append([]string{goarch}, args...))); err != nil {
		return 0, false
	}
	served, code, out, errOut, err := readResponse(conn)
	if err != nil || !served {
		return 0, false
	}
	stdout.Write(out)
	stderr.Write(errOut)
	return code, true
}

// dial connects to the Unix socket addr.
func dial(addr string) (*os.File, error) {
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Connect(fd, &syscall.SockaddrUnix{Name: addr}); err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return os.NewFile(uintptr(fd), addr), nil
}

// encodeRequest returns the request for strs (GOARCH, then arguments).
func encodeRequest(strs []string) []byte {
	b := binary.BigEndian.AppendUint32([]byte(magic), uint32(len(strs)))
	for _, s := range strs {
		b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return b
}

// readResponse reads a response from r.
func readResponse(r io.Reader) (served bool, code int, stdout, stderr []byte, err error) {
	var head [len(magic) + 5]byte
	if _, err = io.ReadFull(r, head[:]); err != nil {
		return
	}
	if string(head[:len(magic)]) != magic {
		err = errors.New("not a vet server response")
		return
	}
	served = head[len(magic)] == 1
	code = int(int32(binary.BigEndian.Uint32(head[len(magic)+1:])))
	if stdout, err = readBytes(r); err == nil {
		stderr, err = readBytes(r)
	}
	return
}

// readBytes reads a length-prefixed string from r.
func readBytes(r io.Reader) ([]byte, error) {
	var n [4]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return nil, err
	}
	size := binary.BigEndian.Uint32(n[:])
	if size > maxOutput {
		return nil, errors.New("vet server response too long")
	}
	b := make([]byte, size)
	_, err := io.ReadFull(r, b)
	return b, err
}
