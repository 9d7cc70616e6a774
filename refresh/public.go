package refresh

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Public is the public part of a key share: the data every share holder
// has alike (FROST calls it the public key package). A party that lost its
// share, or joins a new committee, needs it to check what the others send;
// it is not secret and may be stored and sent anywhere, but it must be
// authentic: get it from a trusted record or compare it across holders.
type Public struct {
	// Curve is the group of the key.
	Curve curve.Curve
	// Threshold is t.
	Threshold int
	// Parties lists every share holder, in increasing order.
	Parties []transport.PartyID
	// GroupKey is the group's public key.
	GroupKey curve.Point
	// PublicShares maps every party to its public share x_j·G.
	PublicShares map[transport.PartyID]curve.Point
	// ChainCode is the BIP-32 chain code, or nil.
	ChainCode []byte
	// Identities maps every party to the long-term Ed25519 public key of
	// its transport.Identity ([dkg.KeyShare.Identities]), or is nil for a
	// key without that record.
	Identities map[transport.PartyID]ed25519.PublicKey
}

// The binary format versions of Public. A Public is written in the oldest
// version that holds it, so it has exactly one encoding and one without
// identities keeps the bytes it always had.
const (
	// publicV1 is a Public without Identities.
	publicV1 = 1
	// publicV2 is a Public with Identities: version 1's layout followed by
	// the identity keys.
	publicV2 = 2
)

// PublicOf returns a copy of the public part of a key share.
func PublicOf(k *dkg.KeyShare) *Public {
	return (&Public{Curve: k.Curve, Threshold: k.Threshold, Parties: k.Parties,
		GroupKey: k.GroupKey, PublicShares: k.PublicShares, ChainCode: k.ChainCode,
		Identities: k.Identities}).Clone()
}

// Clone returns a deep copy (points are immutable values and are shared;
// the slices and the maps are copied).
func (p *Public) Clone() *Public {
	c := *p
	c.Parties = slices.Clone(p.Parties)
	c.ChainCode = slices.Clone(p.ChainCode)
	c.Identities = identities.Clone(p.Identities)
	c.PublicShares = make(map[transport.PartyID]curve.Point, len(p.PublicShares))
	for id, x := range p.PublicShares {
		c.PublicShares[id] = x
	}
	return &c
}

// Validate checks that the data is consistent: 1 <= t <= n, a sorted, valid
// party list, a public share (not the identity) for every party and no
// other, every public share and the group key on one polynomial of degree
// t-1, and Identities nil or one valid Ed25519 key (canonical, of prime
// order) for every party and no other. Variable time: public values only.
func (p *Public) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrPublicInconsistent, fmt.Sprintf(format, args...))
	}
	n := len(p.Parties)
	switch {
	case p.Curve == nil || p.GroupKey == nil:
		return bad("missing curve or group key")
	case n < 1 || n > dkg.MaxParties:
		return bad("%d parties", n)
	case p.Threshold < 1 || p.Threshold > n:
		return bad("threshold %d of %d", p.Threshold, n)
	case !slices.IsSorted(p.Parties):
		return bad("parties not sorted")
	case len(p.PublicShares) != n:
		return bad("%d public shares for %d parties", len(p.PublicShares), n)
	case p.ChainCode != nil && len(p.ChainCode) != dkg.ChainCodeSize:
		return bad("chain code of %d bytes", len(p.ChainCode))
	case p.GroupKey.Curve().ID() != p.Curve.ID() || p.GroupKey.IsIdentity():
		return bad("group key on the wrong curve or the identity")
	}
	if err := transport.ValidateParties(p.Parties); err != nil {
		return fmt.Errorf("%w: %w", ErrPublicInconsistent, err)
	}
	if err := identities.Validate(p.Identities, p.Parties); err != nil {
		return fmt.Errorf("%w: identities: %w", ErrPublicInconsistent, err)
	}
	ids := make([]curve.Scalar, n)
	pts := make([]curve.Point, n)
	for i, id := range p.Parties {
		x, ok := p.PublicShares[id]
		if !ok || x == nil || x.Curve().ID() != p.Curve.ID() || x.IsIdentity() {
			return bad("public share of party %d missing, on the wrong curve or the identity", id)
		}
		ids[i], pts[i] = idScalar(p.Curve, id), x
	}
	// The first t public shares fix the polynomial; the group key and every
	// other share must agree with it.
	t := p.Threshold
	at := func(x curve.Scalar) (curve.Point, error) {
		ls, err := vss.LagrangeCoefficientsAt(p.Curve, ids[:t], x)
		if err != nil {
			return nil, err
		}
		return p.Curve.VarTimeMultiScalarMult(ls, pts[:t]), nil
	}
	g, err := at(p.Curve.NewScalar())
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPublicInconsistent, err)
	}
	if !g.Equal(p.GroupKey) {
		return bad("group key does not match the public shares")
	}
	for i := t; i < n; i++ {
		x, err := at(ids[i])
		if err != nil {
			return fmt.Errorf("%w: %w", ErrPublicInconsistent, err)
		}
		if !x.Equal(pts[i]) {
			return bad("public share of party %d is off the polynomial", p.Parties[i])
		}
	}
	return nil
}

// Equal reports whether p and o describe the same key: curve, threshold,
// parties, group key, every public share, the chain code and the
// identities.
func (p *Public) Equal(o *Public) bool {
	if p == nil || o == nil {
		return p == o
	}
	if p.Curve == nil || o.Curve == nil || p.GroupKey == nil || o.GroupKey == nil {
		return false // incomplete data equals nothing, never panics
	}
	if p.Curve.ID() != o.Curve.ID() || p.Threshold != o.Threshold ||
		!slices.Equal(p.Parties, o.Parties) || !p.GroupKey.Equal(o.GroupKey) ||
		len(p.PublicShares) != len(o.PublicShares) || !slices.Equal(p.ChainCode, o.ChainCode) ||
		(p.ChainCode == nil) != (o.ChainCode == nil) || !identities.Equal(p.Identities, o.Identities) {
		return false
	}
	for id, x := range p.PublicShares {
		y, ok := o.PublicShares[id]
		if !ok || x == nil || y == nil || !x.Equal(y) {
			return false
		}
	}
	return true
}

// MarshalBinary encodes the public data. Public data without Identities
// is written in format version 1:
//
//	version(1) curve(1) t(2) n(2) ids(4·n) groupKey(P)
//	publicShares(P·n, in party order) hasChainCode(1) [chainCode(32)]
//
// and with Identities in version 2, version 1's layout followed by
//
//	identities(32·n, in party order)
//
// with big-endian integers. It fails unless Validate passes.
func (p *Public) MarshalBinary() ([]byte, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	c := p.Curve
	n := len(p.Parties)
	version := byte(publicV1)
	if p.Identities != nil {
		version = publicV2
	}
	out := make([]byte, 0, 6+4*n+c.PointSize()*(n+1)+1+dkg.ChainCodeSize+identities.KeySize*n)
	out = append(out, version, byte(c.ID()))
	out = binary.BigEndian.AppendUint16(out, uint16(p.Threshold))
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	for _, id := range p.Parties {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	out = append(out, p.GroupKey.Bytes()...)
	for _, id := range p.Parties {
		out = append(out, p.PublicShares[id].Bytes()...)
	}
	if p.ChainCode != nil {
		out = append(out, 1)
		out = append(out, p.ChainCode...)
	} else {
		out = append(out, 0)
	}
	if p.Identities != nil {
		out = identities.Append(out, p.Identities, p.Parties)
	}
	return out, nil
}

// UnmarshalBinary decodes and validates data written by MarshalBinary; on
// error p is unchanged. Every length is checked before anything is
// allocated from it.
func (p *Public) UnmarshalBinary(b []byte) error {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrPublicFormat, what) }
	if len(b) == 0 {
		return bad("empty")
	}
	// The version first: another version may have another length.
	if b[0] != publicV1 && b[0] != publicV2 {
		return bad(fmt.Sprintf("format version %d, this release reads versions %d and %d", b[0], publicV1, publicV2))
	}
	if len(b) < 6 {
		return bad("too short")
	}
	c, err := curve.ByID(curve.ID(b[1]))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPublicFormat, err)
	}
	t := int(binary.BigEndian.Uint16(b[2:]))
	n := int(binary.BigEndian.Uint16(b[4:]))
	if n < 1 || n > dkg.MaxParties {
		return bad(fmt.Sprintf("%d parties", n))
	}
	rest := b[6:]
	idLen := 0 // the identities' length
	if b[0] == publicV2 {
		idLen = identities.KeySize * n
	}
	fixed := 4*n + c.PointSize()*(n+1) + 1 + idLen
	if len(rest) != fixed && len(rest) != fixed+dkg.ChainCodeSize {
		return bad("length")
	}
	d := &Public{Curve: c, Threshold: t, PublicShares: make(map[transport.PartyID]curve.Point, n)}
	for i := range n {
		d.Parties = append(d.Parties, transport.PartyID(binary.BigEndian.Uint32(rest[4*i:])))
	}
	rest = rest[4*n:]
	if d.GroupKey, err = c.DecodePoint(rest[:c.PointSize()], false); err != nil {
		return fmt.Errorf("%w: group key: %w", ErrPublicFormat, err)
	}
	rest = rest[c.PointSize():]
	for _, id := range d.Parties {
		x, err := c.DecodePoint(rest[:c.PointSize()], false)
		if err != nil {
			return fmt.Errorf("%w: public share of %d: %w", ErrPublicFormat, id, err)
		}
		if _, dup := d.PublicShares[id]; dup {
			return bad("duplicate party")
		}
		d.PublicShares[id] = x
		rest = rest[c.PointSize():]
	}
	switch flag := rest[0]; {
	case flag == 0 && len(rest) == 1+idLen:
		rest = rest[1:]
	case flag == 1 && len(rest) == 1+dkg.ChainCodeSize+idLen:
		d.ChainCode = slices.Clone(rest[1 : 1+dkg.ChainCodeSize])
		rest = rest[1+dkg.ChainCodeSize:]
	default:
		return bad("chain code flag")
	}
	if idLen > 0 {
		if d.Identities, err = identities.Decode(rest, d.Parties); err != nil {
			return fmt.Errorf("%w: identities: %w", ErrPublicFormat, err)
		}
	}
	if err := d.Validate(); err != nil {
		return err
	}
	*p = *d
	return nil
}

// keyShare returns the key share of party self holding secret, with a copy
// of p's public data.
func (p *Public) keyShare(self transport.PartyID, secret curve.Scalar) *dkg.KeyShare {
	cp := p.Clone()
	return &dkg.KeyShare{
		Curve:        cp.Curve,
		Threshold:    cp.Threshold,
		Parties:      cp.Parties,
		Self:         self,
		Secret:       secret,
		GroupKey:     cp.GroupKey,
		PublicShares: cp.PublicShares,
		ChainCode:    cp.ChainCode,
		Identities:   cp.Identities,
	}
}

// idScalar is a party's Shamir evaluation point. Party ids are non-zero
// once a party list has been validated, so this cannot fail.
func idScalar(c curve.Curve, id transport.PartyID) curve.Scalar {
	s, err := vss.IDScalar(c, uint32(id))
	if err != nil {
		panic(fmt.Sprintf("refresh: party id %d: %v", id, err)) // unreachable after validation
	}
	return s
}

// idScalars maps a validated party list to evaluation points.
func idScalars(c curve.Curve, ids []transport.PartyID) []curve.Scalar {
	out := make([]curve.Scalar, len(ids))
	for i, id := range ids {
		out[i] = idScalar(c, id)
	}
	return out
}
