package globals

import (
	"net/http"
	"time"
)

// The shape that crashed lockcheck on nats-server: a function literal
// registered as an HTTP handler (an entry with no declared object)
// touches a global that a background goroutine writes. The closure is
// not an exported API function, so it is not judged by the
// global-var-shared rule; it must not crash the analyzer either.

var lastScrape time.Time

func scraper() {
	for {
		lastScrape = time.Now()
		time.Sleep(time.Minute)
	}
}

// Serve starts the scraper and a status page.
func Serve(addr string) error {
	go scraper()
	mux := http.NewServeMux()
	mux.HandleFunc("/status", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(lastScrape.String()))
	})
	return http.ListenAndServe(addr, mux)
}
