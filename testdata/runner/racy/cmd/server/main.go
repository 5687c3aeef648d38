// Command server is a racy long-running program for racecheck run -exec:
// it updates a counter from a ticker goroutine and reads it from main
// without synchronization, until it is interrupted.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

var requests int

func main() {
	go func() {
		for range time.Tick(5 * time.Millisecond) {
			requests++
		}
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	fmt.Println("served", requests, "requests")
}
