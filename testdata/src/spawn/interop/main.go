// Command interop fetches the URLs given on its command line, grouped by
// server, as x/net's QUIC interop client does: one goroutine per server
// is per peer (not reported), one goroutine per URL is per input.
package main

import (
	"flag"
	"net"
	"net/url"
	"sync"
)

func main() {
	flag.Parse()
	fetchAll(flag.Args())
}

func fetchAll(urls []string) {
	byAuthority := map[string][]*url.URL{}
	for _, s := range urls {
		u, addr, err := parseURL(s)
		if err != nil {
			continue
		}
		byAuthority[addr] = append(byAuthority[addr], u)
	}
	var g sync.WaitGroup
	for addr, us := range byAuthority {
		g.Add(1)
		go func() {
			defer g.Done()
			fetchFrom(addr, us)
		}()
	}
	g.Wait()
}

// parseURL returns a URL and the address of its server.
func parseURL(s string) (u *url.URL, authority string, err error) {
	u, err = url.Parse(s)
	if err != nil {
		return nil, "", err
	}
	port := u.Port()
	if port == "" {
		port = "443"
	}
	authority = net.JoinHostPort(u.Hostname(), port)
	return u, authority, nil
}

func fetchFrom(addr string, urls []*url.URL) {
	var g sync.WaitGroup
	for _, u := range urls {
		g.Add(1)
		go func() { // want `one goroutine per element of urls`
			defer g.Done()
			fetchOne(addr, u)
		}()
	}
	g.Wait()
}

func fetchOne(string, *url.URL) {}
