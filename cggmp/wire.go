package cggmp

import (
	"encoding/binary"
	"errors"
)

// errWire reports a malformed message body.
var errWire = errors.New("cggmp: malformed message")

// maxField bounds one length-prefixed field: the largest proof (Πmod or
// Πprm at 3072 bits) is well below it.
const maxField = 1 << 20

// appendField appends len(b) (4 bytes, big-endian) and b.
func appendField(out, b []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
	return append(out, b...)
}

// splitFields parses exactly n length-prefixed fields and nothing else.
func splitFields(b []byte, n int) ([][]byte, error) {
	p, err := splitPrefix(b, n)
	if err != nil {
		return nil, err
	}
	if len(p.rest) != 0 {
		return nil, errWire
	}
	return p.fields, nil
}

// prefix is the result of splitPrefix.
type prefix struct {
	fields [][]byte
	rest   []byte
}

// splitPrefix reads n length-prefixed fields and returns the remainder.
func splitPrefix(b []byte, n int) (*prefix, error) {
	p := &prefix{fields: make([][]byte, 0, n)}
	for i := 0; i < n; i++ {
		if len(b) < 4 {
			return nil, errWire
		}
		l := binary.BigEndian.Uint32(b)
		if l > maxField || int(l) > len(b)-4 {
			return nil, errWire
		}
		p.fields = append(p.fields, b[4:4+l])
		b = b[4+l:]
	}
	p.rest = b
	return p, nil
}
