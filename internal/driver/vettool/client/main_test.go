//go:build unix

package main

import (
	"bytes"
	"net"
	"path/filepath"
	"testing"
)

// The wire format's example messages; internal/driver/vettool's
// wire_test.go decodes and encodes the same bytes on the server's side.
const (
	wantRequest  = "rcv1\x00\x00\x00\x03\x00\x00\x00\x05amd64\x00\x00\x00\x05-json\x00\x00\x00\x08/vet.cfg"
	wantResponse = "rcv1\x01\x00\x00\x00\x03\x00\x00\x00\x02{}\x00\x00\x00\x04warn"
)

func TestEncodeRequest(t *testing.T) {
	if got := string(encodeRequest([]string{"amd64", "-json", "/vet.cfg"})); got != wantRequest {
		t.Errorf("encodeRequest = %q, want %q", got, wantRequest)
	}
}

func TestReadResponse(t *testing.T) {
	served, code, stdout, stderr, err := readResponse(bytes.NewReader([]byte(wantResponse)))
	if err != nil || !served || code != 3 || string(stdout) != "{}" || string(stderr) != "warn" {
		t.Errorf("readResponse = %v, %d, %q, %q, %v; want true, 3, {}, warn, nil", served, code, stdout, stderr, err)
	}
	declined := "rcv1\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	if served, _, _, _, err := readResponse(bytes.NewReader([]byte(declined))); err != nil || served {
		t.Errorf("declined: served %v, err %v", served, err)
	}
	for _, bad := range []string{"", "rcv1\x01", "xxxx\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", "rcv1\x01\x00\x00\x00\x00\xff\xff\xff\xff"} {
		if _, _, _, _, err := readResponse(bytes.NewReader([]byte(bad))); err == nil {
			t.Errorf("readResponse(%q): no error", bad)
		}
	}
}

// TestForwardWithoutServer: with no server, one that cannot be reached,
// or arguments that are not a unit, the client leaves the run to
// racecheck, having printed nothing.
func TestForwardWithoutServer(t *testing.T) {
	unit := []string{"-json", filepath.Join(t.TempDir(), "vet.cfg")}
	for _, addr := range []string{"", filepath.Join(t.TempDir(), "nosocket")} {
		var stdout, stderr bytes.Buffer
		if code, ok := forward(addr, unit, &stdout, &stderr); ok || stdout.Len()+stderr.Len() > 0 {
			t.Errorf("server %q: forward = %d, %v, output %q %q; want false and nothing", addr, code, ok, stdout.String(), stderr.String())
		}
	}
	if _, ok := forward("/any", []string{"-V=full"}, new(bytes.Buffer), new(bytes.Buffer)); ok {
		t.Error("forward took -V=full, want it left to racecheck")
	}
}

// TestForward: the client sends its unit with the config path made
// absolute and prints the server's answer; a server that declines or
// hangs up leaves the unit to racecheck.
func TestForward(t *testing.T) {
	for _, tc := range []struct {
		answer string
		ok     bool
	}{
		{wantResponse, true},
		{"rcv1\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", false},
		{"", false},
	} {
		addr := filepath.Join(t.TempDir(), "s")
		ln, err := net.Listen("unix", addr)
		if err != nil {
			t.Skipf("no Unix domain sockets: %v", err)
		}
		got := make(chan []byte, 1)
		go func() {
			conn, err := ln.Accept()
			if err != nil {
				got <- nil
				return
			}
			defer conn.Close()
			buf := make([]byte, 4096)
			n, _ := conn.Read(buf)
			got <- buf[:n]
			conn.Write([]byte(tc.answer))
		}()
		t.Setenv("GOARCH", "amd64")
		t.Chdir("/")
		var stdout, stderr bytes.Buffer
		code, ok := forward(addr, []string{"-json", "vet.cfg"}, &stdout, &stderr)
		ln.Close()
		if req := string(<-got); req != wantRequest {
			t.Errorf("request %q, want %q", req, wantRequest)
		}
		if ok != tc.ok {
			t.Errorf("answer %q: forward ok = %v, want %v", tc.answer, ok, tc.ok)
		}
		if ok && (code != 3 || stdout.String() != "{}" || stderr.String() != "warn") {
			t.Errorf("forward = %d, %q, %q; want 3, {}, warn", code, stdout.String(), stderr.String())
		}
	}
}
