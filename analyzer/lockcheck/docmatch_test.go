package lockcheck

import "testing"

// TestDocPatternWords checks that the word prefilter never rejects text
// the regexp matches, on the phrasings the patterns are meant for.
func TestDocPatternWords(t *testing.T) {
	tests := []struct {
		p    *docPattern
		text string
		want bool
	}{
		{claim, "No need to lock: the reader has exited.", true},
		{claim, "we do not need a lock, we have Exclusive access", true},
		{claim, "This read is RACY but benign.", true},
		{claim, "Lock the mutex before reading.", false},
		{notConcurrent, "A Decoder is Not Safe for Concurrent use.", true},
		{notConcurrent, "Methods must not be called concurrently.", true},
		{notConcurrent, "It is not thread-safe.", true},
		{notConcurrent, "It is not goroutine safe.", true},
		{notConcurrent, "Safe for concurrent use by multiple goroutines.", false},
		{holdDoc, "c.mu must be held.", true},
		{holdDoc, "The Caller holds mu.", true},
		{holdDoc, "Callers must hold s.mu.", true},
		{holdDoc, "Called while the lock is held.", true},
		{holdDoc, "requires p.mu", true},
		{holdDoc, "It will not be called concurrently.", true},
		{holdDoc, "Get returns the value for k.", false},
		{setupDoc, "This function can only be called before the server is started.", true},
		{setupDoc, "Note that this is not thread safe and should be called at application start", true},
		{setupDoc, "It must be called before Serve is called.", true},
		{setupDoc, "Must be called prior to any Start.", true},
		{setupDoc, "SetLogger set custom log. Use with VoidLogger to disable logging.", false},
		{setupDoc, "Start must be called before using the client.", false},
	}
	for _, tt := range tests {
		if got := tt.p.match(tt.text); got != tt.want {
			t.Errorf("%s.match(%q) = %v, want %v", tt.p.re(), tt.text, got, tt.want)
		}
		if re := tt.p.re().MatchString(tt.text); re && !tt.p.mayMatch(tt.text) {
			t.Errorf("prefilter rejects %q, which %s matches", tt.text, tt.p.re())
		}
	}
}
