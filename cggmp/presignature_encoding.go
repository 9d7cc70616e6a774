package cggmp

import (
	"bytes"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// presignatureVersion is the version of Presignature's binary format for
// secp256k1 presignatures, which do not name their curve (the format
// predates the other curves, and stored ones keep loading byte for byte);
// presignatureVersionCurve is the format of the other curves: the same
// fields after a curve id byte (curve.ID).
const (
	presignatureVersion      = 1
	presignatureVersionCurve = 2
)

// KeyGenerationSize is the length of a key generation digest
// ([KeyGeneration]).
const KeyGenerationSize = 32

// ErrPresignatureFormat reports a malformed Presignature encoding.
var ErrPresignatureFormat = errors.New("cggmp: malformed presignature encoding")

// ErrPresignatureGeneration is returned when a presignature was made for
// another generation of the key: before a refresh (which changes every
// public share), or for another key altogether.
var ErrPresignatureGeneration = errors.New("cggmp: presignature made for another key generation")

// KeyGeneration returns a digest of the key's public data that a refresh
// changes: the curve, the threshold, the parties with their public shares,
// and the group key. Presignatures record the generation they were made for
// ([Presignature.CheckKey]); shares are refreshed precisely so that what
// was made with the old ones stops working, and a stored presignature of an
// older generation would sign a wrong partial (its χ_i belongs to the old
// share) at best. It reads public data only.
func KeyGeneration(key *Key) ([]byte, error) {
	if err := key.Validate(); err != nil {
		return nil, err
	}
	share := key.Share
	// A label of its own, not PresignProtocol's: a new presigning
	// version need not retire stored presignatures.
	tr := transcript.New("mosaic/cggmp/key-generation/v1")
	tr.AppendBytes("curve", []byte(share.Curve.Name()))
	tr.AppendUint64("t", uint64(share.Threshold))
	tr.AppendPoint("group-key", share.GroupKey)
	tr.AppendUint64("n", uint64(len(share.Parties)))
	for _, p := range share.Parties {
		tr.AppendUint64("party", uint64(p))
		tr.AppendPoint("public-share", share.PublicShares[p])
	}
	return tr.ChallengeBytes("generation", KeyGenerationSize), nil
}

// CheckKey reports whether p was made with key as it is now: the same key
// generation ([KeyGeneration], [ErrPresignatureGeneration] otherwise) and
// the same party. Call it on a presignature read from storage before
// signing with it. A nil or zero Presignature returns
// ErrInvalidPresignature.
func (p *Presignature) CheckKey(key *Key) error {
	if !p.complete() {
		return ErrInvalidPresignature
	}
	gen, err := KeyGeneration(key)
	if err != nil {
		return err
	}
	if len(p.generation) != KeyGenerationSize || subtle.ConstantTimeCompare(gen, p.generation) != 1 {
		return ErrPresignatureGeneration
	}
	if key.Share.Self != p.self {
		return fmt.Errorf("%w: made for party %d, key of party %d", ErrPresignatureGeneration, p.self, key.Share.Self)
	}
	return nil
}

// MarshalBinary encodes the presignature for storage:
//
//	version(1) = 1 | generation | threshold | self | session id | signers |
//	public key | path | tweak | R | k_j·R, χ_j·R for each signer | k_i | χ_i
//
// every field after the version length-prefixed (4 bytes, big-endian):
// the 32-byte key generation ([KeyGeneration]), the threshold and self as
// 4 bytes, the signers sorted as 4 bytes each, the path as 4 bytes per
// step, the tweak empty for none, points and scalars in their fixed-size
// encodings. That is the format of secp256k1 presignatures; on P-256 and
// the Stark curve it is version(1) = 2 | curve id(1) (curve.IDP256,
// curve.IDStark) | the same fields, so that a stored presignature names
// its curve and is never read on another one (all three have 33-byte
// points and 32-byte scalars). It holds the secret shares: seal it (package
// cggmp/presigstore does) and keep exactly one copy, since every copy
// signs. A used presignature returns ErrPresignatureUsed, a nil or zero
// one ErrInvalidPresignature, and one made before this format recorded a
// key generation ErrPresignatureFormat.
//
// Encoding does not consume p: the caller that stores it discards the
// in-memory one ([Presignature.Discard]) once the store holds it.
func (p *Presignature) MarshalBinary() ([]byte, error) {
	if !p.complete() {
		return nil, ErrInvalidPresignature
	}
	if len(p.generation) != KeyGenerationSize {
		return nil, fmt.Errorf("%w: no key generation recorded", ErrPresignatureFormat)
	}
	s := p.secret
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used || s.k == nil || s.chi == nil {
		return nil, ErrPresignatureUsed
	}
	out := []byte{presignatureVersion}
	if c := p.R.Curve(); c.ID() != curve.IDSecp256k1 {
		out = []byte{presignatureVersionCurve, byte(c.ID())}
	}
	out = appendField(out, p.generation)
	out = appendField(out, binary.BigEndian.AppendUint32(nil, uint32(p.threshold)))
	out = appendField(out, binary.BigEndian.AppendUint32(nil, uint32(p.self)))
	out = appendField(out, p.sessionID)
	signers := make([]byte, 0, 4*len(p.signers))
	for _, j := range p.signers {
		signers = binary.BigEndian.AppendUint32(signers, uint32(j))
	}
	out = appendField(out, signers)
	out = appendField(out, p.pub.Bytes())
	out = appendFields(out, p.pathBytes(), p.tweakBytes())
	out = appendField(out, p.R.Bytes())
	for _, j := range p.signers {
		out = appendFields(out, p.Delta[j].Bytes(), p.S[j].Bytes())
	}
	return appendFields(out, s.k.Bytes(), s.chi.Bytes()), nil
}

// ParsePresignature decodes and validates a presignature written by
// [Presignature.MarshalBinary]. It checks the format version, that every
// point is on the curve and not the identity, that every scalar is
// canonical, that the signers are valid, sorted and include this party,
// and that this party's shares match its public k_i·R and χ_i·R. It does
// not know the key: call [Presignature.CheckKey] before signing.
func ParsePresignature(b []byte) (*Presignature, error) {
	p, err := parsePresignature(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPresignatureFormat, err)
	}
	return p, nil
}

// UnmarshalBinary is ParsePresignature into p. Copies of p made before the
// call keep the presignature they shared; p holds a new one.
func (p *Presignature) UnmarshalBinary(b []byte) error {
	if p == nil {
		return ErrInvalidPresignature
	}
	q, err := ParsePresignature(b)
	if err != nil {
		return err
	}
	*p = *q
	return nil
}

// presignatureHead is the number of fields before the per-signer points.
const presignatureHead = 9

func parsePresignature(b []byte) (*Presignature, error) {
	if len(b) == 0 {
		return nil, errors.New("empty")
	}
	c, body, err := presignatureCurve(b)
	if err != nil {
		return nil, err
	}
	head, err := splitPrefix(body, presignatureHead)
	if err != nil {
		return nil, err
	}
	f := head.fields
	if len(f[0]) != KeyGenerationSize {
		return nil, fmt.Errorf("key generation of %d bytes, want %d", len(f[0]), KeyGenerationSize)
	}
	if len(f[1]) != 4 || len(f[2]) != 4 {
		return nil, errors.New("threshold and self must be 4 bytes each")
	}
	threshold := binary.BigEndian.Uint32(f[1])
	self := transport.PartyID(binary.BigEndian.Uint32(f[2]))
	if len(f[3]) == 0 {
		return nil, errors.New("empty session id")
	}
	if len(f[4])%4 != 0 {
		return nil, fmt.Errorf("signers field of %d bytes", len(f[4]))
	}
	signers := make([]transport.PartyID, len(f[4])/4)
	for i := range signers {
		signers[i] = transport.PartyID(binary.BigEndian.Uint32(f[4][4*i:]))
	}
	if err := transport.ValidateParties(signers); err != nil {
		return nil, fmt.Errorf("signers: %w", err)
	}
	if !slices.IsSorted(signers) {
		return nil, errors.New("signers not in increasing order")
	}
	if !transport.Contains(signers, self) {
		return nil, fmt.Errorf("party %d is not a signer", self)
	}
	if threshold < 1 || int(threshold) > len(signers) {
		return nil, fmt.Errorf("threshold %d with %d signers", threshold, len(signers))
	}
	if len(f[6])%4 != 0 || len(f[6])/4 > hd.MaxDepth {
		return nil, fmt.Errorf("path field of %d bytes", len(f[6]))
	}
	var path hd.Path
	for i := 0; i < len(f[6]); i += 4 {
		path = append(path, binary.BigEndian.Uint32(f[6][i:]))
	}
	r := &fieldReader{fields: [][]byte{f[5]}}
	pub := r.point(c, "public key")
	var tweak curve.Scalar
	if len(f[7]) != 0 {
		r.fields = [][]byte{f[7]}
		tweak = r.scalar(c, "tweak")
	}
	r.fields = [][]byte{f[8]}
	R := r.point(c, "R")
	if r.err != nil {
		return nil, r.err
	}
	rest, err := readFields(head.rest, 2*len(signers)+2)
	if err != nil {
		return nil, err
	}
	delta := map[transport.PartyID]curve.Point{}
	S := map[transport.PartyID]curve.Point{}
	for _, j := range signers {
		delta[j] = rest.point(c, fmt.Sprintf("k·R of party %d", j))
		S[j] = rest.point(c, fmt.Sprintf("χ·R of party %d", j))
	}
	k := rest.scalar(c, "k")
	chi := rest.scalar(c, "χ")
	if rest.err != nil {
		return nil, rest.err
	}
	if k.IsZero() || chi.IsZero() {
		return nil, errors.New("zero secret share")
	}
	// The shares must be the ones behind this party's public points: a
	// stored presignature whose secret and public parts disagree would
	// sign a partial that Combine blames on this party.
	if !R.ScalarMult(k).Equal(delta[self]) || !R.ScalarMult(chi).Equal(S[self]) {
		k.Zeroize()
		chi.Zeroize()
		return nil, errors.New("secret shares do not match k·R and χ·R")
	}
	return &Presignature{
		secret:     newPresignSecret(k, chi),
		generation: bytes.Clone(f[0]),
		sessionID:  bytes.Clone(f[3]),
		threshold:  int(threshold),
		self:       self,
		signers:    signers,
		pub:        pub,
		path:       path,
		tweak:      tweak,
		R:          R,
		Delta:      delta,
		S:          S,
	}, nil
}

// presignatureCurve reads the format version and, in version 2, the curve
// id, and returns the curve and the fields that follow.
func presignatureCurve(b []byte) (curve.Curve, []byte, error) {
	switch b[0] {
	case presignatureVersion:
		return curve.Secp256k1(), b[1:], nil
	case presignatureVersionCurve:
		if len(b) < 2 {
			return nil, nil, errors.New("no curve id")
		}
		c, err := curve.ByID(curve.ID(b[1]))
		if err != nil {
			return nil, nil, err
		}
		if c.ID() == curve.IDSecp256k1 {
			// One encoding per presignature: secp256k1 is version 1.
			return nil, nil, errors.New("secp256k1 presignature in format version 2")
		}
		if err := checkECDSACurve(c); err != nil {
			return nil, nil, err
		}
		return c, b[2:], nil
	}
	return nil, nil, fmt.Errorf("format version %d, this release reads versions %d and %d only", b[0], presignatureVersion, presignatureVersionCurve)
}
