package lockcheck

import (
	"regexp"
	"strings"
	"sync"
)

// A docPattern is a case-insensitive regexp over comments, with words
// (in lower case) one of which every match contains: most comments
// contain none of them and are rejected without running the regexp,
// which is the expensive part on large packages.
type docPattern struct {
	re    func() *regexp.Regexp // compiled on first use: most vet tool processes never need it
	words []string
}

// lazyRegexp returns a function that compiles expr on its first call.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// mayMatch reports whether text contains one of the pattern's words.
func (p *docPattern) mayMatch(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range p.words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// match reports whether the pattern matches text.
func (p *docPattern) match(text string) bool {
	return p.mayMatch(text) && p.re().MatchString(text)
}

// claim matches comments in which the author states that an access
// needs no synchronization ("No need to lock because the reader has
// exited", "no need for an atomic read, we have exclusive access").
var claim = &docPattern{
	re:    lazyRegexp(`(?i)no\s+need\s+(to|for)|(don't|do\s+not)\s+need\s+(to|a|an)|exclusive|\bracy\b|benign`),
	words: []string{"need", "exclusive", "racy", "benign"},
}

// notConcurrent matches type docs that say the type is not safe for
// concurrent use.
var notConcurrent = &docPattern{
	re:    lazyRegexp(`(?i)not\s+(safe|designed)\s+for\s+concurrent|must\s+not\s+be\s+(used|called)\s+concurrently|not\s+concurrency[-\s]safe|not\s+goroutine[-\s]safe|not\s+thread[-\s]safe`),
	words: []string{"concurren", "goroutine", "thread"},
}

// holdDoc matches function docs that say the caller holds the lock or
// that the function is never called concurrently.
var holdDoc = &docPattern{
	re:    lazyRegexp(`(?i)(must\s+(already\s+)?(be\s+)?(hold|held|own)|callers?\s+(must\s+)?(hold|holds|own|owns|has|have|locks|locked)|(lock|mu|mutex)\w*\s+(is|are|must\s+be)\s+(held|locked)|(with|while)\s+[\w.]*\s*(lock|mu|mutex)\w*\s+(is\s+|being\s+)?(held|locked)|requires\s+[\w.]*(mu|lock))|(won't|will\s+not|cannot|can't|not)\s+be\s+(executed|called|run|used)\s+concurrent`),
	words: []string{"must", "caller", "held", "locked", "requires", "concurrent"},
}

// setupDoc matches function docs that confine calls to setup time, before
// any goroutine that could race with them runs ("can only be called
// before the server is started", "should be called at application start").
var setupDoc = &docPattern{
	re:    lazyRegexp(`(?i)called\s+(only\s+)?(before|prior\s+to)\s+(the\s+|any\s+|calling\s+)?[\w.()]+\s+((is|are|has|have)\s+(been\s+)?)?(start|started|serving|running|run|used|opened|connected|called)\b|called\s+(only\s+)?(at|during)\s+(application|program|process|server)?\s*(start|startup|initialization|init|setup)\b`),
	words: []string{"before", "prior", "start", "init", "setup"},
}
