package refresh

import (
	"crypto/rand"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// ReshareConfig configures one party's resharing. The run's parties are
// Dealers ∪ NewParties; a party may be in both.
type ReshareConfig struct {
	// Self is this party.
	Self transport.PartyID
	// Share is Self's current key share, required when Self is a dealer
	// (and otherwise only used for its public data). It is never modified.
	Share *dkg.KeyShare
	// Old is the old key's public data. Required when Share is nil (a
	// party joining the new committee); if both are given they must agree.
	Old *Public
	// Dealers are the old share holders that deal: at least the old
	// threshold of them (any t of the n suffice).
	Dealers []transport.PartyID
	// NewParties is the new committee and NewThreshold its threshold t',
	// 1 <= t' <= len(NewParties).
	NewParties   []transport.PartyID
	NewThreshold int
	// SessionID comes from ReshareSessionID and is the same for every
	// party.
	SessionID []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
}

// NewReshare returns the resharing [transport.Machine] of one party (the
// package documentation's "Resharing", in its "Dealing rounds"). A
// receiver checks its share against the dealer's commitment, and the
// commitment's constant term against λ_i·X_i, computed from the dealer's
// public share, so a dealer that shares anything but its own weighted
// share is named.
//
// The result is the new key share for a member of NewParties and nil for a
// dealer that leaves. When the run completes every new party holds a valid
// share; the old shares still interpolate to the same key, so every old
// share holder (dealer or not) must delete its old share then.
func NewReshare(cfg ReshareConfig) (transport.Machine[*dkg.KeyShare], error) {
	m, _, err := newReshare(cfg)
	return m, err
}

func newReshare(cfg ReshareConfig) (transport.Machine[*dkg.KeyShare], *dealing, error) {
	old, err := cfg.validate()
	if err != nil {
		return nil, nil, err
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	c := old.Curve
	dealers := transport.SortedCopy(cfg.Dealers)
	receivers := transport.SortedCopy(cfg.NewParties)
	lambdas, err := vss.LagrangeCoefficients(c, idScalars(c, dealers))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	// Each dealer's commitment must open to λ_i·X_i. Public values: variable
	// time is fine.
	expected := make(map[transport.PartyID]curve.Point, len(dealers))
	for i, d := range dealers {
		expected[d] = old.PublicShares[d].VarTimeScalarMult(lambdas[i])
	}
	spec := dealingSpec{
		protocol:  ReshareProtocol,
		curve:     c,
		self:      cfg.Self,
		parties:   union(dealers, receivers),
		dealers:   dealers,
		receivers: receivers,
		threshold: cfg.NewThreshold,
		rand:      cfg.Rand,
		decode: func(dealer transport.PartyID, b []byte) (*vss.Commitment, error) {
			cm, err := vss.DecodeCommitment(c, b, cfg.NewThreshold)
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrBadCommitment, err)
			}
			if !cm.Constant().Equal(expected[dealer]) {
				return nil, fmt.Errorf("%w: constant term is not λ·X of the dealer's public share", ErrBadCommitment)
			}
			return cm, nil
		},
		finish: func(u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, error) {
			return reshared(old, &cfg, dealers, receivers, u, eps)
		},
	}
	if i, ok := slices.BinarySearch(dealers, cfg.Self); ok {
		spec.w = lambdas[i].Mul(cfg.Share.Secret)
	}
	return newDealingMachine(spec, cfg.SessionID)
}

// validate checks the configuration and returns the old public data.
func (cfg *ReshareConfig) validate() (*Public, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrConfig, fmt.Sprintf(format, args...))
	}
	var old *Public
	switch {
	case cfg.Share != nil:
		if err := cfg.Share.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
		if cfg.Share.Self != cfg.Self {
			return nil, bad("share of party %d given to party %d", cfg.Share.Self, cfg.Self)
		}
		old = PublicOf(cfg.Share)
		if cfg.Old != nil && !cfg.Old.Equal(old) {
			return nil, bad("Old and Share describe different keys")
		}
	case cfg.Old != nil:
		if err := cfg.Old.Validate(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
		old = cfg.Old.Clone()
	default:
		return nil, bad("neither a key share nor the old public data")
	}
	if err := transport.ValidateParties(cfg.Dealers); err != nil {
		return nil, fmt.Errorf("%w: dealers: %w", ErrConfig, err)
	}
	for _, d := range cfg.Dealers {
		if !transport.Contains(old.Parties, d) {
			return nil, bad("dealer %d holds no share of the key", d)
		}
	}
	if len(cfg.Dealers) < old.Threshold {
		return nil, bad("%d dealers for a threshold of %d", len(cfg.Dealers), old.Threshold)
	}
	if err := transport.ValidateParties(cfg.NewParties); err != nil {
		return nil, fmt.Errorf("%w: new parties: %w", ErrConfig, err)
	}
	if len(cfg.NewParties) > dkg.MaxParties {
		return nil, bad("%d new parties", len(cfg.NewParties))
	}
	if cfg.NewThreshold < 1 || cfg.NewThreshold > len(cfg.NewParties) {
		return nil, bad("new threshold %d of %d", cfg.NewThreshold, len(cfg.NewParties))
	}
	isDealer := transport.Contains(cfg.Dealers, cfg.Self)
	if !isDealer && !transport.Contains(cfg.NewParties, cfg.Self) {
		return nil, bad("party %d is neither a dealer nor a new party", cfg.Self)
	}
	if isDealer && cfg.Share == nil {
		return nil, bad("dealer %d needs its key share", cfg.Self)
	}
	if len(union(cfg.Dealers, cfg.NewParties)) < 2 {
		return nil, bad("resharing needs at least two parties")
	}
	if len(cfg.SessionID) == 0 {
		return nil, bad("empty session id")
	}
	return old, nil
}

// reshared is D4 of a resharing: x'_j = Σ_i u_ij, X'_k = Σ_i ε_i(k) for
// every new party k, and the group key Σ_i ε_i(0), which must
// equal the old one.
func reshared(old *Public, cfg *ReshareConfig, dealers, receivers []transport.PartyID, u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, error) {
	sum, err := sumCommitments(eps, dealers)
	if err != nil {
		return nil, err
	}
	if !sum.Constant().Equal(old.GroupKey) {
		return nil, fmt.Errorf("%w: resharing would change the group key", ErrInvariant)
	}
	if u == nil {
		return nil, nil // a dealer leaving the committee
	}
	c := old.Curve
	secret := addValues(c.NewScalar(), u, dealers)
	next := &Public{
		Curve:        c,
		Threshold:    cfg.NewThreshold,
		Parties:      slices.Clone(receivers),
		GroupKey:     old.GroupKey,
		PublicShares: make(map[transport.PartyID]curve.Point, len(receivers)),
		ChainCode:    slices.Clone(old.ChainCode),
	}
	for _, k := range receivers {
		next.PublicShares[k] = sum.Evaluate(idScalar(c, k))
	}
	ks := next.keyShare(cfg.Self, secret)
	if err := ks.Validate(); err != nil {
		secret.Zeroize()
		return nil, fmt.Errorf("%w: reshared key share: %w", ErrInvariant, err)
	}
	return ks, nil
}

// union returns the sorted union of two party lists.
func union(a, b []transport.PartyID) []transport.PartyID {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
