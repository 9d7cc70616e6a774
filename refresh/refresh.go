package refresh

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/identities"
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
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with the same outcome, the same new public
	// data or an abort naming the same culprits. Its Peers must hold the
	// identity key of every party of Share (keys of others are left out),
	// and if Share has Identities they must be those keys. Its MaxFaulty
	// defaults to the key's threshold less one. nil keeps the unsigned
	// contract, under which a malicious party can make honest parties
	// disagree: some commit the new share while others keep the old one.
	Identity *transport.Identity
}

// New returns the proactive refresh [transport.Machine] of one party (the
// package documentation's "Proactive refresh", in its "Dealing rounds").
// Its result is a new key share for the same group key and threshold,
// whose secret is the old one plus the zero-shares received and whose
// public shares moved with it. The old
// share is left as it is: delete it once every party has its new share,
// because a mix of old and new shares does not interpolate to the key.
// (With t = 1 every share is the secret itself and a sharing of zero is
// zero everywhere: the run changes nothing; reshare to a higher threshold
// instead.)
//
// The new share keeps the old one's Identities; a share without them gets
// cfg.Identity's keys, if given. The run finishes with
// [transport.FinishConfirmed] on the new public data. With cfg.Identity a
// party commits only once every party has signed a confirmation of the
// same public data, so the run completing means that every party has its
// new share: store the new share with the certificate
// ([transport.Certified] on the machine), then delete the old share. A
// party that ends with [transport.ErrUnconfirmed] gets no new share and
// keeps its old one in use (the package documentation, "Agreement", says
// why that is safe). Without cfg.Identity, a completed run only says that
// this party finished.
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
	// f = t-1: the key is safe from t-1 malicious holders, and the run
	// withstands as many (t <= n, so t-1 < n).
	id, err := runIdentity(cfg.Identity, pub.Identities, pub.Parties, t-1)
	if err != nil {
		return nil, nil, err
	}
	context, err := runContext(Protocol, pub, pub.Parties, id, nil)
	if err != nil {
		return nil, nil, err
	}
	held := heldIdentities(id, pub.Identities, pub.Parties)
	spec := dealingSpec{
		protocol:  Protocol,
		curve:     c,
		self:      old.Self,
		parties:   pub.Parties,
		dealers:   pub.Parties,
		receivers: pub.Parties,
		threshold: t,
		rand:      cfg.Rand,
		context:   context,
		identity:  id,
		w:         c.NewScalar(),
		decode: func(_ transport.PartyID, b []byte) (*vss.Commitment, error) {
			return decodeZeroCommitment(c, b, t)
		},
		finish: func(u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, *Public, error) {
			return refreshed(old, pub, held, u, eps)
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
// at k, with held as the new record of identity keys. The group key and
// the threshold do not change; that is asserted, not assumed.
func refreshed(old *dkg.KeyShare, pub *Public, held map[transport.PartyID]ed25519.PublicKey, u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, *Public, error) {
	c := old.Curve
	sum, err := sumCommitments(eps, pub.Parties)
	if err != nil {
		return nil, nil, err
	}
	if !sum.Constant().IsIdentity() {
		return nil, nil, fmt.Errorf("%w: the zero-sharings do not sum to zero", ErrInvariant)
	}
	secret := addValues(old.Secret, u, pub.Parties)
	next := pub.Clone()
	next.Identities = identities.Clone(held)
	for _, k := range pub.Parties {
		next.PublicShares[k] = pub.PublicShares[k].Add(sum.Evaluate(idScalar(c, k)))
	}
	ks := next.keyShare(old.Self, secret)
	if err := ks.Validate(); err != nil {
		secret.Zeroize()
		return nil, nil, fmt.Errorf("%w: refreshed share: %w", ErrInvariant, err)
	}
	if !ks.GroupKey.Equal(old.GroupKey) || ks.Threshold != old.Threshold {
		secret.Zeroize()
		return nil, nil, fmt.Errorf("%w: group key or threshold changed", ErrInvariant)
	}
	return ks, next, nil
}
