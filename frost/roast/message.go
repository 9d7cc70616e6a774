package roast

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/mosaic-mpc/mosaic/frost"
)

// FormatVersion is the first byte of every encoded message. A decoder
// refuses any other value, so a later format cannot be misread as this one.
const FormatVersion = 1

// MaxRunIDSize bounds the length of a run id in bytes.
const MaxRunIDSize = 64

// Message kinds, the second byte of every encoded message.
const (
	kindRequest  byte = 1
	kindResponse byte = 2
)

// headerSize is version, kind and the run id's length byte.
const headerSize = 3

// Request is the coordinator's message to each signer of a new session:
// sign the message of the run under the session's signing package (the
// paper's request carrying the session's signer set and presignature; in
// RFC 9591 terms, round two's input). The same package goes to every signer
// of the session.
type Request struct {
	// RunID is the run's id, 1 to MaxRunIDSize bytes.
	RunID []byte
	// Session numbers the session within the run, from 1.
	Session uint32
	// Package is the session's signing package: the message and one
	// commitment of each signer of the session.
	Package *frost.SigningPackage
}

// Response is a signer's message to the coordinator. Its first message of a
// run (Session 0) carries only the commitment for the signer's first
// session; every later one answers the request of Session with the
// signer's share and the commitment for its next session (the paper's
// signer output: a signature share and a fresh presignature).
type Response struct {
	// RunID is the run's id, 1 to MaxRunIDSize bytes.
	RunID []byte
	// Session is the session the share is for, or 0 for the first message.
	Session uint32
	// Share is the signature share for Session; nil if and only if Session
	// is 0.
	Share *frost.SignatureShare
	// Next is the signer's commitment for the next session it is asked
	// into. It and Share carry the signer's identifier.
	Next *frost.SigningCommitments
}

// clone returns a copy of r that shares only its immutable parts (the
// share and the commitment).
func (r *Response) clone() *Response {
	c := *r
	c.RunID = bytes.Clone(r.RunID)
	return &c
}

func checkRunID(id []byte) error {
	if len(id) == 0 || len(id) > MaxRunIDSize {
		return fmt.Errorf("run id of %d bytes, want 1 to %d", len(id), MaxRunIDSize)
	}
	return nil
}

// checkMessage refuses a message longer than a signing package can carry.
func checkMessage(m []byte) error {
	if uint64(len(m)) > math.MaxUint32 {
		return fmt.Errorf("%w: message of %d bytes", ErrConfig, len(m))
	}
	return nil
}

func appendHeader(out []byte, kind byte, runID []byte, session uint32) []byte {
	out = append(out, FormatVersion, kind, byte(len(runID)))
	out = append(out, runID...)
	return binary.BigEndian.AppendUint32(out, session)
}

// MarshalBinary encodes the request as
//
//	version (1 byte) || kind 1 (1 byte) || len(run id) (1 byte) || run id ||
//	session (4 bytes, big-endian) || signing package (frost encoding)
//
// which DecodeRequest reads. It fails on a request that DecodeRequest would
// refuse: a run id of the wrong length, session 0, or no package.
func (r *Request) MarshalBinary() ([]byte, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil request", ErrInvalidMessage)
	}
	if err := checkRunID(r.RunID); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidMessage, err)
	}
	if r.Session == 0 {
		return nil, fmt.Errorf("%w: request for session 0", ErrInvalidMessage)
	}
	if r.Package == nil || r.Package.Len() == 0 {
		return nil, fmt.Errorf("%w: request without a signing package", ErrInvalidMessage)
	}
	pkg := r.Package.Bytes()
	out := make([]byte, 0, headerSize+len(r.RunID)+4+len(pkg))
	out = appendHeader(out, kindRequest, r.RunID, r.Session)
	return append(out, pkg...), nil
}

// MarshalBinary encodes the response as
//
//	version (1 byte) || kind 2 (1 byte) || len(run id) (1 byte) || run id ||
//	session (4 bytes, big-endian) || [share, if session > 0] || commitment
//
// with the share in frost's SignatureShare encoding (identifier || z) and
// the commitment in RFC 9591's encoded_commitment form. DecodeResponse
// reads it. It fails on a response that DecodeResponse would refuse.
func (r *Response) MarshalBinary() ([]byte, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil response", ErrInvalidMessage)
	}
	if err := checkRunID(r.RunID); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidMessage, err)
	}
	if r.Next == nil || r.Next.Suite().Curve() == nil {
		return nil, fmt.Errorf("%w: response without a commitment", ErrInvalidMessage)
	}
	if (r.Session == 0) != (r.Share == nil) {
		return nil, fmt.Errorf("%w: a share belongs in every response but the first", ErrInvalidMessage)
	}
	var share []byte
	if r.Share != nil {
		// Only frost's constructors make a share with a valid suite, so
		// this also refuses a zero SignatureShare.
		if r.Share.Suite() != r.Next.Suite() {
			return nil, fmt.Errorf("%w: share of another suite, or not built by frost", ErrInvalidMessage)
		}
		if r.Share.Identifier() != r.Next.Identifier() {
			return nil, fmt.Errorf("%w: share and commitment of different signers", ErrInvalidMessage)
		}
		share = r.Share.Bytes()
	}
	next := r.Next.Bytes()
	out := make([]byte, 0, headerSize+len(r.RunID)+4+len(share)+len(next))
	out = appendHeader(out, kindResponse, r.RunID, r.Session)
	out = append(out, share...)
	return append(out, next...), nil
}

// decodeHeader reads version, kind, run id and session, and returns the
// rest of b.
func decodeHeader(b []byte, kind byte) (runID []byte, session uint32, rest []byte, err error) {
	if len(b) < headerSize {
		return nil, 0, nil, fmt.Errorf("%w: %d bytes", ErrInvalidMessage, len(b))
	}
	if b[0] != FormatVersion {
		return nil, 0, nil, fmt.Errorf("%w: format version %d, want %d", ErrInvalidMessage, b[0], FormatVersion)
	}
	if b[1] != kind {
		return nil, 0, nil, fmt.Errorf("%w: message kind %d, want %d", ErrInvalidMessage, b[1], kind)
	}
	n := int(b[2])
	if n == 0 || n > MaxRunIDSize {
		return nil, 0, nil, fmt.Errorf("%w: run id of %d bytes", ErrInvalidMessage, n)
	}
	b = b[headerSize:]
	if len(b) < n+4 {
		return nil, 0, nil, fmt.Errorf("%w: truncated header", ErrInvalidMessage)
	}
	return bytes.Clone(b[:n]), binary.BigEndian.Uint32(b[n:]), b[n+4:], nil
}

// DecodeRequest parses the encoding of Request.MarshalBinary. The version
// and kind must be this format's, the run id 1 to MaxRunIDSize bytes, the
// session at least 1, and the rest a signing package that
// frost.DecodeSigningPackage accepts (every commitment validated, entries
// strictly ascending, lengths accounting for every byte), so every request
// has one encoding.
func DecodeRequest(suite frost.Ciphersuite, b []byte) (*Request, error) {
	if suite.Curve() == nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, frost.ErrInvalidSuite)
	}
	runID, session, rest, err := decodeHeader(b, kindRequest)
	if err != nil {
		return nil, err
	}
	if session == 0 {
		return nil, fmt.Errorf("%w: request for session 0", ErrInvalidMessage)
	}
	pkg, err := frost.DecodeSigningPackage(suite, rest)
	if err != nil {
		return nil, fmt.Errorf("%w: signing package: %w", ErrInvalidMessage, err)
	}
	return &Request{RunID: runID, Session: session, Package: pkg}, nil
}

// DecodeResponse parses the encoding of Response.MarshalBinary. The version
// and kind must be this format's, the run id 1 to MaxRunIDSize bytes; a
// share follows exactly when the session is not 0 and is decoded with
// frost.DecodeSignatureShare, the commitment with
// frost.DecodeSigningCommitments (canonical scalars and points, non-zero
// identifier; SECURITY.md cases 21 and 23), and both must carry the same
// identifier. The lengths must account for every byte. The receiver must
// still check that the identifier is the sender's.
func DecodeResponse(suite frost.Ciphersuite, b []byte) (*Response, error) {
	c := suite.Curve()
	if c == nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, frost.ErrInvalidSuite)
	}
	runID, session, rest, err := decodeHeader(b, kindResponse)
	if err != nil {
		return nil, err
	}
	shareSize, commitSize := 2*c.ScalarSize(), c.ScalarSize()+2*c.PointSize()
	want := commitSize
	if session != 0 {
		want += shareSize
	}
	if len(rest) != want {
		return nil, fmt.Errorf("%w: response body of %d bytes, want %d", ErrInvalidMessage, len(rest), want)
	}
	r := &Response{RunID: runID, Session: session}
	if session != 0 {
		if r.Share, err = frost.DecodeSignatureShare(suite, rest[:shareSize]); err != nil {
			return nil, fmt.Errorf("%w: share: %w", ErrInvalidMessage, err)
		}
		rest = rest[shareSize:]
	}
	if r.Next, err = frost.DecodeSigningCommitments(suite, rest); err != nil {
		return nil, fmt.Errorf("%w: commitment: %w", ErrInvalidMessage, err)
	}
	if r.Share != nil && r.Share.Identifier() != r.Next.Identifier() {
		return nil, fmt.Errorf("%w: share of signer %s with the commitment of signer %s", ErrInvalidMessage, r.Share.Identifier(), r.Next.Identifier())
	}
	return r, nil
}
