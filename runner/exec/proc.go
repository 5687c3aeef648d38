package exec

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"time"
)

// A Peak is the highest thread count and resident memory seen while a
// process ran. Sampled is false where /proc is not available (not
// Linux): then the numbers are zero, not measured.
type Peak struct {
	Threads int  `json:"threads"`
	RSSKB   int  `json:"rss_kb"`
	Sampled bool `json:"sampled"`
}

// sampleEvery is the sampling period: short enough to catch a burst of
// threads that live a few tens of milliseconds.
const sampleEvery = 5 * time.Millisecond

type sampler struct {
	quit chan struct{}
	done chan Peak
}

// startSampler polls /proc/PID/status until stop.
func startSampler(pid int) *sampler {
	s := &sampler{quit: make(chan struct{}), done: make(chan Peak, 1)}
	path := "/proc/" + strconv.Itoa(pid) + "/status"
	go func() {
		var peak Peak
		tick := time.NewTicker(sampleEvery)
		defer tick.Stop()
		for {
			if threads, rss, ok := readStatus(path); ok {
				peak.Sampled = true
				peak.Threads = max(peak.Threads, threads)
				peak.RSSKB = max(peak.RSSKB, rss)
			}
			select {
			case <-s.quit:
				s.done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *sampler) stop() Peak {
	close(s.quit)
	return <-s.done
}

// readStatus reads the Threads and VmRSS (kB) lines of a status file.
func readStatus(path string) (threads, rssKB int, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, found := bytes.Cut(sc.Bytes(), []byte(":"))
		if !found {
			continue
		}
		fields := bytes.Fields(v)
		if len(fields) == 0 {
			continue
		}
		n, err := strconv.Atoi(string(fields[0]))
		if err != nil {
			continue
		}
		switch string(k) {
		case "Threads":
			threads, ok = n, true
		case "VmRSS":
			rssKB = n
		}
	}
	return threads, rssKB, ok
}
