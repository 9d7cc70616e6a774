package mobile

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
)

// ErrInput is wrapped by every error about the caller's arguments.
var ErrInput = errors.New("mobile: invalid input")

// Config is what every party of a key agrees on. Parties are numbered
// 1..Parties.
type Config struct {
	// Self is this party's id, 1..Parties.
	Self int
	// Parties is how many parties hold the key.
	Parties int
	// Threshold is how many of them sign.
	Threshold int
	// IdentitySeed is this party's 32-byte Ed25519 identity seed
	// (NewIdentitySeed).
	IdentitySeed []byte
	// PeerIdentities are the identity public keys of parties 1..Parties,
	// 32 bytes each, concatenated in party order (this party's too).
	PeerIdentities []byte
	// Nonce makes the session ids of the runs unique: the same fresh
	// random value (at least 16 bytes) at every party, for example from
	// the server that coordinates them.
	Nonce []byte
	// RoundTimeoutMillis bounds each round; 0 means one minute.
	RoundTimeoutMillis int
}

// NewIdentitySeed returns a fresh Ed25519 identity seed (32 bytes), to
// keep in the device's key store.
func NewIdentitySeed() ([]byte, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	return seed, nil
}

// IdentityPublicKey returns the public key of an identity seed, the
// 32 bytes the other parties put in their PeerIdentities.
func IdentityPublicKey(seed []byte) ([]byte, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: identity seed of %d bytes", ErrInput, len(seed))
	}
	pub, _ := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
	return pub, nil
}

// checked is a Config in the types of the protocols.
type checked struct {
	self      transport.PartyID
	parties   []transport.PartyID
	threshold int
	key       ed25519.PrivateKey
	peers     map[transport.PartyID]ed25519.PublicKey
	nonce     []byte
	timeout   time.Duration
}

func (c *Config) check() (*checked, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: no config", ErrInput)
	}
	if c.Parties < 1 || c.Parties > transport.MaxParties || c.Self < 1 || c.Self > c.Parties || c.Threshold < 1 || c.Threshold > c.Parties {
		return nil, fmt.Errorf("%w: party %d, %d-of-%d", ErrInput, c.Self, c.Threshold, c.Parties)
	}
	if len(c.IdentitySeed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: identity seed of %d bytes", ErrInput, len(c.IdentitySeed))
	}
	if len(c.PeerIdentities) != c.Parties*ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: %d bytes of identity keys for %d parties", ErrInput, len(c.PeerIdentities), c.Parties)
	}
	if c.RoundTimeoutMillis < 0 {
		return nil, fmt.Errorf("%w: negative round timeout", ErrInput)
	}
	k := &checked{self: transport.PartyID(c.Self), threshold: c.Threshold, key: ed25519.NewKeyFromSeed(c.IdentitySeed),
		peers: map[transport.PartyID]ed25519.PublicKey{}, nonce: append([]byte(nil), c.Nonce...), timeout: time.Minute}
	if c.RoundTimeoutMillis > 0 {
		k.timeout = time.Duration(c.RoundTimeoutMillis) * time.Millisecond
	}
	for i := 1; i <= c.Parties; i++ {
		id := transport.PartyID(i)
		k.parties = append(k.parties, id)
		off := (i - 1) * ed25519.PublicKeySize
		k.peers[id] = append(ed25519.PublicKey(nil), c.PeerIdentities[off:off+ed25519.PublicKeySize]...)
	}
	return k, nil
}

// identity is the run's transport.Identity among parties.
func (k *checked) identity(parties []transport.PartyID) *transport.Identity {
	peers := map[transport.PartyID]ed25519.PublicKey{}
	for _, p := range parties {
		peers[p] = k.peers[p]
	}
	return &transport.Identity{Key: k.key, Peers: peers}
}

// parseSigners reads "1,3" into party ids of the config.
func (k *checked) parseSigners(s string) ([]transport.PartyID, error) {
	var out []transport.PartyID
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > len(k.parties) {
			return nil, fmt.Errorf("%w: signer %q", ErrInput, f)
		}
		out = append(out, transport.PartyID(n))
	}
	if err := transport.ValidateParties(out); err != nil {
		return nil, fmt.Errorf("%w: signers: %w", ErrInput, err)
	}
	if len(out) < k.threshold || !transport.Contains(out, k.self) {
		return nil, fmt.Errorf("%w: signers %q: need %d including party %d", ErrInput, s, k.threshold, k.self)
	}
	return transport.SortedCopy(out), nil
}
