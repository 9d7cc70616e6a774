package paillier

import "errors"

var (
	// ErrModulusSize is returned for a modulus that does not have exactly the
	// configured bit length, or for an unsupported configured length.
	ErrModulusSize = errors.New("paillier: modulus has the wrong bit length")
	// ErrInvalidModulus is returned for a modulus that is even, has a small
	// prime factor or is otherwise malformed.
	ErrInvalidModulus = errors.New("paillier: invalid modulus")
	// ErrInvalidCiphertext is returned for a ciphertext outside Z*_{N²}
	// (zero, ≥ N², or sharing a factor with N).
	ErrInvalidCiphertext = errors.New("paillier: invalid ciphertext")
	// ErrPlaintextRange is returned by Enc for a plaintext outside ±(N−1)/2.
	ErrPlaintextRange = errors.New("paillier: plaintext out of range")
	// ErrInvalidNonce is returned for a nonce outside Z*_N.
	ErrInvalidNonce = errors.New("paillier: invalid nonce")
	// ErrInvalidSecretKey is returned for primes that do not form a valid
	// secret key (not Blum safe primes, equal, wrong size).
	ErrInvalidSecretKey = errors.New("paillier: invalid secret key")
	// ErrInvalidPedersen is returned for ring-Pedersen parameters that fail
	// validation (s or t not in Z*_N, degenerate, s = t).
	ErrInvalidPedersen = errors.New("paillier: invalid ring-Pedersen parameters")
	// ErrEncoding is returned for a malformed binary encoding (wrong version,
	// wrong length, trailing data).
	ErrEncoding = errors.New("paillier: malformed encoding")
)
