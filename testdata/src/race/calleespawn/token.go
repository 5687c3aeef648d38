package calleespawn

// A Token completes when an asynchronous operation does. Two kinds
// implement it, so a call through it is not followed.
type Token interface {
	Wait() bool
}

type connectToken struct{ done chan struct{} }

func (t *connectToken) Wait() bool { <-t.done; return true }

type publishToken struct{ done chan struct{} }

func (t *publishToken) Wait() bool { <-t.done; return true }

// An MQTTClient connects on a goroutine of its own and hands back a
// token that completes after the connection is stored.
type MQTTClient struct{ conn int }

func (c *MQTTClient) Connect() Token {
	t := &connectToken{done: make(chan struct{})}
	go c.connect(t)
	return t
}

func (c *MQTTClient) connect(t *connectToken) {
	c.conn = 1
	close(t.done)
}

// connectAndUse waits on the token before it uses the connection: the
// token's Wait is how the caller joins the goroutine.
func connectAndUse(c *MQTTClient) int {
	tok := c.Connect()
	tok.Wait()
	return c.conn
}

// A LazyClient is the same client used without waiting on the token.
type LazyClient struct{ conn int }

func (c *LazyClient) Connect() Token {
	t := &connectToken{done: make(chan struct{})}
	go c.connect(t)
	return t
}

func (c *LazyClient) connect(t *connectToken) {
	c.conn = 1 // want `write to field c.conn in goroutine started at token.go:\d+ \(by the call at token.go:\d+\) races with read at token.go:\d+`
	close(t.done)
}

// connectAndPeek reads the connection without waiting on the token.
func connectAndPeek(c *LazyClient) int {
	c.Connect()
	return c.conn
}
