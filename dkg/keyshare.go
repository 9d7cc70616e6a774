package dkg

import (
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// KeyShare is one party's output of key generation: its Shamir share of the
// group's secret key and the public data every party holds alike. The
// secret key itself exists nowhere.
type KeyShare struct {
	// Curve is the group the key lives in.
	Curve curve.Curve
	// Threshold is t: any t shares can sign, fewer learn nothing.
	Threshold int
	// Parties lists every share holder, in increasing order.
	Parties []transport.PartyID
	// Self is the holder of this share.
	Self transport.PartyID
	// Secret is this party's share x_i = f(i). Keep it secret.
	Secret curve.Scalar
	// GroupKey is the group's public key f(0)·G.
	GroupKey curve.Point
	// PublicShares maps every party to its public share x_j·G.
	PublicShares map[transport.PartyID]curve.Point
	// ChainCode is the BIP-32 chain code agreed during key generation, or
	// nil when none was made.
	ChainCode []byte
	// Identities maps every party to the long-term Ed25519 public key of
	// its [transport.Identity], as the run that made the share was signed
	// with; nil for a share made without identities. It is part of the
	// public record: a later run on the key with an Identity must use
	// these keys (package refresh checks it), and a wallet builds that
	// Identity's Peers from it.
	Identities map[transport.PartyID]ed25519.PublicKey
}

// The binary format versions. Formats never change meaning; a new layout
// gets a new version. A share is written in the oldest version that holds
// it, so every share has exactly one encoding and shares without
// identities keep the bytes they always had.
const (
	// keyShareV1 is a share without Identities.
	keyShareV1 = 1
	// keyShareV2 is a share with Identities: version 1's layout followed
	// by the identity keys.
	keyShareV2 = 2
)

// ChainCodeSize is the length of a BIP-32 chain code.
const ChainCodeSize = 32

// MaxParties bounds n in encodings so a decoder never allocates on a
// peer's say-so.
const MaxParties = 1 << 12

// Errors returned when a key share is malformed or inconsistent.
var (
	ErrKeyShareFormat       = errors.New("dkg: malformed key share encoding")
	ErrKeyShareInconsistent = errors.New("dkg: inconsistent key share")
)

// PublicShare returns party id's public share (false for a nil share).
func (k *KeyShare) PublicShare(id transport.PartyID) (curve.Point, bool) {
	if k == nil {
		return nil, false
	}
	p, ok := k.PublicShares[id]
	return p, ok
}

// IDScalar returns the scalar identifier of party id on the share's curve.
func (k *KeyShare) IDScalar(id transport.PartyID) (curve.Scalar, error) {
	if k == nil || k.Curve == nil {
		return nil, fmt.Errorf("%w: no curve", ErrKeyShareInconsistent)
	}
	return vss.IDScalar(k.Curve, uint32(id))
}

// Zeroize overwrites the secret share x_i with zero, once the share is no
// longer needed (after a refresh, or once it is sealed in a backup). The
// share is unusable afterwards: Validate refuses it, and so does every
// protocol. Clones made before are not affected (Clone copies the secret).
// Safe to call repeatedly and on a nil or zero KeyShare.
func (k *KeyShare) Zeroize() {
	if k != nil && k.Secret != nil {
		k.Secret.Zeroize()
	}
}

// Validate checks that the share is consistent: t within [1, n], a valid
// party list containing Self, Secret·G equal to Self's public share,
// every public share and the group key on one polynomial of degree t-1,
// and Identities nil or one valid Ed25519 key (canonical, of prime order)
// for every party and no other.
// Public values only are interpolated, in variable time.
func (k *KeyShare) Validate() error {
	if k == nil {
		return fmt.Errorf("%w: no key share", ErrKeyShareInconsistent)
	}
	n := len(k.Parties)
	switch {
	case k.Curve == nil || k.Secret == nil || k.GroupKey == nil:
		return fmt.Errorf("%w: missing field", ErrKeyShareInconsistent)
	case n < 1 || n > MaxParties:
		return fmt.Errorf("%w: %d parties", ErrKeyShareInconsistent, n)
	case k.Threshold < 1 || k.Threshold > n:
		return fmt.Errorf("%w: threshold %d of %d", ErrKeyShareInconsistent, k.Threshold, n)
	case !slices.IsSorted(k.Parties):
		return fmt.Errorf("%w: parties not sorted", ErrKeyShareInconsistent)
	case !transport.Contains(k.Parties, k.Self):
		return fmt.Errorf("%w: self %d not a party", ErrKeyShareInconsistent, k.Self)
	case len(k.PublicShares) != n:
		return fmt.Errorf("%w: %d public shares for %d parties", ErrKeyShareInconsistent, len(k.PublicShares), n)
	case k.ChainCode != nil && len(k.ChainCode) != ChainCodeSize:
		return fmt.Errorf("%w: chain code of %d bytes", ErrKeyShareInconsistent, len(k.ChainCode))
	}
	if err := transport.ValidateParties(k.Parties); err != nil {
		return fmt.Errorf("%w: %w", ErrKeyShareInconsistent, err)
	}
	if err := identities.Validate(k.Identities, k.Parties); err != nil {
		return fmt.Errorf("%w: identities: %w", ErrKeyShareInconsistent, err)
	}
	ids := make([]curve.Scalar, n)
	pts := make([]curve.Point, n)
	for i, id := range k.Parties {
		p, ok := k.PublicShares[id]
		if !ok || p == nil || p.IsIdentity() {
			return fmt.Errorf("%w: public share of party %d missing or identity", ErrKeyShareInconsistent, id)
		}
		s, err := k.IDScalar(id)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrKeyShareInconsistent, err)
		}
		ids[i], pts[i] = s, p
	}
	if !k.Curve.ScalarBaseMult(k.Secret).Equal(k.PublicShares[k.Self]) {
		return fmt.Errorf("%w: secret share does not match public share", ErrKeyShareInconsistent)
	}
	// The first t public shares fix the polynomial; the group key and every
	// other share must agree with it.
	t := k.Threshold
	zero := k.Curve.NewScalar()
	at := func(x curve.Scalar) (curve.Point, error) {
		ls, err := vss.LagrangeCoefficientsAt(k.Curve, ids[:t], x)
		if err != nil {
			return nil, err
		}
		return k.Curve.VarTimeMultiScalarMult(ls, pts[:t]), nil
	}
	g, err := at(zero)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrKeyShareInconsistent, err)
	}
	if !g.Equal(k.GroupKey) {
		return fmt.Errorf("%w: group key does not match public shares", ErrKeyShareInconsistent)
	}
	for i := t; i < n; i++ {
		p, err := at(ids[i])
		if err != nil {
			return fmt.Errorf("%w: %w", ErrKeyShareInconsistent, err)
		}
		if !p.Equal(pts[i]) {
			return fmt.Errorf("%w: public share of party %d is off the polynomial", ErrKeyShareInconsistent, k.Parties[i])
		}
	}
	return nil
}

// MarshalBinary encodes the share. A share without Identities is written
// in format version 1:
//
//	version(1) curve(1) t(2) n(2) self(4) ids(4·n) secret(S) groupKey(P)
//	publicShares(P·n, in party order) hasChainCode(1) [chainCode(32)]
//
// and a share with Identities in version 2, version 1's layout followed by
//
//	identities(32·n, in party order)
//
// all integers big-endian. The encoding holds the secret share: store it
// sealed.
func (k *KeyShare) MarshalBinary() ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	c := k.Curve
	n := len(k.Parties)
	version := byte(keyShareV1)
	if k.Identities != nil {
		version = keyShareV2
	}
	out := make([]byte, 0, 10+4*n+c.ScalarSize()+c.PointSize()*(n+1)+1+ChainCodeSize+identities.KeySize*n)
	out = append(out, version, byte(c.ID()))
	out = binary.BigEndian.AppendUint16(out, uint16(k.Threshold))
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint32(out, uint32(k.Self))
	for _, id := range k.Parties {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	out = append(out, k.Secret.Bytes()...)
	out = k.appendPoints(out)
	if k.Identities != nil {
		out = identities.Append(out, k.Identities, k.Parties)
	}
	return out, nil
}

// appendPoints appends the group key, the public shares in party order and
// the chain code with its flag: hasChainCode(1) [chainCode(32)].
func (k *KeyShare) appendPoints(out []byte) []byte {
	out = append(out, k.GroupKey.Bytes()...)
	for _, id := range k.Parties {
		out = append(out, k.PublicShares[id].Bytes()...)
	}
	if k.ChainCode == nil {
		return append(out, 0)
	}
	return append(append(out, 1), k.ChainCode...)
}

// publicRecord encodes the public part of a valid share, what every party
// of a run must hold the same of and confirms before it commits
// (transport.FinishConfirmed): MarshalBinary's layout without the version,
// Self and the secret, with a flag for the identities:
//
//	curve(1) t(2) n(2) ids(4·n) groupKey(P) publicShares(P·n)
//	hasChainCode(1) [chainCode(32)] hasIdentities(1) [identities(32·n)]
func (k *KeyShare) publicRecord() []byte {
	n := len(k.Parties)
	out := []byte{byte(k.Curve.ID())}
	out = binary.BigEndian.AppendUint16(out, uint16(k.Threshold))
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	for _, id := range k.Parties {
		out = binary.BigEndian.AppendUint32(out, uint32(id))
	}
	out = k.appendPoints(out)
	if k.Identities == nil {
		return append(out, 0)
	}
	return identities.Append(append(out, 1), k.Identities, k.Parties)
}

// UnmarshalBinary decodes and validates a share written by MarshalBinary.
// Anything malformed or inconsistent is an error; k is unchanged then.
func (k *KeyShare) UnmarshalBinary(b []byte) error {
	d, err := decodeKeyShare(b)
	if err != nil {
		return err
	}
	*k = *d
	return nil
}

func decodeKeyShare(b []byte) (*KeyShare, error) {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrKeyShareFormat, what) }
	if len(b) == 0 {
		return nil, bad("empty")
	}
	// The version first: another version may have another length.
	if b[0] != keyShareV1 && b[0] != keyShareV2 {
		return nil, bad(fmt.Sprintf("format version %d, this release reads versions %d and %d", b[0], keyShareV1, keyShareV2))
	}
	if len(b) < 10 {
		return nil, bad("too short")
	}
	c, err := curve.ByID(curve.ID(b[1]))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeyShareFormat, err)
	}
	t := int(binary.BigEndian.Uint16(b[2:]))
	n := int(binary.BigEndian.Uint16(b[4:]))
	self := transport.PartyID(binary.BigEndian.Uint32(b[6:]))
	if n < 1 || n > MaxParties {
		return nil, bad(fmt.Sprintf("%d parties", n))
	}
	rest := b[10:]
	idLen := 0 // the identities' length
	if b[0] == keyShareV2 {
		idLen = identities.KeySize * n
	}
	fixed := 4*n + c.ScalarSize() + c.PointSize()*(n+1) + 1 + idLen
	if len(rest) != fixed && len(rest) != fixed+ChainCodeSize {
		return nil, bad("length")
	}
	k := &KeyShare{Curve: c, Threshold: t, Self: self, PublicShares: make(map[transport.PartyID]curve.Point, n)}
	for i := 0; i < n; i++ {
		k.Parties = append(k.Parties, transport.PartyID(binary.BigEndian.Uint32(rest[4*i:])))
	}
	rest = rest[4*n:]
	if k.Secret, err = c.DecodeScalar(rest[:c.ScalarSize()]); err != nil {
		return nil, fmt.Errorf("%w: secret: %w", ErrKeyShareFormat, err)
	}
	rest = rest[c.ScalarSize():]
	if k.GroupKey, err = c.DecodePoint(rest[:c.PointSize()], false); err != nil {
		return nil, fmt.Errorf("%w: group key: %w", ErrKeyShareFormat, err)
	}
	rest = rest[c.PointSize():]
	for _, id := range k.Parties {
		p, err := c.DecodePoint(rest[:c.PointSize()], false)
		if err != nil {
			return nil, fmt.Errorf("%w: public share of %d: %w", ErrKeyShareFormat, id, err)
		}
		if _, dup := k.PublicShares[id]; dup {
			return nil, bad("duplicate party")
		}
		k.PublicShares[id] = p
		rest = rest[c.PointSize():]
	}
	switch flag := rest[0]; {
	case flag == 0 && len(rest) == 1+idLen:
		rest = rest[1:]
	case flag == 1 && len(rest) == 1+ChainCodeSize+idLen:
		k.ChainCode = slices.Clone(rest[1 : 1+ChainCodeSize])
		rest = rest[1+ChainCodeSize:]
	default:
		return nil, bad("chain code flag")
	}
	if idLen > 0 {
		if k.Identities, err = identities.Decode(rest, k.Parties); err != nil {
			return nil, fmt.Errorf("%w: identities: %w", ErrKeyShareFormat, err)
		}
	}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// Clone returns a deep copy: the secret share is copied (so that Zeroize on
// one copy leaves the other usable), the slices and maps too; the points
// are immutable values and shared.
func (k *KeyShare) Clone() *KeyShare {
	if k == nil {
		return nil
	}
	c := *k
	if k.Secret != nil {
		c.Secret = k.Secret.Add(k.Secret.Curve().NewScalar())
	}
	c.Parties = slices.Clone(k.Parties)
	c.PublicShares = make(map[transport.PartyID]curve.Point, len(k.PublicShares))
	for id, p := range k.PublicShares {
		c.PublicShares[id] = p
	}
	c.ChainCode = slices.Clone(k.ChainCode)
	c.Identities = identities.Clone(k.Identities)
	return &c
}
