package dkls23

import (
	"fmt"
	"io"
	"slices"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// SignProtocol names DKLs23 signing and its version.
const SignProtocol = "mosaic/dkls23/sign/v1"

// DigestSize is the size of the message digest that is signed.
const DigestSize = 32

// SignConfig configures one signer of a DKLs23 signing run.
type SignConfig struct {
	// Key is this signer's Key from NewSetup.
	Key *Key
	// Signers is the signing set: at least the key's threshold of its
	// parties, this signer (Key.Self) one of them.
	Signers []transport.PartyID
	// SessionID is fresh for every run and the same at every signer
	// (SignSessionID derives it).
	SessionID []byte
	// Digest is the 32-byte message hash to sign (keccak256 for Ethereum,
	// double SHA-256 for Bitcoin's legacy inputs, ...).
	Digest []byte
	// Path is an optional non-hardened BIP-32 derivation path (package hd)
	// from the key's chain code: the run signs for the child key, and the
	// path is bound into the run (its context and session id), as cggmp
	// binds it into a presignature. nil signs with the root key.
	Path hd.Path
	// Rand is the randomness source; nil means crypto/rand.
	Rand io.Reader
	// Identity, if set, signs every message of this signer with its
	// long-term identity key and makes the run agree (docs/agreement.md):
	// every honest signer ends with the same signature, confirmed by
	// every signer, or every one aborts with the same verdict. Its Peers
	// must hold the identity key of every signer (and agree with the
	// share's record, dkg.KeyShare.Identities); keys of other holders are
	// left out. Its MaxFaulty defaults to the threshold less one, capped
	// to the number of signers less one. nil keeps the unsigned contract.
	Identity *transport.Identity
}

// SignSessionID derives the session id of a signing run from a nonce the
// signers agree on (at least 16 bytes, fresh per run), the key, the
// signing set, the path and the digest.
func SignSessionID(key *Key, signers []transport.PartyID, path hd.Path, digest, nonce []byte) ([]byte, error) {
	if err := key.validate(); err != nil {
		return nil, err
	}
	tr, err := session.Start(SignProtocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	tr.AppendBytes("key", keyContext(key.share))
	if err := session.AppendParties(tr, "signers", signers); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	appendPath(tr, path)
	tr.AppendBytes("digest", digest)
	return session.Finish(tr, nonce), nil
}

func appendPath(tr *transcript.Transcript, path hd.Path) {
	tr.AppendUint64("path length", uint64(len(path)))
	for _, c := range path {
		tr.AppendUint64("path", uint64(c))
	}
}

// NewSign returns the Machine of one signer of DKLs23 signing (DKLs23
// Protocol 3.6, "Signing"): three rounds, then the echo check of the last
// broadcast, and the signature of Digest under the group key (or the
// Path's child key) in cggmp's Signature type: low S, with its recovery
// id, verified before it is returned. The package documentation maps each
// round to the paper.
//
// A configuration it cannot run wraps ErrConfig (a signing set smaller
// than the threshold, not a subset of the key's parties or without this
// signer; a digest of another size; an empty session id; a hardened path
// or one on a key without a chain code); a signer whose pairwise setup is
// retired wraps ErrPairRetired. Every message carries a digest of the
// key's public record, the signers, the path and the digest: signers that
// differ in one of them end at once with transport.ErrContextMismatch.
func NewSign(cfg SignConfig) (transport.Machine[*cggmp.Signature], error) {
	st, err := newSignState(cfg)
	if err != nil {
		return nil, err
	}
	m, err := transport.NewMachine[*cggmp.Signature](transport.Config{
		Protocol:  SignProtocol,
		SessionID: cfg.SessionID,
		Self:      st.self,
		Parties:   st.signers,
		Context:   st.context,
		Identity:  st.identity,
	}, &signRound1{st: st})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return m, nil
}

// signState is what every round of one signer reads.
type signState struct {
	key      *Key
	share    *dkg.KeyShare // derived for the path
	self     transport.PartyID
	signers  []transport.PartyID
	peers    []transport.PartyID
	sid      []byte
	context  []byte
	identity *transport.Identity
	digest   []byte
	rand     io.Reader
	g        *[voleOTs]scalar

	sk    scalar                            // λ_i·x_i, this signer's additive share
	pk    map[transport.PartyID]curve.Point // λ_j·X_j for every signer
	group curve.Point                       // the key signed for
}

func newSignState(cfg SignConfig) (*signState, error) {
	key := cfg.Key
	if err := key.validate(); err != nil {
		return nil, err
	}
	share := key.share
	if err := transport.ValidateParties(cfg.Signers); err != nil {
		return nil, fmt.Errorf("%w: signers: %w", ErrConfig, err)
	}
	signers := transport.SortedCopy(cfg.Signers)
	switch {
	case len(signers) < share.Threshold:
		return nil, fmt.Errorf("%w: %d signers for a threshold of %d", ErrConfig, len(signers), share.Threshold)
	case !slices.Contains(signers, share.Self):
		return nil, fmt.Errorf("%w: signer %d is not in the signing set", ErrConfig, share.Self)
	case len(cfg.Digest) != DigestSize:
		return nil, fmt.Errorf("%w: digest of %d bytes, want %d", ErrConfig, len(cfg.Digest), DigestSize)
	case len(cfg.SessionID) == 0 || len(cfg.SessionID) > transport.MaxSessionID:
		return nil, fmt.Errorf("%w: session id of %d bytes", ErrConfig, len(cfg.SessionID))
	}
	var peers []transport.PartyID
	for _, id := range signers {
		if !slices.Contains(share.Parties, id) {
			return nil, fmt.Errorf("%w: signer %d holds no share of the key", ErrConfig, id)
		}
		if id == share.Self {
			continue
		}
		if key.isRetired(id) {
			return nil, fmt.Errorf("%w: with party %d", ErrPairRetired, id)
		}
		peers = append(peers, id)
	}
	if cfg.Path != nil {
		derived, _, err := hd.DeriveKeyShare(share, cfg.Path)
		if err != nil {
			return nil, fmt.Errorf("%w: path %v: %w", ErrConfig, cfg.Path, err)
		}
		share = derived
	}
	st := &signState{
		key: key, share: share, self: share.Self, signers: signers, peers: peers,
		sid: append([]byte(nil), cfg.SessionID...), digest: append([]byte(nil), cfg.Digest...),
		rand: cfg.Rand, g: gadget(), pk: map[transport.PartyID]curve.Point{}, group: share.GroupKey,
	}
	if err := st.additiveShares(); err != nil {
		return nil, err
	}
	id, err := identities.ForKey(cfg.Identity, signers, min(share.Threshold, len(signers))-1, key.share.Identities)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	st.identity = id
	if st.context, err = runContext(signContext(key, share, signers, cfg.Path, cfg.Digest), signers, id); err != nil {
		return nil, err
	}
	return st, nil
}

// additiveShares turns the Shamir shares into additive ones over the
// signing set: sk_i = λ_i·x_i for this signer, pk_j = λ_j·X_j for every
// signer (public, so computed in variable time).
func (st *signState) additiveShares() error {
	c := st.share.Curve
	ids := make([]curve.Scalar, len(st.signers))
	for k, id := range st.signers {
		s, err := st.share.IDScalar(id)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrKey, err)
		}
		ids[k] = s
	}
	lambdas, err := vss.LagrangeCoefficients(c, ids)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	for k, id := range st.signers {
		st.pk[id] = st.share.PublicShares[id].VarTimeScalarMult(lambdas[k])
		if id == st.self {
			x := lambdas[k].Mul(st.share.Secret)
			b := x.Bytes()
			st.sk.SetByteSlice(b)
			x.Zeroize()
			clear(b)
		}
	}
	return nil
}

// signContext is the run's transport context: the key generation, the
// key signed for, the signers, the path and the digest.
func signContext(key *Key, derived *dkg.KeyShare, signers []transport.PartyID, path hd.Path, digest []byte) []byte {
	t := transcript.New("mosaic/dkls23/v1/sign-context")
	t.AppendBytes("key", keyContext(key.share))
	// The setup id too: a signer holding a Key from another setup of the
	// same key ends the run at once with a context mismatch, instead of
	// failing every OT check and retiring its pairs.
	t.AppendBytes("setup", key.setupID)
	t.AppendPoint("signing key", derived.GroupKey)
	for _, id := range signers {
		t.AppendUint64("signer", uint64(id))
	}
	appendPath(t, path)
	t.AppendBytes("digest", digest)
	return t.ChallengeBytes("context", 32)
}

// voleLabel binds one multiplication of a run to the run and the ordered
// pair (Alice, Bob).
func (st *signState) voleLabel(alice, bob transport.PartyID) []byte {
	t := transcript.New("mosaic/dkls23/v1/vole-label")
	t.AppendBytes("session", st.sid)
	t.AppendUint64("alice", uint64(alice))
	t.AppendUint64("bob", uint64(bob))
	return t.ChallengeBytes("label", 32)
}
