package frost

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Protocol names peer-to-peer FROST signing and its version. Version 2
// broadcasts the signature shares (version 1 sent them as direct messages)
// and binds every message to a digest of the run's public inputs.
const Protocol = "mosaic/frost/sign/v2"

// ErrConfig reports a bad signing configuration.
var ErrConfig = errors.New("frost: invalid configuration")

// SignConfig configures one signer of a peer-to-peer run.
type SignConfig struct {
	// Suite is the ciphersuite; the key packages must be of it.
	Suite Ciphersuite
	// Key is this signer's key package; Public the group's public package
	// (both tweaked for taproot outputs, see KeyPackage.Tweak).
	Key    *KeyPackage
	Public *PublicKeyPackage
	// Signers is the signing set (at least MinSigners), Self one of them.
	// Party ids are the FROST identifiers.
	Signers []transport.PartyID
	Self    transport.PartyID
	// SessionID is fresh for every run and the same at every signer
	// (SessionID derives it).
	SessionID []byte
	// Message is what is signed, the same at every signer (for a taproot
	// key-path spend, the 32-byte BIP-341 signature hash).
	Message []byte
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this signer with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest signer ends with the same outcome, the same signature or
	// an abort naming the same culprits. Its Peers must hold the identity
	// key of every signer and may hold those of other holders of the key,
	// which are left out. Its MaxFaulty defaults to MinSigners-1, capped to
	// len(Signers)-1: with exactly MinSigners signers that is every other
	// signer, a dishonest majority, under which only self-verifying
	// evidence names anyone (the package documentation says what that
	// means for a bad share). nil keeps the unsigned contract, under which
	// a malicious signer can make honest signers disagree.
	Identity *transport.Identity
}

// NewSign returns a Machine that signs Message with FROST among peers, with
// no coordinator: every signer runs the two rounds and the aggregation the
// package documentation lists. The result is the signature in the suite's
// encoding, verified under the group key. A single signer (a 1-of-1 key)
// runs the same rounds with no peers and sends nothing. A configuration it
// cannot run (a key package and public key package of different keys, a
// signing set too small or naming a party without a share, an empty
// session id, an Identity the transport refuses or without a signer's key)
// is an error wrapping ErrConfig.
//
// Every message carries a digest of the run's public inputs (the suite,
// the public key package, the signing set, the message and the signers'
// identity keys): signers with other ones end at once with
// transport.ErrContextMismatch, naming nobody. With an
// Identity the run agrees (docs/agreement.md): the machine adds a round in
// which every signer confirms the signature, and returns it only once every
// signer has confirmed it (transport.FinishConfirmed), so that no honest
// signer returns a signature while another aborts. A signer that ends with
// transport.ErrUnconfirmed had the signature but not every confirmation:
// the others may have finished with it.
func NewSign(cfg SignConfig) (transport.Machine[[]byte], error) {
	if cfg.Key == nil || cfg.Public == nil {
		return nil, fmt.Errorf("%w: missing key package", ErrConfig)
	}
	if !cfg.Suite.valid() {
		return nil, fmt.Errorf("%w: %w", ErrConfig, ErrInvalidSuite)
	}
	if cfg.Key.Suite() != cfg.Suite || cfg.Public.Suite() != cfg.Suite {
		return nil, fmt.Errorf("%w: key of another suite", ErrConfig)
	}
	if err := checkKeyMatchesPublic(cfg.Key, cfg.Public); err != nil {
		return nil, err
	}
	// The key's minimum equals the public package's, which checkSigners
	// holds the signing set to.
	if err := checkSigners(cfg.Public, cfg.Signers); err != nil {
		return nil, err
	}
	if self, err := IdentifierFromUint64(uint64(cfg.Self)); err != nil || self != cfg.Key.Identifier() || !transport.Contains(cfg.Signers, cfg.Self) {
		return nil, fmt.Errorf("%w: self %d does not match the key package or signer set", ErrConfig, cfg.Self)
	}
	switch n := len(cfg.SessionID); {
	case n == 0:
		return nil, fmt.Errorf("%w: empty session id", ErrConfig)
	case n > transport.MaxSessionID:
		return nil, fmt.Errorf("%w: session id of %d bytes, at most %d", ErrConfig, n, transport.MaxSessionID)
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Reader
	}
	id, err := signingIdentity(cfg.Identity, cfg.Public.MinSigners(), cfg.Signers)
	if err != nil {
		return nil, err
	}
	runCtx, err := runContext(cfg, id)
	if err != nil {
		return nil, err
	}
	m, err := transport.NewMachine[[]byte](transport.Config{
		Protocol:  Protocol,
		SessionID: cfg.SessionID,
		Self:      cfg.Self,
		Parties:   cfg.Signers,
		Context:   runCtx,
		Identity:  id,
	}, &commitRound{cfg: cfg})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// checkKeyMatchesPublic refuses a key package and a public key package of
// different keys: the group key, the minimum number of signers and the
// signer's verifying share must be the same in both. Without this check a
// signer with a mismatched pair would only be found out by its peers,
// which would name it as a cheater.
func checkKeyMatchesPublic(kp *KeyPackage, pub *PublicKeyPackage) error {
	if !kp.GroupKey().Equal(pub.GroupKey()) {
		return fmt.Errorf("%w: key package and public key package have different group keys", ErrConfig)
	}
	if kp.MinSigners() != pub.MinSigners() {
		return fmt.Errorf("%w: key package needs %d signers, public key package %d", ErrConfig, kp.MinSigners(), pub.MinSigners())
	}
	if vs, ok := pub.VerifyingShare(kp.Identifier()); !ok || !vs.Equal(kp.VerifyingShare()) {
		return fmt.Errorf("%w: the public key package does not hold signer %v's verifying share", ErrConfig, kp.Identifier())
	}
	return nil
}

// checkSigners refuses a signing set that is not a valid party list, that
// is smaller than the key's minimum, or that names a party holding no share
// of pub, with an error wrapping ErrConfig.
func checkSigners(pub *PublicKeyPackage, signers []transport.PartyID) error {
	if err := transport.ValidateParties(signers); err != nil {
		return fmt.Errorf("%w: signers: %w", ErrConfig, err)
	}
	if len(signers) < pub.MinSigners() {
		return fmt.Errorf("%w: %d signers, need %d", ErrConfig, len(signers), pub.MinSigners())
	}
	for _, p := range signers {
		id, err := IdentifierFromUint64(uint64(p))
		if err != nil {
			return fmt.Errorf("%w: %w", ErrConfig, err)
		}
		if _, ok := pub.VerifyingShare(id); !ok {
			return fmt.Errorf("%w: signer %d holds no share of this key", ErrConfig, p)
		}
	}
	return nil
}

// identifierOf is the FROST identifier of a signer, whose party id
// checkSigners has accepted.
func identifierOf(p transport.PartyID) Identifier {
	id, _ := IdentifierFromUint64(uint64(p))
	return id
}

// commitRound is round one (RFC 9591 section 5.1): each signer broadcasts
// its commitments; the framework's echo check makes sure that every signer
// builds the same signing package from them.
type commitRound struct {
	cfg    SignConfig
	nonces *SigningNonces
	own    *SigningCommitments
}

// Expects implements transport.Round: every signer broadcasts its
// commitments.
func (r *commitRound) Expects() transport.Expect { return transport.Expect{Broadcast: true} }

// Start is round one (RFC 9591 section 5.1): draw this signer's nonces
// and broadcast their commitments.
func (r *commitRound) Start() ([]*transport.Message, error) {
	nonces, comm, err := Commit(r.cfg.Suite, r.cfg.Key, r.cfg.Rand)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", transport.ErrLocal, err)
	}
	r.nonces, r.own = nonces, comm
	return []*transport.Message{{Payload: comm.Bytes()}}, nil
}

// Finalize builds the signing package from every signer's commitments and
// signs it (round two, RFC 9591 section 5.2, which consumes the nonces); the
// share is broadcast.
func (r *commitRound) Finalize(in *transport.Inbox) transport.Step[[]byte] {
	comms := []*SigningCommitments{r.own}
	var blame transport.Blame
	for _, j := range in.Senders() {
		sc, err := fromSigner(r.cfg.Suite, j, in.Broadcast(j), DecodeSigningCommitments, ErrInvalidCommitment, "commitment")
		if !blame.Add(j, err) {
			comms = append(comms, sc)
		}
	}
	if err := blame.Err("invalid signing commitment"); err != nil {
		r.nonces.Zeroize()
		return transport.Abort[[]byte](err)
	}
	pkg, err := NewSigningPackage(r.cfg.Suite, comms, r.cfg.Message)
	if err != nil {
		r.nonces.Zeroize()
		return transport.Abort[[]byte](err)
	}
	share, err := Sign(r.cfg.Suite, pkg, r.nonces, r.cfg.Key)
	if err != nil {
		return transport.Abort[[]byte](err)
	}
	out := []*transport.Message{{Payload: share.Bytes()}}
	return transport.Next[[]byte](out, &shareRound{cfg: r.cfg, pkg: pkg, own: share})
}

// fromSigner decodes what signer j sent in a round (its commitments in
// round one, its signature share in round two), which must carry j's own
// identifier. Every error wraps sentinel, the round's error, so that the
// blame names what was wrong whatever the decoder found.
func fromSigner[T interface{ Identifier() Identifier }](suite Ciphersuite, j transport.PartyID, b []byte, decode func(Ciphersuite, []byte) (T, error), sentinel error, what string) (T, error) {
	v, err := decode(suite, b)
	switch {
	case err != nil && !errors.Is(err, sentinel):
		err = fmt.Errorf("%w: %w", sentinel, err)
	case err == nil && v.Identifier() != identifierOf(j):
		err = fmt.Errorf("%w: %s carries identifier %v", sentinel, what, v.Identifier())
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// shareRound collects the signature shares and aggregates them (RFC 9591
// sections 5.3 and 5.4). A share is the same for every peer, so it is
// broadcast. Without identities it needs no echo round (SkipFinalEcho):
// each share is checked against public values, so a signer that sends
// different ones to different peers can at most make some of them abort,
// naming it, while the others finish. With identities that split is what
// the run must not end in: the confirmation round of FinishConfirmed
// carries the echo of the shares, a share withheld from some peers is
// relayed to them by the others, and two different shares signed by one
// signer prove its equivocation to every peer.
type shareRound struct {
	cfg SignConfig
	pkg *SigningPackage
	own *SignatureShare
}

// Expects implements transport.Round: every signer broadcasts its
// signature share.
func (r *shareRound) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, SkipFinalEcho: true}
}

// Finalize aggregates the shares into the signature, or names every signer
// whose share is malformed or invalid.
func (r *shareRound) Finalize(in *transport.Inbox) transport.Step[[]byte] {
	shares := map[Identifier]*SignatureShare{r.own.Identifier(): r.own}
	party := map[Identifier]transport.PartyID{r.own.Identifier(): r.cfg.Self}
	var blame transport.Blame
	for _, j := range in.Senders() {
		s, err := fromSigner(r.cfg.Suite, j, in.Broadcast(j), DecodeSignatureShare, ErrInvalidSignatureShare, "share")
		if !blame.Add(j, err) {
			shares[s.Identifier()], party[s.Identifier()] = s, j
		}
	}
	if len(blame.Culprits()) > 0 {
		// Without every share there is no aggregate to check, so the
		// well-formed shares are verified one by one: the abort then names
		// the invalid ones as well as the malformed ones.
		for id, s := range shares {
			if party[id] != r.cfg.Self {
				blame.Add(party[id], VerifySignatureShare(r.cfg.Suite, r.pkg, s, r.cfg.Public))
			}
		}
		return transport.Abort[[]byte](blame.Err("invalid signature share"))
	}
	sig, err := Aggregate(r.cfg.Suite, r.pkg, shares, r.cfg.Public)
	var cheaters *CheatersError
	switch {
	case errors.As(err, &cheaters):
		for _, id := range cheaters.Identifiers {
			blame.Add(party[id], &CheatersError{Identifiers: []Identifier{id}})
		}
		return transport.Abort[[]byte](blame.Err("invalid signature share"))
	case err != nil:
		return transport.Abort[[]byte](err)
	}
	// The signature is the public part every signer confirms: all who
	// aggregated the same shares of the same package hold the same bytes.
	// A signer that got a bad share cannot aggregate from the others (a
	// FROST signature needs the share of every signer of the package), so
	// without the confirmation some signers would finish and it would not.
	return transport.FinishConfirmed(sig, sig)
}

// KeysFromShare turns a key share from dkg (or refresh, or a dealer) into
// FROST key packages: the party's KeyPackage and the group's
// PublicKeyPackage. Party ids become FROST identifiers.
func KeysFromShare(suite Ciphersuite, share *dkg.KeyShare) (*KeyPackage, *PublicKeyPackage, error) {
	if share == nil {
		return nil, nil, fmt.Errorf("%w: no key share", ErrConfig)
	}
	if err := suite.check(); err != nil {
		return nil, nil, err
	}
	if share.Curve == nil {
		return nil, nil, fmt.Errorf("%w: key share without a curve", ErrConfig)
	}
	if share.Curve.ID() != suite.Curve().ID() {
		return nil, nil, fmt.Errorf("%w: %s share for %s", ErrSuiteMismatch, share.Curve.Name(), suite)
	}
	if err := share.Validate(); err != nil {
		return nil, nil, err
	}
	self, err := IdentifierFromUint64(uint64(share.Self))
	if err != nil {
		return nil, nil, err
	}
	kp, err := NewKeyPackage(suite, self, share.Secret, share.GroupKey, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	vs := make(map[Identifier]curve.Point, len(share.PublicShares))
	for id, p := range share.PublicShares {
		fid, err := IdentifierFromUint64(uint64(id))
		if err != nil {
			return nil, nil, err
		}
		vs[fid] = p
	}
	pub, err := NewPublicKeyPackage(suite, share.GroupKey, vs, share.Threshold)
	if err != nil {
		return nil, nil, err
	}
	return kp, pub, nil
}
