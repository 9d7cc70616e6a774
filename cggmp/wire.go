package cggmp

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
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

// appendFields appends every field of fields with appendField.
func appendFields(out []byte, fields ...[]byte) []byte {
	for _, f := range fields {
		out = appendField(out, f)
	}
	return out
}

// splitFields parses exactly n length-prefixed fields and nothing else.
func splitFields(b []byte, n int) ([][]byte, error) {
	p, err := splitPrefix(b, n)
	if err != nil {
		return nil, err
	}
	if len(p.rest) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after %d fields", errWire, len(p.rest), n)
	}
	return p.fields, nil
}

// fieldReader reads a message's length-prefixed fields in order, each
// decoded and validated as it is read; the first error sticks, naming its
// field.
type fieldReader struct {
	fields [][]byte
	err    error
}

// readFields splits b into exactly n fields for a fieldReader.
func readFields(b []byte, n int) (*fieldReader, error) {
	f, err := splitFields(b, n)
	if err != nil {
		return nil, err
	}
	return &fieldReader{fields: f}, nil
}

// bytes returns the next field as it is (a proof, which package zk decodes
// against its statement).
func (r *fieldReader) bytes() []byte {
	b := r.fields[0]
	r.fields = r.fields[1:]
	return b
}

// list returns the next n fields as they are.
func (r *fieldReader) list(n int) [][]byte {
	l := r.fields[:n:n]
	r.fields = r.fields[n:]
	return l
}

// ciphertext decodes the next field as a ciphertext under pk: in Z*_{N²}.
func (r *fieldReader) ciphertext(pk *paillier.PublicKey, name string) *paillier.Ciphertext {
	ct, err := pk.DecodeCiphertext(r.bytes())
	r.fail(name, err)
	return ct
}

// point decodes the next field as a point of c other than the identity.
func (r *fieldReader) point(c curve.Curve, name string) curve.Point {
	p, err := c.DecodePoint(r.bytes(), false)
	r.fail(name, err)
	return p
}

// scalar decodes the next field as a canonical scalar of c.
func (r *fieldReader) scalar(c curve.Curve, name string) curve.Scalar {
	s, err := c.DecodeScalar(r.bytes())
	r.fail(name, err)
	return s
}

func (r *fieldReader) fail(name string, err error) {
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("%s: %w", name, err)
	}
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
			return nil, fmt.Errorf("%w: field %d of %d missing", errWire, i+1, n)
		}
		l := binary.BigEndian.Uint32(b)
		if l > maxField || int(l) > len(b)-4 {
			return nil, fmt.Errorf("%w: field %d of %d bytes, %d left", errWire, i+1, l, len(b)-4)
		}
		p.fields = append(p.fields, b[4:4+l])
		b = b[4+l:]
	}
	p.rest = b
	return p, nil
}

// messageVersion is the first byte of every message of this package's
// protocols (an envelope); a message of another version is malformed. The
// protocol names (AuxProtocol and the others) carry the version too: a
// change of this byte bumps them all.
const messageVersion = 1

// The kinds of envelope, its second byte.
const (
	// kindRegular: the round's own message; the body is its typed encoding.
	kindRegular byte = 0
	// kindComplaint: the parties whose previous-round message failed this
	// party's checks, a complaint list of package internal/complaint
	// (a 2-byte count, then 4 bytes each, in increasing order).
	kindComplaint byte = 1
	// kindPending: a complaint was seen and is judged next round; no body.
	kindPending byte = 2
	// kindClaim: an identification claim (presigning round 4).
	kindClaim byte = 3
)

// envelope is one message of aux-info, presigning or signing:
//
//	version(1) = messageVersion | kind(1) | body
//
// Aux-info and presigning broadcast every message in an envelope (a round's
// own message, a complaint, its acknowledgement or an identification
// claim); signing sends its partial signatures in regular ones.
type envelope struct {
	kind    byte
	body    []byte              // kindRegular, kindClaim
	accused []transport.PartyID // kindComplaint
}

func regularEnvelope(body []byte) envelope { return envelope{kind: kindRegular, body: body} }

func claimEnvelope(body []byte) envelope { return envelope{kind: kindClaim, body: body} }

func pendingEnvelope() envelope { return envelope{kind: kindPending} }

func complaintEnvelope(accused []transport.PartyID) envelope {
	return envelope{kind: kindComplaint, accused: transport.SortedCopy(accused)}
}

// MarshalBinary encodes e; it never fails.
func (e envelope) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 2+len(e.body)+4*len(e.accused))
	out = append(out, messageVersion, e.kind)
	switch e.kind {
	case kindComplaint:
		out = append(out, complaint.EncodeList(e.accused)...)
	case kindPending:
	default:
		out = append(out, e.body...)
	}
	return out, nil
}

// decodeEnvelope parses sender's message strictly: the version, a known
// kind, no body in an acknowledgement, and a complaint naming at least one
// party of parties other than its sender, in increasing order
// (complaint.DecodeList).
func decodeEnvelope(b []byte, sender transport.PartyID, parties []transport.PartyID) (envelope, error) {
	if len(b) < 2 {
		return envelope{}, fmt.Errorf("%w: message of %d bytes", errWire, len(b))
	}
	if b[0] != messageVersion {
		return envelope{}, fmt.Errorf("%w: message version %d, this party reads version %d", errWire, b[0], messageVersion)
	}
	e := envelope{kind: b[1]}
	rest := b[2:]
	switch e.kind {
	case kindRegular, kindClaim:
		e.body = rest
	case kindPending:
		if len(rest) != 0 {
			return envelope{}, fmt.Errorf("%w: acknowledgement with a body", errWire)
		}
	case kindComplaint:
		accused, err := complaint.DecodeList(rest, parties, sender)
		if err != nil {
			return envelope{}, fmt.Errorf("%w: %w", errWire, err)
		}
		if len(accused) == 0 {
			return envelope{}, fmt.Errorf("%w: complaint naming no one", errWire)
		}
		e.accused = accused
	default:
		return envelope{}, fmt.Errorf("%w: unknown kind %d", errWire, e.kind)
	}
	return e, nil
}

// confirmation is the last round's message of aux-info and presigning when
// every check passed: it says so, and carries nothing.
type confirmation struct{}

// MarshalBinary encodes the confirmation: no bytes.
func (confirmation) MarshalBinary() ([]byte, error) { return nil, nil }

// decodeConfirmation refuses a confirmation with a body.
func decodeConfirmation(b []byte) error {
	if len(b) != 0 {
		return fmt.Errorf("%w: confirmation with a body", errWire)
	}
	return nil
}
