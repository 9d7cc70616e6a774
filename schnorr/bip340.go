package schnorr

import (
	"bytes"
	"crypto/subtle"
	"fmt"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
)

// Sizes of BIP-340 encodings.
const (
	PublicKeySize = 32 // x-only public key
	SignatureSize = 64 // bytes(R) || bytes(s)
	AuxRandSize   = 32 // auxiliary randomness for Sign
)

// Tagged-hash tags of BIP-340.
const (
	tagAux       = "BIP0340/aux"
	tagNonce     = "BIP0340/nonce"
	tagChallenge = "BIP0340/challenge"
)

// fieldPrime is p = 2^256 - 2^32 - 977, the secp256k1 field size, big-endian
// (SEC 2 section 2.4.1); Verify rejects r >= p.
var fieldPrime = [32]byte{
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xfc, 0x2f,
}

// secretKey checks that sk is a non-zero secp256k1 scalar.
func secretKey(sk curve.Scalar) error {
	if sk == nil || sk.Curve().ID() != curve.IDSecp256k1 {
		return fmt.Errorf("%w: want a secp256k1 scalar", ErrInvalidSecretKey)
	}
	if sk.IsZero() {
		return fmt.Errorf("%w: zero", ErrInvalidSecretKey)
	}
	return nil
}

// PublicKey returns the 32-byte x-only public key bytes(sk·G) of BIP-340.
func PublicKey(sk curve.Scalar) ([]byte, error) {
	if err := secretKey(sk); err != nil {
		return nil, err
	}
	return curve.XOnlyBytes(curve.Secp256k1().ScalarBaseMult(sk))
}

// Sign returns the 64-byte BIP-340 signature of msg (any length) under the
// secret key sk, following the BIP's default signing algorithm with 32 bytes
// of auxiliary randomness auxRand (fresh random bytes are recommended; the
// BIP's test vectors fix them). Secret-dependent work is constant time: base
// multiplications, the reduction of the nonce hash (saferith), and the even-y
// negations of d' and k' (curve.YParity and curve.CondNegate). As the BIP
// prescribes, the signature is verified before it is returned.
func Sign(sk curve.Scalar, msg, auxRand []byte) ([]byte, error) {
	if err := secretKey(sk); err != nil {
		return nil, err
	}
	if len(auxRand) != AuxRandSize {
		return nil, fmt.Errorf("%w: got %d", ErrInvalidAuxRand, len(auxRand))
	}
	c := curve.Secp256k1()

	// P = d'·G; d = d' if has_even_y(P), else n - d'.
	P := c.ScalarBaseMult(sk)
	oddP, err := curve.YParity(P)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSigningFailed, err)
	}
	d := curve.CondNegate(sk, oddP)
	defer d.Zeroize()
	pBytes, err := curve.XOnlyBytes(P)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSigningFailed, err)
	}

	// t = bytes(d) xor hash_aux(a); rand = hash_nonce(t || bytes(P) || m).
	aux := curve.TaggedHash(tagAux, auxRand)
	t := d.Bytes()
	subtle.XORBytes(t, t, aux[:])
	nonce := curve.TaggedHash(tagNonce, t, pBytes, msg)
	clear(t)

	// k' = int(rand) mod n; fail if k' = 0.
	kPrime := c.ScalarFromNat(new(saferith.Nat).SetBytes(nonce[:]))
	clear(nonce[:])
	defer kPrime.Zeroize()
	if kPrime.IsZero() {
		return nil, fmt.Errorf("%w: zero nonce", ErrSigningFailed)
	}

	// R = k'·G; k = k' if has_even_y(R), else n - k'.
	R := c.ScalarBaseMult(kPrime)
	oddR, err := curve.YParity(R)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSigningFailed, err)
	}
	k := curve.CondNegate(kPrime, oddR)
	defer k.Zeroize()
	rBytes, err := curve.XOnlyBytes(R)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrSigningFailed, err)
	}

	// e = int(hash_challenge(bytes(R) || bytes(P) || m)) mod n;
	// sig = bytes(R) || bytes((k + e·d) mod n).
	e := challenge(rBytes, pBytes, msg)
	ed := e.Mul(d)
	s := k.Add(ed)
	ed.Zeroize()
	sig := append(rBytes, s.Bytes()...)

	if err := Verify(pBytes, msg, sig); err != nil {
		return nil, fmt.Errorf("%w: self-verification: %w", ErrSigningFailed, err)
	}
	return sig, nil
}

// Challenge returns BIP-340's e = int(hash_BIP0340/challenge(bytes(R) ||
// bytes(P) || m)) mod n for secp256k1 points R and P (only their
// x-coordinates enter the hash). Threshold signers (FROST with BIP-340
// output) use it to compute the challenge of a joint signature.
func Challenge(R, P curve.Point, msg []byte) (curve.Scalar, error) {
	rBytes, err := curve.XOnlyBytes(R)
	if err != nil {
		return nil, fmt.Errorf("schnorr: nonce point: %w", err)
	}
	pBytes, err := curve.XOnlyBytes(P)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidPublicKey, err)
	}
	return challenge(rBytes, pBytes, msg), nil
}

func challenge(rBytes, pBytes, msg []byte) curve.Scalar {
	h := curve.TaggedHash(tagChallenge, rBytes, pBytes, msg)
	return curve.Secp256k1().ScalarFromNat(new(saferith.Nat).SetBytes(h[:]))
}

// Verify checks a BIP-340 signature sig (64 bytes) on msg (any length) under
// the x-only public key pubkey (32 bytes). It returns nil only if every
// check of the BIP passes: P = lift_x(pubkey) exists, r < p, s < n, and R =
// s·G - e·P is not infinity, has even y and has x(R) = r. Failures wrap
// ErrInvalidPublicKey or ErrInvalidSignature. Inputs are public: variable
// time.
func Verify(pubkey, msg, sig []byte) error {
	if len(pubkey) != PublicKeySize {
		return fmt.Errorf("%w: %d bytes, want %d", ErrInvalidPublicKey, len(pubkey), PublicKeySize)
	}
	if len(sig) != SignatureSize {
		return fmt.Errorf("%w: %d bytes, want %d", ErrInvalidSignature, len(sig), SignatureSize)
	}
	P, err := curve.LiftX(pubkey)
	if err != nil {
		return fmt.Errorf("%w: lift_x: %w", ErrInvalidPublicKey, err)
	}
	rBytes, sBytes := sig[:32], sig[32:]
	if bytes.Compare(rBytes, fieldPrime[:]) >= 0 {
		return fmt.Errorf("%w: r >= p", ErrInvalidSignature)
	}
	c := curve.Secp256k1()
	s, err := c.DecodeScalar(sBytes)
	if err != nil {
		return fmt.Errorf("%w: s >= n: %w", ErrInvalidSignature, err)
	}
	e := challenge(rBytes, pubkey, msg)
	R := c.VarTimeMultiScalarMult([]curve.Scalar{s, e.Negate()}, []curve.Point{c.Generator(), P})
	if R.IsIdentity() {
		return fmt.Errorf("%w: R is infinity", ErrInvalidSignature)
	}
	even, err := curve.HasEvenY(R)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	if !even {
		return fmt.Errorf("%w: R has odd y", ErrInvalidSignature)
	}
	x, err := curve.XOnlyBytes(R)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidSignature, err)
	}
	if !bytes.Equal(x, rBytes) {
		return fmt.Errorf("%w: x(R) != r", ErrInvalidSignature)
	}
	return nil
}
