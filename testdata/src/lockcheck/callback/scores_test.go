package callback

import "testing"

// WorkPieceFunc is the named callback type of a parallel helper.
type WorkPieceFunc func(piece int)

// parallelizeUntil hands pieces to workers that call the callback.
func parallelizeUntil(workers, pieces int, do WorkPieceFunc) {
	work := make(chan int, pieces)
	for i := 0; i < pieces; i++ {
		work <- i
	}
	close(work)
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			for p := range work {
				do(p)
			}
			done <- struct{}{}
		}()
	}
	for w := 0; w < workers; w++ {
		<-done
	}
}

// Every call of the literal rewrites every score, not its own piece's:
// two workers write the same elements.
func TestScoreAllNodes(t *testing.T) {
	configs := []int{1, 2, 3}
	scores := make([][]int, len(configs))
	for i := range configs {
		scores[i] = make([]int, 2)
	}
	scoreNode := func(node int) {
		for i := range configs {
			if scores[i][0] != 4 {
				scores[i] = []int{7, 8, 9} // want `scores\[i\] written without a lock in a function literal that callback.parallelizeUntil runs in concurrent goroutines`
			}
		}
	}
	parallelizeUntil(2, 2, scoreNode)
}

// Each call writes its own piece's element.
func TestScoreEachNode(t *testing.T) {
	scores := make([][]int, 4)
	scoreNode := func(node int) {
		scores[node] = []int{node, node * 2}
		for i := node * 2; i < node*2+2 && i < len(scores); i++ {
			_ = i
		}
	}
	parallelizeUntil(2, len(scores), scoreNode)
}

// Each call writes the rows of its own piece, found by a loop that
// starts at the piece.
func TestScoreRows(t *testing.T) {
	rows := make([]int, 8)
	scoreRows := func(piece int) {
		for i := piece * 2; i < piece*2+2; i++ {
			rows[i] = piece
		}
	}
	parallelizeUntil(2, 4, scoreRows)
}

// A requestHeader defaults its method on first use.
type requestHeader struct{ method []byte }

func (h *requestHeader) Method() []byte {
	if len(h.method) == 0 {
		h.method = append(h.method[:0], "GET"...) // want `h.method written without a lock by the call at scores_test.go:\d+ in a function literal that \(\*testing.B\).RunParallel runs in concurrent goroutines`
	}
	return h.method
}

// A responseHeader defaults its protocol on first use.
type responseHeader struct{ proto []byte }

func (h *responseHeader) Protocol() []byte {
	if len(h.proto) == 0 {
		h.proto = append(h.proto[:0], "HTTP/1.1"...)
	}
	return h.proto
}

// The header is built with its protocol: the default is never written.
func BenchmarkProtocolPreset(b *testing.B) {
	h := &responseHeader{proto: []byte("HTTP/2")}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h.Protocol()
		}
	})
}

// Every parallel goroutine may default the empty method at once.
func BenchmarkMethodDefault(b *testing.B) {
	h := &requestHeader{}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h.Method()
		}
	})
}
