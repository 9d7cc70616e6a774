package refresh

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
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
	// Identity, if set, signs every message of this party with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest party ends with the same outcome, the same new public
	// data or an abort naming the same culprits. Its Peers must hold the
	// identity key of every dealer and every new party; keys of other
	// parties are left out. A wallet therefore passes the old key's record
	// (Share.Identities, or Old.Identities at a joining party) with the
	// keys of the joining parties added, which it learnt when they were
	// enrolled. Where the old key has a record, Peers must agree with it.
	// The new shares record the new committee's keys from Peers: this is
	// how the keys of joining parties enter the key's record. Its
	// MaxFaulty defaults to the OLD threshold t less one: the old holders
	// hold the key now, and t of them lying have it whole already, so the
	// run withstands as many lying parties as the key does; a caller who
	// fears more among the new parties sets MaxFaulty itself. nil keeps
	// the unsigned contract, under which a malicious party can make honest
	// parties disagree; the new shares then keep the old record's keys if
	// it holds one for every new party, and record none otherwise.
	Identity *transport.Identity
}

// NewReshare returns the resharing [transport.Machine] of one party (the
// package documentation's "Resharing", in its "Dealing rounds"). A
// receiver checks its share against the dealer's commitment, and the
// commitment's constant term against λ_i·X_i, computed from the dealer's
// public share, so a dealer that shares anything but its own weighted
// share is named.
//
// The result is the new key share for a member of NewParties and nil for a
// dealer that leaves. The old shares still interpolate to the same key, so
// once every new party holds its share every old share holder (dealer or
// not) must delete its old share.
//
// The run finishes with [transport.FinishConfirmed] on the new key's
// public data, which every party (a leaving dealer too) computes. With
// cfg.Identity a party commits only once every party has signed a
// confirmation of the same public data, so the run completing means that
// every new party has its share: store the new share with the certificate
// ([transport.Certified] on the machine), then delete the old share. A
// party that ends with [transport.ErrUnconfirmed] gets no new share and
// keeps its old one in use (the package documentation, "Agreement", says
// why that is safe). Without cfg.Identity, a completed run only says that
// this party finished.
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
	parties := union(dealers, receivers)
	// f is the OLD threshold less one. The dealers hold the key now, and
	// any t of the old holders hold it whole: the key, and so this run,
	// are only safe while at most t-1 parties lie, and a run that
	// withstood more would protect a key that is lost already. The new
	// threshold says how safe the new sharing will be, not how many
	// parties of this run may lie; a caller who fears more among the new
	// parties sets MaxFaulty itself (naming a culprit on unverifiable
	// evidence then takes more honest parties). The transport needs
	// f < len(parties); there are at least t dealers, so the cap is a
	// guard only.
	id, err := runIdentity(cfg.Identity, old.Identities, parties, min(old.Threshold-1, len(parties)-1))
	if err != nil {
		return nil, nil, err
	}
	context, err := runContext(ReshareProtocol, old, parties, id, func(tr *transcript.Transcript) error {
		return appendReshare(tr, dealers, receivers, cfg.NewThreshold)
	})
	if err != nil {
		return nil, nil, err
	}
	held := heldIdentities(id, old.Identities, receivers)
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
		parties:   parties,
		dealers:   dealers,
		receivers: receivers,
		threshold: cfg.NewThreshold,
		rand:      cfg.Rand,
		context:   context,
		identity:  id,
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
		finish: func(u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, *Public, error) {
			return reshared(old, &cfg, dealers, receivers, held, u, eps)
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
// every new party k, and the group key Σ_i ε_i(0), which must equal the
// old one; held is the new record of identity keys. A dealer that leaves
// computes the new public data too, to confirm it.
func reshared(old *Public, cfg *ReshareConfig, dealers, receivers []transport.PartyID, held map[transport.PartyID]ed25519.PublicKey, u map[transport.PartyID]curve.Scalar, eps map[transport.PartyID]*vss.Commitment) (*dkg.KeyShare, *Public, error) {
	sum, err := sumCommitments(eps, dealers)
	if err != nil {
		return nil, nil, err
	}
	if !sum.Constant().Equal(old.GroupKey) {
		return nil, nil, fmt.Errorf("%w: resharing would change the group key", ErrInvariant)
	}
	c := old.Curve
	next := &Public{
		Curve:        c,
		Threshold:    cfg.NewThreshold,
		Parties:      slices.Clone(receivers),
		GroupKey:     old.GroupKey,
		PublicShares: make(map[transport.PartyID]curve.Point, len(receivers)),
		ChainCode:    slices.Clone(old.ChainCode),
		Identities:   identities.Clone(held),
	}
	for _, k := range receivers {
		next.PublicShares[k] = sum.Evaluate(idScalar(c, k))
	}
	if u == nil {
		return nil, next, nil // a dealer leaving the committee
	}
	secret := addValues(c.NewScalar(), u, dealers)
	ks := next.keyShare(cfg.Self, secret)
	if err := ks.Validate(); err != nil {
		secret.Zeroize()
		return nil, nil, fmt.Errorf("%w: reshared key share: %w", ErrInvariant, err)
	}
	return ks, next, nil
}

// union returns the sorted union of two party lists.
func union(a, b []transport.PartyID) []transport.PartyID {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
