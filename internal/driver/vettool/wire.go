package vettool

import (
	"encoding/binary"
	"errors"
	"io"
)

// The server's side of the wire format the client documents
// (client/main.go): it reads requests and writes responses.

const (
	magic       = "rcv1"
	maxStrings  = 1 << 16 // strings in a request
	maxArgBytes = 1 << 20 // bytes in one of them
)

// A request is a tool run's command line.
type request struct {
	Args   []string // without the program name; the config path absolute
	GOARCH string   // the run's GOARCH (type sizes)
}

// A response is what the tool run prints and its exit code, or Declined.
type response struct {
	Declined       bool
	Stdout, Stderr []byte
	Code           int
}

var errWire = errors.New("not a vet client request")

// readRequest reads a request from r.
func readRequest(r io.Reader) (request, error) {
	var head [len(magic) + 4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return request{}, err
	}
	n := binary.BigEndian.Uint32(head[len(magic):])
	if string(head[:len(magic)]) != magic || n == 0 || n > maxStrings {
		return request{}, errWire
	}
	strs := make([]string, n)
	for i := range strs {
		var size [4]byte
		if _, err := io.ReadFull(r, size[:]); err != nil {
			return request{}, err
		}
		m := binary.BigEndian.Uint32(size[:])
		if m > maxArgBytes {
			return request{}, errWire
		}
		b := make([]byte, m)
		if _, err := io.ReadFull(r, b); err != nil {
			return request{}, err
		}
		strs[i] = string(b)
	}
	return request{GOARCH: strs[0], Args: strs[1:]}, nil
}

// writeResponse writes resp to w.
func writeResponse(w io.Writer, resp response) error {
	served := byte(1)
	if resp.Declined {
		served = 0
	}
	b := append([]byte(magic), served)
	b = binary.BigEndian.AppendUint32(b, uint32(int32(resp.Code)))
	b = binary.BigEndian.AppendUint32(b, uint32(len(resp.Stdout)))
	b = append(b, resp.Stdout...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(resp.Stderr)))
	b = append(b, resp.Stderr...)
	_, err := w.Write(b)
	return err
}
