package funcvalues

import "sync"

// retry runs op until it succeeds or the attempts run out, through a
// helper, as client libraries retry a token refresh: op runs on the
// caller's goroutine, two calls down.
func retry(attempts int, op func() error) error {
	return withBackoff(attempts, func() error { return op() })
}

func withBackoff(attempts int, op func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}

type tokenSource struct {
	mu      sync.Mutex
	token   string
	guarded string
}

func (ts *tokenSource) refresh() {
	_ = retry(3, func() error {
		ts.token = fetchToken() // want `write to field ts.token in goroutine started at retry.go:\d+ races with read at retry.go:\d+`
		return nil
	})
}

func (ts *tokenSource) refreshLocked() {
	_ = retry(3, func() error {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		ts.guarded = fetchToken()
		return nil
	})
}

func fetchToken() string { return "token" }

func authorize() string {
	ts := &tokenSource{}
	go ts.refresh()
	return ts.token
}

func authorizeLocked() string {
	ts := &tokenSource{}
	go ts.refreshLocked()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.guarded
}
