package frost

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
)

// SigningPackage is what a coordinator sends each signer in round two
// (RFC 9591 section 5.2): the commitment list, sorted by identifier, and the
// message. NewSigningPackage and DecodeSigningPackage validate it; the zero
// value is invalid. It is immutable and safe for concurrent use. It
// remembers the binding factors, group commitment and challenge derived for
// the last group key it was used with, so a party that both signs and
// aggregates one package (or several in-process signers sharing it) derives
// them once.
type SigningPackage struct {
	suite       Ciphersuite
	commitments []*SigningCommitments // ascending by identifier, no duplicates
	message     []byte
	encodedList []byte // encode_group_commitment_list, computed once

	mu  sync.Mutex
	ctx *signingContext // derived values for ctx.key; read-only once built
}

// NewSigningPackage validates and sorts a commitment list. It rejects an
// empty list, more than MaxSigners entries, commitments of another suite or
// not built by this package's constructors, and duplicate identifiers
// (SECURITY.md case 21). Whether the list is long enough and contains a
// given signer is checked by Sign and Aggregate, which know the key. The
// message is copied.
func NewSigningPackage(suite Ciphersuite, commitments []*SigningCommitments, message []byte) (*SigningPackage, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	if len(commitments) == 0 || len(commitments) > MaxSigners {
		return nil, fmt.Errorf("%w: %d commitments", ErrInvalidParameters, len(commitments))
	}
	if uint64(len(message)) > math.MaxUint32 {
		return nil, fmt.Errorf("%w: message of %d bytes", ErrInvalidParameters, len(message))
	}
	list := make([]*SigningCommitments, len(commitments))
	for i, sc := range commitments {
		if !sc.valid() {
			return nil, fmt.Errorf("%w: entry %d not built by NewSigningCommitments", ErrInvalidCommitment, i)
		}
		if sc.suite != suite {
			return nil, fmt.Errorf("%w: commitments of signer %s are for %s", ErrSuiteMismatch, sc.id, sc.suite)
		}
		list[i] = sc
	}
	slices.SortFunc(list, func(a, b *SigningCommitments) int { return a.id.Compare(b.id) })
	for i := 1; i < len(list); i++ {
		if list[i-1].id == list[i].id {
			return nil, fmt.Errorf("%w: %s", ErrDuplicateIdentifier, list[i].id)
		}
	}
	return newSortedPackage(suite, list, bytes.Clone(message)), nil
}

func newSortedPackage(suite Ciphersuite, list []*SigningCommitments, message []byte) *SigningPackage {
	var encLen int
	for _, sc := range list {
		encLen += len(sc.enc)
	}
	enc := make([]byte, 0, encLen)
	for _, sc := range list {
		enc = append(enc, sc.enc...)
	}
	if message == nil {
		message = []byte{}
	}
	return &SigningPackage{suite: suite, commitments: list, message: message, encodedList: enc}
}

// Suite returns the package's ciphersuite.
//
// The accessors of a nil SigningPackage return zero values (and Bytes
// nil), never panic.
func (p *SigningPackage) Suite() Ciphersuite {
	if p == nil {
		return Ciphersuite{}
	}
	return p.suite
}

// Message returns a copy of the message to sign.
func (p *SigningPackage) Message() []byte {
	if p == nil {
		return nil
	}
	return bytes.Clone(p.message)
}

// Len returns the number of signers.
func (p *SigningPackage) Len() int {
	if p == nil {
		return 0
	}
	return len(p.commitments)
}

// Commitments returns the commitment list in ascending identifier order.
func (p *SigningPackage) Commitments() []*SigningCommitments {
	if p == nil {
		return nil
	}
	return slices.Clone(p.commitments)
}

// Identifiers returns the signers' identifiers in ascending order (RFC 9591
// participants_from_commitment_list).
func (p *SigningPackage) Identifiers() []Identifier {
	if p == nil {
		return nil
	}
	ids := make([]Identifier, len(p.commitments))
	for i, sc := range p.commitments {
		ids[i] = sc.id
	}
	return ids
}

// Commitment returns signer id's commitments.
func (p *SigningPackage) Commitment(id Identifier) (*SigningCommitments, bool) {
	if p == nil {
		return nil, false
	}
	i, ok := p.index(id)
	if !ok {
		return nil, false
	}
	return p.commitments[i], true
}

func (p *SigningPackage) index(id Identifier) (int, bool) {
	return slices.BinarySearchFunc(p.commitments, id, func(sc *SigningCommitments, id Identifier) int {
		return sc.id.Compare(id)
	})
}

// context returns the binding factors, group commitment and challenge of
// the package under key (RFC 9591 sections 4.4 to 4.6), computing them on
// first use. They are a deterministic function of the package and the key,
// both immutable, so reuse is exact.
func (p *SigningPackage) context(key signingKey) (*signingContext, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ctx != nil && p.ctx.key.negated == key.negated && bytes.Equal(p.ctx.key.enc, key.enc) {
		return p.ctx, nil
	}
	sc, err := newSigningContext(p.suite, p, key)
	if err != nil {
		return nil, err
	}
	p.ctx = sc
	return sc, nil
}

func (p *SigningPackage) valid() bool { return p != nil && p.suite.valid() && len(p.commitments) > 0 }

// Bytes encodes the package as
//
//	count (2 bytes, big-endian) || count encoded_commitment entries in
//	ascending identifier order || len(message) (4 bytes, big-endian) || message
//
// which is the form DecodeSigningPackage reads.
func (p *SigningPackage) Bytes() []byte {
	if p == nil {
		return nil
	}
	out := make([]byte, 0, 2+len(p.encodedList)+4+len(p.message))
	out = binary.BigEndian.AppendUint16(out, uint16(len(p.commitments)))
	out = append(out, p.encodedList...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(p.message)))
	return append(out, p.message...)
}

// DecodeSigningPackage parses the encoding of SigningPackage.Bytes. Every
// commitment is decoded with DecodeSigningCommitments; the count must be in
// [1, MaxSigners], the entries strictly ascending by identifier (so a
// duplicate is rejected and every package has one encoding), and the lengths
// must account for every byte.
func DecodeSigningPackage(suite Ciphersuite, b []byte) (*SigningPackage, error) {
	if err := suite.check(); err != nil {
		return nil, err
	}
	c := suite.Curve()
	size := c.ScalarSize() + 2*c.PointSize()
	if len(b) < 2 {
		return nil, fmt.Errorf("%w: signing package of %d bytes", ErrInvalidEncoding, len(b))
	}
	count := int(binary.BigEndian.Uint16(b))
	if count == 0 || count > MaxSigners {
		return nil, fmt.Errorf("%w: %d commitments", ErrInvalidEncoding, count)
	}
	rest := b[2:]
	if len(rest) < count*size+4 {
		return nil, fmt.Errorf("%w: signing package truncated", ErrInvalidEncoding)
	}
	list := make([]*SigningCommitments, count)
	for i := range list {
		sc, err := DecodeSigningCommitments(suite, rest[i*size:(i+1)*size])
		if err != nil {
			return nil, fmt.Errorf("commitment %d: %w", i, err)
		}
		if i > 0 {
			switch list[i-1].id.Compare(sc.id) {
			case 0:
				return nil, fmt.Errorf("%w: %s", ErrDuplicateIdentifier, sc.id)
			case 1:
				return nil, fmt.Errorf("%w: commitments not in ascending identifier order", ErrInvalidEncoding)
			}
		}
		list[i] = sc
	}
	rest = rest[count*size:]
	msgLen := binary.BigEndian.Uint32(rest)
	rest = rest[4:]
	if uint64(msgLen) != uint64(len(rest)) {
		return nil, fmt.Errorf("%w: message length %d with %d bytes left", ErrInvalidEncoding, msgLen, len(rest))
	}
	return newSortedPackage(suite, list, bytes.Clone(rest)), nil
}
