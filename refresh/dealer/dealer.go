package dealer

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Errors returned by Import and Export, wrapped with detail; test with
// errors.Is.
var (
	// ErrInput: an invalid argument (nil or zero key, wrong curve,
	// threshold out of range, bad party list, bad chain code).
	ErrInput = errors.New("dealer: invalid input")
	// ErrTooFewShares: fewer shares than the key's threshold.
	ErrTooFewShares = errors.New("dealer: too few shares")
	// ErrInconsistentShares: shares that are invalid, repeat a party, or
	// belong to different keys (or to different generations of one key,
	// such as shares from before and after a refresh).
	ErrInconsistentShares = errors.New("dealer: inconsistent shares")
	// ErrWrongKey: the interpolated secret does not match the group key.
	ErrWrongKey = errors.New("dealer: reconstructed secret does not match the group key")
)

// Option configures Import.
type Option func(*options)

type options struct {
	chainCode []byte
}

// WithChainCode gives the imported shares a BIP-32 chain code (of
// dkg.ChainCodeSize bytes), for keys imported from an extended private key.
func WithChainCode(cc []byte) Option {
	return func(o *options) { o.chainCode = slices.Clone(cc) }
}

// Import splits secretKey into t-of-n key shares for parties, one per
// party, in increasing party order.
//
// SINGLE POINT OF TRUST: the caller holds the whole key; see the package
// documentation for how to use this safely, and prefer dkg for new keys.
// rand nil means crypto/rand.Reader.
func Import(c curve.Curve, secretKey curve.Scalar, t int, parties []transport.PartyID, rand io.Reader, opts ...Option) ([]*dkg.KeyShare, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case c == nil:
		return nil, fmt.Errorf("%w: no curve", ErrInput)
	case secretKey == nil || secretKey.Curve().ID() != c.ID():
		return nil, fmt.Errorf("%w: secret key missing or not a %s scalar", ErrInput, c.Name())
	case secretKey.IsZero():
		return nil, fmt.Errorf("%w: zero secret key", ErrInput)
	case o.chainCode != nil && len(o.chainCode) != dkg.ChainCodeSize:
		return nil, fmt.Errorf("%w: chain code of %d bytes", ErrInput, len(o.chainCode))
	}
	if err := transport.ValidateParties(parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	n := len(parties)
	if n > dkg.MaxParties || t < 1 || t > n {
		return nil, fmt.Errorf("%w: threshold %d of %d parties", ErrInput, t, n)
	}
	ids := transport.SortedCopy(parties)
	xs := make([]curve.Scalar, n)
	for i, id := range ids {
		x, err := vss.IDScalar(c, uint32(id))
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInput, err)
		}
		xs[i] = x
	}
	shares, cm, err := vss.Split(c, secretKey, t, xs, rand)
	if err != nil {
		return nil, fmt.Errorf("dealer: splitting the key: %w", err)
	}
	public := make(map[transport.PartyID]curve.Point, n)
	for i, id := range ids {
		public[id] = cm.Evaluate(xs[i])
	}
	out := make([]*dkg.KeyShare, n)
	for i, id := range ids {
		ks := &dkg.KeyShare{
			Curve:        c,
			Threshold:    t,
			Parties:      slices.Clone(ids),
			Self:         id,
			Secret:       shares[i].Value,
			GroupKey:     cm.Constant(),
			PublicShares: make(map[transport.PartyID]curve.Point, n),
			ChainCode:    slices.Clone(o.chainCode),
		}
		for j, p := range public {
			ks.PublicShares[j] = p
		}
		out[i] = ks
	}
	for _, ks := range out {
		if err := ks.Validate(); err != nil {
			for _, s := range shares {
				s.Zeroize()
			}
			return nil, fmt.Errorf("dealer: imported share: %w", err)
		}
	}
	return out, nil
}

// Export interpolates the secret key from at least t valid shares of one
// key (all of the same generation), and checks it against the group key.
//
// SINGLE POINT OF TRUST: the result is the whole key; once exported, the
// threshold protects nothing. See the package documentation.
func Export(shares []*dkg.KeyShare) (curve.Scalar, error) {
	if len(shares) == 0 || shares[0] == nil {
		return nil, fmt.Errorf("%w: no shares", ErrTooFewShares)
	}
	first := shares[0]
	seen := make(map[transport.PartyID]bool, len(shares))
	points := make([]vss.Share, 0, len(shares))
	for i, ks := range shares {
		if ks == nil {
			return nil, fmt.Errorf("%w: share %d is nil", ErrInconsistentShares, i)
		}
		if err := ks.Validate(); err != nil {
			return nil, fmt.Errorf("%w: share of party %d: %w", ErrInconsistentShares, ks.Self, err)
		}
		if !samePublic(first, ks) {
			return nil, fmt.Errorf("%w: share of party %d belongs to another key or generation", ErrInconsistentShares, ks.Self)
		}
		if seen[ks.Self] {
			return nil, fmt.Errorf("%w: two shares of party %d", ErrInconsistentShares, ks.Self)
		}
		seen[ks.Self] = true
		x, err := ks.IDScalar(ks.Self)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInconsistentShares, err)
		}
		points = append(points, vss.Share{ID: x, Value: ks.Secret})
	}
	if len(shares) < first.Threshold {
		return nil, fmt.Errorf("%w: %d shares for a threshold of %d", ErrTooFewShares, len(shares), first.Threshold)
	}
	secret, err := vss.Reconstruct(first.Curve, points)
	if err != nil {
		return nil, fmt.Errorf("dealer: interpolating: %w", err)
	}
	if !first.Curve.ScalarBaseMult(secret).Equal(first.GroupKey) {
		secret.Zeroize()
		return nil, ErrWrongKey
	}
	return secret, nil
}

// samePublic reports whether two shares carry the same public data.
func samePublic(a, b *dkg.KeyShare) bool {
	if a.Curve.ID() != b.Curve.ID() || a.Threshold != b.Threshold || !slices.Equal(a.Parties, b.Parties) ||
		!a.GroupKey.Equal(b.GroupKey) || !slices.Equal(a.ChainCode, b.ChainCode) ||
		len(a.PublicShares) != len(b.PublicShares) {
		return false
	}
	for id, p := range a.PublicShares {
		q, ok := b.PublicShares[id]
		if !ok || !p.Equal(q) {
			return false
		}
	}
	return true
}
