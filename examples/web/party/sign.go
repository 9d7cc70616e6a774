package party

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/schnorr"
)

// Signature is a verified signature with the key that verifies it.
type Signature struct {
	// Scheme is "ed25519", "bip340" or "ecdsa".
	Scheme string `json:"scheme"`
	// PublicKey: 32 bytes for Ed25519, the x-only output key for BIP-340,
	// the compressed SEC1 key for ECDSA.
	PublicKey []byte `json:"publicKey"`
	// Message is what was signed: the message for Ed25519, the 32-byte
	// message for BIP-340, the digest for ECDSA.
	Message   []byte `json:"message"`
	Signature []byte `json:"signature"`
	// RecoveryID is ECDSA's recovery id.
	RecoveryID int `json:"recoveryId,omitempty"`
}

// Frost signs msg with FROST in suite "ed25519" (edwards25519 share) or
// "taproot" (secp256k1 share, BIP-341 key-path output key, no script
// tree), and checks the signature with the scheme's own verifier.
func (p *Party) Frost(ctx context.Context, suiteName string, msg []byte) (*Signature, error) {
	var suite frost.Ciphersuite
	share := p.ked
	switch suiteName {
	case "ed25519":
		suite = frost.Ed25519SHA512()
	case "taproot":
		suite, share = frost.Secp256k1TR(), p.k1
	default:
		return nil, fmt.Errorf("party: unknown FROST suite %q", suiteName)
	}
	if share == nil {
		return nil, fmt.Errorf("%w: FROST needs the DKG", ErrNotReady)
	}
	kp, pub, err := frost.KeysFromShare(suite, share)
	if err != nil {
		return nil, err
	}
	if suite.IsTaproot() {
		if kp, err = kp.Tweak(nil); err != nil {
			return nil, err
		}
		if pub, err = pub.Tweak(nil); err != nil {
			return nil, err
		}
	}
	signers := p.Plan.Signers
	sid, err := frost.SessionID(suite, pub, signers, msg, p.Plan.Nonce)
	if err != nil {
		return nil, err
	}
	m, err := frost.NewSign(frost.SignConfig{Suite: suite, Key: kp, Public: pub, Signers: signers, Self: p.Self, SessionID: sid, Message: msg, Identity: p.identity(signers)})
	if err != nil {
		return nil, err
	}
	sig, err := run(ctx, p, "frost "+suiteName, sid, RoundTimeout, m)
	if err != nil {
		return nil, err
	}
	if !suite.IsTaproot() {
		pk := pub.GroupKey().Bytes()
		if !ed25519.Verify(pk, msg, sig) {
			return nil, fmt.Errorf("party: crypto/ed25519 rejects the FROST signature")
		}
		return &Signature{Scheme: "ed25519", PublicKey: pk, Message: msg, Signature: sig}, nil
	}
	xonly, err := curve.XOnlyBytes(pub.GroupKey())
	if err != nil {
		return nil, err
	}
	if err := schnorr.Verify(xonly, msg, sig); err != nil {
		return nil, err
	}
	return &Signature{Scheme: "bip340", PublicKey: xonly, Message: msg, Signature: sig}, nil
}

// ECDSA presigns and signs digest with CGGMP21 among the plan's signers
// and checks the signature (low S, and the recovery id recovers the key).
func (p *Party) ECDSA(ctx context.Context, digest []byte) (*Signature, error) {
	if p.key == nil {
		return nil, fmt.Errorf("%w: ECDSA needs aux-info", ErrNotReady)
	}
	signers := p.Plan.Signers
	id := p.identity(signers)
	sid, err := cggmp.PresignSessionID(p.key, signers, nil, nil, p.Plan.Nonce)
	if err != nil {
		return nil, err
	}
	pm, err := cggmp.NewPresign(cggmp.PresignConfig{Key: p.key, Signers: signers, SessionID: sid, Identity: id})
	if err != nil {
		return nil, err
	}
	pres, err := run(ctx, p, "presign", sid, RoundTimeout, pm)
	if err != nil {
		return nil, err
	}
	if sid, err = cggmp.SignSessionID(pres, digest, p.Plan.Nonce); err != nil {
		return nil, err
	}
	sm, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres, Digest: digest, SessionID: sid, Identity: id})
	if err != nil {
		return nil, err
	}
	sig, err := run(ctx, p, "ecdsa sign", sid, RoundTimeout, sm)
	if err != nil {
		return nil, err
	}
	pub := p.key.PublicKey()
	if err := cggmp.VerifyLowS(pub, digest, sig); err != nil {
		return nil, err
	}
	if rec, err := cggmp.RecoverPublicKey(digest, sig); err != nil || !rec.Equal(pub) {
		return nil, fmt.Errorf("party: the recovery id does not recover the key")
	}
	return &Signature{Scheme: "ecdsa", PublicKey: pub.Bytes(), Message: digest, Signature: sig.Bytes(), RecoveryID: int(sig.RecoveryID)}, nil
}
