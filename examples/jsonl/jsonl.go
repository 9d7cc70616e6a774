package jsonl

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Scheme names of the contract, the value of a line's "scheme" field.
const (
	ECDSA                = "ecdsa-secp256k1"
	Ed25519              = "ed25519"
	BIP340               = "bip340"
	FROSTSecp256k1SHA256 = "frost-secp256k1-sha256"
	FROSTRistretto255    = "frost-ristretto255"
	FROSTEd448           = "frost-ed448"
	FROSTP256            = "frost-p256"
	ECDSAP256            = "ecdsa-p256"
	ECDSAStark           = "ecdsa-stark"
	BLS12381G2POP        = "bls12381-g2-pop"
)

// ErrUnknownScheme reports a Line whose Scheme is none of the contract's
// names; nothing is written for it.
var ErrUnknownScheme = errors.New("jsonl: unknown scheme")

// Line is one signature record. Digest is used by the ECDSA schemes (the
// 32 bytes that were signed), Message by the Schnorr schemes; RecoveryID
// only by the ECDSA schemes.
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
	// Extra holds optional fields, each marshaled with encoding/json; a
	// key that is one of the contract's names is ignored, so that an
	// extra field can never change what a verifier checks.
	Extra map[string]any
}

// Write prints l to w as one JSON object followed by a newline, with its
// keys sorted. It returns ErrUnknownScheme for a scheme outside the
// contract and the error of encoding/json for an Extra value it cannot
// marshal; in both cases it writes nothing.
func Write(w io.Writer, l Line) error {
	switch l.Scheme {
	case ECDSA, ECDSAP256, ECDSAStark, Ed25519, BIP340, FROSTSecp256k1SHA256, FROSTRistretto255, FROSTEd448, FROSTP256, BLS12381G2POP:
	default:
		return fmt.Errorf("%w: %q", ErrUnknownScheme, l.Scheme)
	}
	obj := map[string]any{
		"scheme":     l.Scheme,
		"public_key": hex.EncodeToString(l.PublicKey),
		"signature":  hex.EncodeToString(l.Signature),
	}
	if isECDSA(l.Scheme) {
		obj["digest"] = hex.EncodeToString(l.Digest)
		if l.RecoveryID != nil {
			obj["recovery_id"] = *l.RecoveryID
		}
	} else {
		obj["message"] = hex.EncodeToString(l.Message)
	}
	for k, v := range l.Extra {
		if !reserved(k) {
			obj[k] = v
		}
	}
	b, err := json.Marshal(obj) // encoding/json sorts map keys
	if err != nil {
		return fmt.Errorf("jsonl: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// isECDSA reports whether scheme signs a digest (and may carry a recovery
// id) rather than a message.
func isECDSA(scheme string) bool {
	return scheme == ECDSA || scheme == ECDSAP256 || scheme == ECDSAStark
}

// reserved reports whether name is one of the contract's fields. A line
// that does not print one (an ECDSA line has no "message") still keeps it
// out of Extra, so that no verifier reads an extra field as a checked one.
func reserved(name string) bool {
	switch name {
	case "scheme", "public_key", "signature", "digest", "recovery_id", "message":
		return true
	}
	return false
}
