// want package:`Greeter.Hello: waits\(-1\) signals\(-1\)\}$`

// Package ioorder shows goroutines ordered with their parent through I/O:
// a fake server sets err before it writes its greeting, and the client
// reads err only after a blocking read of that greeting (directly, or in
// a same-package helper); the race detector orders every read from a
// connection after the writes before it, so this is not a race (not
// reported). What the server does after its write is not ordered
// (reported).
package ioorder

import (
	"bufio"
	"io"
	"net"
)

// serve accepts one client and greets it.
func serve(l net.Listener) (greeted int) {
	var conn net.Conn
	var err error
	go func() {
		conn, err = l.Accept()
		if err != nil {
			return
		}
		conn.Write([]byte("INFO {}\r\n"))
	}()
	c, dialErr := net.Dial("tcp", l.Addr().String())
	if dialErr != nil {
		return 0
	}
	defer c.Close()
	line, readErr := bufio.NewReader(c).ReadString('\n')
	if readErr != nil || err != nil {
		return 0
	}
	return len(line)
}

// readGreeting reads the server's first line.
func readGreeting(c net.Conn) (string, error) {
	buf := make([]byte, 64)
	n, err := io.ReadAtLeast(c, buf, 1)
	return string(buf[:n]), err
}

// handshake reads the greeting in a helper.
func handshake(l net.Listener, c net.Conn) string {
	var sent string
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		sent = "INFO"
		conn.Write([]byte(sent + "\r\n"))
	}()
	got, err := readGreeting(c)
	if err != nil {
		return ""
	}
	sent = got
	return sent
}

// afterWrite counts greetings after writing one: the count is not
// ordered with the client's read.
func afterWrite(l net.Listener, c net.Conn) int {
	greetings := 0
	go func() {
		conn, err := l.Accept()
		if err != nil {
			return
		}
		conn.Write([]byte("INFO\r\n"))
		greetings++ // want `write to captured variable greetings in goroutine started at ioorder.go:\d+ races with read at ioorder.go:\d+`
	}()
	if _, err := readGreeting(c); err != nil {
		return 0
	}
	return greetings
}

// Greeter talks to a server.
type Greeter struct{ conn net.Conn }

// Hello writes a greeting and reads the answer.
func (g *Greeter) Hello() (string, error) {
	if _, err := g.conn.Write([]byte("HELLO\r\n")); err != nil {
		return "", err
	}
	return readGreeting(g.conn)
}
