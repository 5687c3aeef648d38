package calleespawn

import (
	"errors"
	"net"
)

// Client connects to the first server that answers.
type Client struct {
	servers []string
	conn    net.Conn
	buf     []byte
	n       int
}

// connect tries each server; a successful handshake starts the read
// loop and returns nil, and the loop breaks: the next server's setup,
// which resets the buffer, never runs while the loop does.
func (c *Client) connect() error {
	var err error
	for _, addr := range c.servers {
		if err = c.dial(addr); err == nil {
			err = c.handshake()
			if err == nil {
				break
			}
		}
	}
	return err
}

func (c *Client) dial(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c.conn, c.buf, c.n = conn, make([]byte, 4096), 0
	return nil
}

// handshake starts the read loop once the server is known to speak.
func (c *Client) handshake() error {
	if c.conn == nil {
		return errors.New("not connected")
	}
	go c.readLoop()
	return nil
}

func (c *Client) readLoop() {
	for {
		n, err := c.conn.Read(c.buf)
		if err != nil {
			return
		}
		c.n = n // want `write to field c.n in goroutine started at connect.go:\d+ races with write at connect.go:\d+`
	}
}

// serveConn hands a hijacked connection to its own goroutine and stops
// using it; the reset runs only when nothing was hijacked (the same
// condition, tested twice), but the final mark runs either way.
func serveConn(conn net.Conn, hijack func(net.Conn)) *Client {
	c := &Client{conn: conn}
	if hijack != nil {
		go c.readLoop()
	}
	if hijack == nil {
		c.n = 0
	}
	c.n = -1 // the goroutine's write is reported, with this one as the other access
	return c
}
