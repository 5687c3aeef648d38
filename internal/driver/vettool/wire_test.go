package vettool

import (
	"bytes"
	"reflect"
	"testing"
)

// The wire format's example messages, the bytes the client's tests
// (client/main_test.go) encode and decode on its side.
const (
	exampleRequest  = "rcv1\x00\x00\x00\x03\x00\x00\x00\x05amd64\x00\x00\x00\x05-json\x00\x00\x00\x08/vet.cfg"
	exampleResponse = "rcv1\x01\x00\x00\x00\x03\x00\x00\x00\x02{}\x00\x00\x00\x04warn"
	declinedMessage = "rcv1\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
)

func TestReadRequest(t *testing.T) {
	got, err := readRequest(bytes.NewReader([]byte(exampleRequest)))
	want := request{GOARCH: "amd64", Args: []string{"-json", "/vet.cfg"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("readRequest = %+v, %v; want %+v", got, err, want)
	}
	for _, bad := range []string{
		"",
		"rcv1",
		"rcv1\x00\x00\x00\x00",                  // no GOARCH
		"rcv2\x00\x00\x00\x01\x00\x00\x00\x00",  // another format
		"rcv1\x00\x01\x00\x01",                  // too many strings
		"rcv1\x00\x00\x00\x01\x00\x20\x00\x00",  // a string too long
		"rcv1\x00\x00\x00\x02\x00\x00\x00\x01a", // cut short
	} {
		if r, err := readRequest(bytes.NewReader([]byte(bad))); err == nil {
			t.Errorf("readRequest(%q) = %+v, no error", bad, r)
		}
	}
}

func TestWriteResponse(t *testing.T) {
	for _, tc := range []struct {
		resp response
		want string
	}{
		{response{Stdout: []byte("{}"), Stderr: []byte("warn"), Code: 3}, exampleResponse},
		{response{Declined: true}, declinedMessage},
	} {
		var buf bytes.Buffer
		if err := writeResponse(&buf, tc.resp); err != nil || buf.String() != tc.want {
			t.Errorf("writeResponse(%+v) = %q, %v; want %q", tc.resp, buf.String(), err, tc.want)
		}
	}
}

// FuzzReadRequest: any bytes decode to a request or an error, without
// a panic or an allocation beyond the format's limits.
func FuzzReadRequest(f *testing.F) {
	f.Add([]byte(exampleRequest))
	f.Add([]byte("rcv1\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := readRequest(bytes.NewReader(data))
		if err != nil {
			return
		}
		n := len(req.GOARCH)
		for _, a := range req.Args {
			n += len(a)
		}
		if n > len(data) {
			t.Errorf("decoded %d bytes of strings from %d bytes", n, len(data))
		}
	})
}
