package refresh

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// Config configures one party's proactive refresh.
type Config struct {
	// Share is the party's current key share; it is read, never modified.
	// Every party of Share.Parties takes part: a party left out would keep
	// a share that no longer fits the others.
	Share *dkg.KeyShare
	// SessionID comes from SessionID(PublicOf(Share), nonce) and is the
	// same for every party.
	SessionID []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
}

// New returns the proactive refresh [transport.Machine] of one party (the
// package documentation's "Proactive refresh", in its "Dealing rounds").
// Its result is a new key share for the same group key and threshold,
// whose secret is the old one plus the zero-shares received and whose
// public shares moved with it. The old
// share is left as it is: delete it once every party has its new share
// (the run completing means they do), because a mix of old and new shares
// does not interpolate to the key. (With t = 1 every share is the secret
// itself and a sharing of zero is zero everywhere: the run changes nothing;
// reshare to a higher threshold instead.)
//
// Messages from parties outside Share.Parties are refused.
func New(cfg Config) (transport.Machine[*dkg.KeyShare], error) {
	m, _, err := newRefresh(cfg)
	return m, err
}

func newRefresh(cfg Config) (transport.Machine[*dkg.KeyShare], *dealing, error) {
	old := cfg.Share
	if old == nil {
		return nil, nil, fmt.Errorf("%w: no key share", ErrConfig)
	}
	if err := old.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if len(old.Parties) < 2 {
		return nil, nil, fmt.Errorf("%w: refresh needs at least two parties", ErrConfig)
	}
	if len(cfg.SessionID) == 0 {
		return nil, nil, fmt.Errorf("%w: empty session id", ErrConfig)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	c, t := old.Curve, old.Threshold
	pub := PublicOf(old)
	spec := dealingSpec{
		protocol:  Protocol,
		curve:     c,
		self:      old.Self,
		parties:   pub.Parties,
		dealers:   pub.Parties,
		receivers: pub.Parties,
		threshold: t,
		rand:      cfg.Rand,
		w:         c.NewScalar(),
		decode: func(_ transport.PartyID, b []byte) (*vss.Commitment, error) {
			return decodeZeroCommitment(c, b, t)
		},
		finish: func(u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, error) {
			return refreshed(old, pub, u, eps)
		},
	}
	return newDealingMachine(spec, cfg.SessionID)
}

// decodeZeroCommitment parses a refresh dealer's commitment: exactly t
// points (SECURITY.md case 17) whose constant term is the identity
// (case 20).
func decodeZeroCommitment(c curve.Curve, b []byte, t int) (*vss.Commitment, error) {
	cm, err := vss.DecodeZeroCommitment(c, b, t)
	switch {
	case errors.Is(err, vss.ErrNonZeroConstant):
		return nil, fmt.Errorf("%w: %w", ErrNonZeroSharing, err)
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrBadCommitment, err)
	}
	return cm, nil
}

// refreshed is D4 of a refresh: x_i' = x_i + Σ_j u_ji and
// X_k' = X_k + Σ_j ε_j(k), where ε_j(k) is dealer j's commitment evaluated
// at k. The group key and the threshold do not change; that is asserted,
// not assumed.
func refreshed(old *dkg.KeyShare, pub *Public, u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, error) {
	c := old.Curve
	sum, err := sumCommitments(eps, pub.Parties)
	if err != nil {
		return nil, err
	}
	if !sum.Constant().IsIdentity() {
		return nil, fmt.Errorf("%w: the zero-sharings do not sum to zero", ErrInvariant)
	}
	secret := addValues(old.Secret, u, pub.Parties)
	next := pub.Clone()
	for _, k := range pub.Parties {
		next.PublicShares[k] = pub.PublicShares[k].Add(sum.Evaluate(idScalar(c, k)))
	}
	ks := next.keyShare(old.Self, secret)
	if err := ks.Validate(); err != nil {
		secret.Zeroize()
		return nil, fmt.Errorf("%w: refreshed share: %w", ErrInvariant, err)
	}
	if !ks.GroupKey.Equal(old.GroupKey) || ks.Threshold != old.Threshold {
		secret.Zeroize()
		return nil, fmt.Errorf("%w: group key or threshold changed", ErrInvariant)
	}
	return ks, nil
}
