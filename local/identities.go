package local

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"maps"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Identities holds every party's long-term Ed25519 identity key, the key
// that signs the party's messages (transport.Identity) and so gives a run
// the agreement layer of docs/agreement.md: every honest party ends it the
// same way, all with the same output or all aborting naming the same
// culprits. A key share made with them records their public halves
// (dkg.KeyShare.Identities), and every later run on the key must be signed
// with the same keys.
//
// Pass them to every run with WithIdentities. Without it each run signs
// with keys made for it alone and records none (the package documentation
// says more). Like the shares, identity keys are secrets: in a deployment
// each party holds only its own (in examples/parties, its TLS
// certificate's key).
type Identities map[transport.PartyID]ed25519.PrivateKey

// NewIdentities returns a fresh identity key for every party of ids, drawn
// from WithRand's reader (crypto/rand by default); the other options play
// no part. Make them once, before Keygen, for every party that will ever
// hold the key (or add the keys of joining parties before a Reshare), and
// keep them as long as the key.
func NewIdentities(ids []transport.PartyID, opts ...Option) (Identities, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if err := checkParties("parties", ids); err != nil {
		return nil, err
	}
	return newIdentities(cfg.rand, ids)
}

// newIdentities draws one Ed25519 seed per party from r.
func newIdentities(r io.Reader, ids []transport.PartyID) (Identities, error) {
	keys := make(Identities, len(ids))
	for _, id := range ids {
		seed := make([]byte, ed25519.SeedSize)
		if _, err := io.ReadFull(r, seed); err != nil {
			return nil, fmt.Errorf("local: identity key of party %d: %w", id, err)
		}
		keys[id] = ed25519.NewKeyFromSeed(seed)
	}
	return keys, nil
}

// Public returns every party's identity public key, as a key share records
// them (dkg.KeyShare.Identities) and transport.Identity.Peers lists them;
// a malformed private key (not ed25519.PrivateKeySize bytes) has none. The
// public key is derived from the private key's seed, not read from its
// second half, which a malformed key could set to anything.
func (k Identities) Public() map[transport.PartyID]ed25519.PublicKey {
	out := make(map[transport.PartyID]ed25519.PublicKey, len(k))
	for id, key := range k {
		if pub, ok := publicOf(key); ok {
			out[id] = pub
		}
	}
	return out
}

// publicOf returns the public key of a well-formed private key.
func publicOf(key ed25519.PrivateKey) (ed25519.PublicKey, bool) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, false
	}
	pub, ok := ed25519.NewKeyFromSeed(key.Seed()).Public().(ed25519.PublicKey)
	return pub, ok
}

// restrict returns a copy of the keys of ids, or an error wrapping
// ErrInput naming the first party (in the order of ids) that has no
// well-formed key.
func (k Identities) restrict(ids []transport.PartyID) (Identities, error) {
	out := make(Identities, len(ids))
	for _, id := range ids {
		if _, ok := publicOf(k[id]); !ok {
			return nil, fmt.Errorf("%w: party %d has no identity key (WithIdentities)", ErrInput, id)
		}
		out[id] = append(ed25519.PrivateKey(nil), k[id]...)
	}
	return out, nil
}

// runIdentities returns the transport.Identity of every party of a run
// among parties, and whether its keys are made for this run alone.
//
// With WithIdentities the run signs with those keys, and record, the
// identity keys the key share records (nil for none), must list the same
// key for every party it names. Without it the run signs with a fresh key
// per party drawn from cfg.rand (ephemeral is then true), which nothing
// outside the run knows: the caller must leave them out of the run's
// outputs (forget), and a key share that records identity keys, which
// only those keys may sign for, is refused. MaxFaulty is left zero, for
// each protocol's default (the key's threshold less one). Input errors
// wrap ErrInput.
func runIdentities(cfg *config, parties []transport.PartyID, record map[transport.PartyID]ed25519.PublicKey) (signing map[transport.PartyID]*transport.Identity, ephemeral bool, err error) {
	keys := cfg.identities
	switch {
	case keys == nil && record != nil:
		return nil, false, fmt.Errorf("%w: the key share records identity keys (dkg.KeyShare.Identities); pass their private keys with WithIdentities", ErrInput)
	case keys == nil:
		if keys, err = newIdentities(cfg.rand, parties); err != nil {
			return nil, false, err
		}
		ephemeral = true
	}
	if keys, err = keys.restrict(parties); err != nil {
		return nil, false, err
	}
	peers := keys.Public()
	for _, id := range parties {
		if want, ok := record[id]; ok && !want.Equal(peers[id]) {
			return nil, false, fmt.Errorf("%w: party %d's identity key is not the one its key share records", ErrInput, id)
		}
	}
	signing = make(map[transport.PartyID]*transport.Identity, len(parties))
	for _, id := range parties {
		signing[id] = &transport.Identity{Key: keys[id], Peers: maps.Clone(peers)}
	}
	return signing, ephemeral, nil
}

// forget removes the record of identity keys from the key shares of a run
// signed with keys made for it alone (runIdentities), which no later run
// could sign with: the shares are then as a run without identities leaves
// them, and a later run signs with keys of its own.
func forget(ephemeral bool, shares ...*dkg.KeyShare) {
	if !ephemeral {
		return
	}
	for _, s := range shares {
		if s != nil {
			s.Identities = nil
		}
	}
}
