package jsonl

import (
	"encoding/hex"
	"encoding/json"
	"io"
)

// Scheme names of the contract.
const (
	ECDSA                = "ecdsa-secp256k1"
	Ed25519              = "ed25519"
	BIP340               = "bip340"
	FROSTSecp256k1SHA256 = "frost-secp256k1-sha256"
)

// Line is one signature record. Digest is used by ECDSA (the 32 bytes that
// were signed), Message by the Schnorr schemes; RecoveryID only by ECDSA.
// Extra carries optional fields such as "step", "path" or "signers".
type Line struct {
	// Scheme is one of the scheme names above.
	Scheme string
	// PublicKey is the key the signature verifies under, in the scheme's
	// encoding.
	PublicKey []byte
	// Message is what a Schnorr scheme signed (printed as "message").
	Message []byte
	// Digest is the 32 bytes an ECDSA signature signed (printed as
	// "digest").
	Digest []byte
	// Signature is the signature in the scheme's encoding.
	Signature []byte
	// RecoveryID is the ECDSA recovery id; nil leaves it out.
	RecoveryID *int
	// Extra holds optional fields; a key that collides with one of the
	// contract's names is ignored.
	Extra map[string]any
}

// Write prints l as one JSON line.
func Write(w io.Writer, l Line) error {
	obj := map[string]any{
		"scheme":     l.Scheme,
		"public_key": hex.EncodeToString(l.PublicKey),
		"signature":  hex.EncodeToString(l.Signature),
	}
	if l.Scheme == ECDSA {
		obj["digest"] = hex.EncodeToString(l.Digest)
		if l.RecoveryID != nil {
			obj["recovery_id"] = *l.RecoveryID
		}
	} else {
		obj["message"] = hex.EncodeToString(l.Message)
	}
	for k, v := range l.Extra {
		if _, taken := obj[k]; !taken {
			obj[k] = v
		}
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
