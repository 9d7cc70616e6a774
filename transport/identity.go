package transport

import (
	"crypto/ed25519"
	"errors"
	"fmt"
)

// Identity makes a run signed: every message carries its sender's
// signature, and the run gets the agreement layer (docs/agreement.md):
// signed echoes, a conclusion after any abort in which every honest party
// reaches the same verdict, confirmed completion and relays of missing
// messages. A run without an Identity keeps the older contract of
// broadcast with abort, in which honest parties may disagree.
type Identity struct {
	// Key is this party's long-term Ed25519 private key. Its public key must
	// be Peers[Config.Self].
	Key ed25519.PrivateKey
	// Peers maps every party of the run, this one included, to its
	// long-term identity public key. Every party must hold the same map (it
	// is part of a key share's public record).
	Peers map[PartyID]ed25519.PublicKey
	// MaxFaulty is the largest number of malicious parties the run must
	// withstand, f; a protocol with threshold t sets t-1. The conclusion
	// takes f+1 rounds, and a party is named on others' unverifiable
	// word (a timeout, a bad direct message) only when f+1 parties name it.
	// Zero means len(Parties)-1: only self-verifying evidence names anyone.
	MaxFaulty int
}

// ErrIdentity is wrapped by every error about an invalid Identity.
var ErrIdentity = errors.New("transport: invalid identity")

// validate checks id against the run's parties and returns f.
func (id *Identity) validate(self PartyID, parties []PartyID) (int, error) {
	if len(id.Key) != ed25519.PrivateKeySize {
		return 0, fmt.Errorf("%w: private key of %d bytes", ErrIdentity, len(id.Key))
	}
	if len(id.Peers) != len(parties) {
		return 0, fmt.Errorf("%w: %d identity keys for %d parties", ErrIdentity, len(id.Peers), len(parties))
	}
	for _, p := range parties {
		pk := id.Peers[p]
		if len(pk) != ed25519.PublicKeySize {
			return 0, fmt.Errorf("%w: party %d has an identity key of %d bytes", ErrIdentity, p, len(pk))
		}
	}
	// Derived from the seed, not read from the key's second half, which a
	// malformed key could set to anything.
	own, ok := ed25519.NewKeyFromSeed(id.Key.Seed()).Public().(ed25519.PublicKey)
	if !ok || !own.Equal(ed25519.PublicKey(id.Key[ed25519.SeedSize:])) {
		return 0, fmt.Errorf("%w: the private key's public half does not match its seed", ErrIdentity)
	}
	if !own.Equal(id.Peers[self]) {
		return 0, fmt.Errorf("%w: the private key is not party %d's identity key", ErrIdentity, self)
	}
	f := id.MaxFaulty
	switch {
	case f < 0 || f >= len(parties):
		return 0, fmt.Errorf("%w: MaxFaulty %d for %d parties", ErrIdentity, f, len(parties))
	case f == 0:
		f = len(parties) - 1
	}
	return f, nil
}
