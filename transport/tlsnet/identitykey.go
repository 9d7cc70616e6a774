package tlsnet

import (
	"crypto"
	"crypto/ed25519"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"fmt"

	"github.com/mosaic-mpc/mosaic/transport"
)

// A party's long-term identity key (transport.Identity) is the key of its
// certificate: this file reads it from certificates, checks a certificate
// against the identities a node expects (Config.Identities), and builds a
// run's transport.Identity from a node's certificate. Identity keys are
// public; the private key is handled by crypto/ed25519 only.

// IdentityKeyError reports a certificate that names Party but does not hold
// Party's identity key: a peer refused in the handshake, or the node's own
// certificate refused by New. It wraps ErrIdentity.
type IdentityKeyError struct {
	// Party is the party the certificate names.
	Party transport.PartyID
	// Key is the certificate's public key, of whatever type it is.
	Key crypto.PublicKey
}

// Error implements error.
func (e *IdentityKeyError) Error() string {
	if _, ok := e.Key.(ed25519.PublicKey); !ok {
		return fmt.Sprintf("%v: party %d's certificate holds a %T key, not its Ed25519 identity key", ErrIdentity, e.Party, e.Key)
	}
	return fmt.Sprintf("%v: party %d's certificate key is not its identity key", ErrIdentity, e.Party)
}

// Unwrap returns ErrIdentity.
func (e *IdentityKeyError) Unwrap() error { return ErrIdentity }

// IdentityFromCertificate returns the party cert names (see PartyIDFromCert)
// and its identity public key, the certificate's own Ed25519 key (a copy).
// A certificate with another kind of key has no identity key. Like
// PartyIDFromCert it does not verify the chain.
func IdentityFromCertificate(cert *x509.Certificate) (transport.PartyID, ed25519.PublicKey, error) {
	id, err := PartyIDFromCert(cert)
	if err != nil {
		return 0, nil, err
	}
	pub, ok := cert.PublicKey.(ed25519.PublicKey)
	if !ok || len(pub) != ed25519.PublicKeySize {
		return 0, nil, &IdentityKeyError{Party: id, Key: cert.PublicKey}
	}
	return id, append(ed25519.PublicKey(nil), pub...), nil
}

// IdentityKeyFromTLS returns the identity private key of a party
// certificate loaded for crypto/tls (by LoadPKI, tls.LoadX509KeyPair or
// tls.X509KeyPair): its Ed25519 private key, as a new copy, after checking
// that the certificate names a party and that the key is a well-formed
// Ed25519 key (its public half derived from its seed) matching the
// certificate. A key held outside the process (a crypto.Signer in a
// hardware module) cannot serve, since transport.Identity needs the key.
func IdentityKeyFromTLS(cert tls.Certificate) (ed25519.PrivateKey, error) {
	if len(cert.Certificate) == 0 {
		return nil, fmt.Errorf("%w: no certificate", ErrIdentity)
	}
	leaf := cert.Leaf
	if leaf == nil {
		var err error
		if leaf, err = x509.ParseCertificate(cert.Certificate[0]); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrIdentity, err)
		}
	}
	id, pub, err := IdentityFromCertificate(leaf)
	if err != nil {
		return nil, err
	}
	key, ok := cert.PrivateKey.(ed25519.PrivateKey)
	if !ok || len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("%w: party %d's private key is a %T, not an Ed25519 key", ErrIdentity, id, cert.PrivateKey)
	}
	// Rebuild the key from its seed: a key whose stored public half is not
	// its seed's would sign with one key and claim another.
	canonical := ed25519.NewKeyFromSeed(key.Seed())
	if subtle.ConstantTimeCompare(canonical, key) != 1 {
		return nil, fmt.Errorf("%w: party %d's private key is malformed", ErrIdentity, id)
	}
	if !pub.Equal(canonical.Public()) {
		return nil, fmt.Errorf("%w: party %d's private key does not match its certificate", ErrIdentity, id)
	}
	return canonical, nil
}

// IdentityKey returns the party's identity private key, the certificate's
// Ed25519 key (a copy), or nil if c is nil or holds no usable key.
func (c *PartyCert) IdentityKey() ed25519.PrivateKey {
	if c == nil {
		return nil
	}
	key, err := IdentityKeyFromTLS(c.TLS)
	if err != nil {
		return nil
	}
	return key
}

// Identity returns the transport.Identity of a run among parties (nil
// means every party of the node) with at most maxFaulty malicious parties:
// Key is this node's certificate key and Peers the parties' entries of
// Config.Identities, so the run signs with the keys the handshakes check.
// It needs Config.Identities, and a certificate whose private key is an
// ed25519.PrivateKey (see IdentityKeyFromTLS). maxFaulty is checked when
// the run starts (transport.Identity.MaxFaulty). The result is the
// caller's: it shares nothing with the node.
func (n *Node) Identity(parties []transport.PartyID, maxFaulty int) (*transport.Identity, error) {
	if n.cfg.Identities == nil {
		return nil, fmt.Errorf("%w: no Identities in the node's Config", ErrConfig)
	}
	if parties == nil {
		parties = append(n.Peers(), n.cfg.Self)
	}
	if err := transport.ValidateParties(parties); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	peers := make(map[transport.PartyID]ed25519.PublicKey, len(parties))
	for _, p := range parties {
		pub, ok := n.cfg.Identities[p]
		if !ok {
			return nil, fmt.Errorf("%w: party %d is not a peer of party %d", ErrUnknownParty, p, n.cfg.Self)
		}
		peers[p] = append(ed25519.PublicKey(nil), pub...)
	}
	if _, ok := peers[n.cfg.Self]; !ok {
		return nil, fmt.Errorf("%w: party %d is not in the run", ErrConfig, n.cfg.Self)
	}
	key, err := IdentityKeyFromTLS(n.cfg.Certificate)
	if err != nil {
		return nil, err
	}
	return &transport.Identity{Key: key, Peers: peers, MaxFaulty: maxFaulty}, nil
}

// validateIdentities checks Config.Identities, if set: exactly Self and
// the peers, each with a 32-byte key, and Self's key the one of leaf, the
// node's own certificate.
func (c *Config) validateIdentities(leaf *x509.Certificate) error {
	if c.Identities == nil {
		return nil
	}
	for id, pub := range c.Identities {
		if _, peer := c.Peers[id]; !peer && id != c.Self {
			return fmt.Errorf("%w: Identities lists party %d, which is neither Self nor a peer", ErrConfig, id)
		}
		if len(pub) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: party %d's identity key has %d bytes", ErrConfig, id, len(pub))
		}
	}
	for id := range c.Peers {
		if _, ok := c.Identities[id]; !ok {
			return fmt.Errorf("%w: no identity key for party %d", ErrConfig, id)
		}
	}
	if _, ok := c.Identities[c.Self]; !ok {
		return fmt.Errorf("%w: no identity key for party %d (Self)", ErrConfig, c.Self)
	}
	if err := checkIdentityKey(c.Identities, leaf, c.Self); err != nil {
		return fmt.Errorf("%w: own certificate: %w", ErrConfig, err)
	}
	return nil
}

// cloneIdentities returns a deep copy of ids (nil stays nil), so that the
// caller's later changes do not reach the node's handshakes.
func cloneIdentities(ids map[transport.PartyID]ed25519.PublicKey) map[transport.PartyID]ed25519.PublicKey {
	if ids == nil {
		return nil
	}
	out := make(map[transport.PartyID]ed25519.PublicKey, len(ids))
	for id, pub := range ids {
		out[id] = append(ed25519.PublicKey(nil), pub...)
	}
	return out
}

// checkIdentityKey checks that cert, which names party id, holds id's key
// in ids. With no ids (Config.Identities unset) any key passes.
func checkIdentityKey(ids map[transport.PartyID]ed25519.PublicKey, cert *x509.Certificate, id transport.PartyID) error {
	if ids == nil {
		return nil
	}
	pub, ok := cert.PublicKey.(ed25519.PublicKey)
	want, listed := ids[id]
	if !ok || !listed || !want.Equal(pub) {
		return &IdentityKeyError{Party: id, Key: cert.PublicKey}
	}
	return nil
}
