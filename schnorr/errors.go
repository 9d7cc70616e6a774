package schnorr

import "errors"

// Sentinel errors; returned errors wrap one of them (with detail). Test with
// errors.Is.
var (
	// ErrInvalidPublicKey: a BIP-340 public key that is not 32 bytes, not
	// below the field size, or not the x-coordinate of a curve point; or a
	// proof statement that is the identity or on the wrong curve.
	ErrInvalidPublicKey = errors.New("schnorr: invalid public key")
	// ErrInvalidSignature: a BIP-340 signature that is malformed or fails
	// verification.
	ErrInvalidSignature = errors.New("schnorr: invalid signature")
	// ErrInvalidSecretKey: a secret key that is zero, nil or of the wrong
	// curve.
	ErrInvalidSecretKey = errors.New("schnorr: invalid secret key")
	// ErrInvalidAuxRand: BIP-340 auxiliary randomness that is not 32 bytes.
	ErrInvalidAuxRand = errors.New("schnorr: auxiliary randomness must be 32 bytes")
	// ErrSigningFailed: the BIP's signing algorithm failed (a zero nonce, or
	// the final self-verification did not pass, e.g. after a fault).
	ErrSigningFailed = errors.New("schnorr: signing failed")
	// ErrInvalidProof: a proof of knowledge that is malformed or does not
	// verify.
	ErrInvalidProof = errors.New("schnorr: invalid proof of knowledge")
	// ErrWitnessMismatch: Prove was given x and X with X != x·G.
	ErrWitnessMismatch = errors.New("schnorr: witness does not match the statement")
)
