package frost

import (
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"hash"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/curve"
)

// Ciphersuite is a FROST ciphersuite (RFC 9591 section 6): a prime-order
// group, the hash functions H1 to H5 and the signature format. Obtain one
// with Ed25519SHA512, Ristretto255SHA512, Ed448SHAKE256, P256SHA256,
// Secp256k1SHA256 or Secp256k1TR; the zero value is
// invalid and every function rejects it with ErrInvalidSuite. Ciphersuite
// values are small, immutable and comparable with ==.
type Ciphersuite struct{ id suiteID }

type suiteID uint8

const (
	suiteEd25519 suiteID = iota + 1
	suiteSecp256k1
	suiteSecp256k1TR
	suiteRistretto255
	suiteEd448
	suiteP256
)

// suiteLast is the highest valid suiteID.
const suiteLast = suiteP256

// Context strings, RFC 9591 sections 6.1 to 6.5, and
// ZcashFoundation/frost frost-secp256k1-tr/src/lib.rs (CONTEXT_STRING).
const (
	contextEd25519      = "FROST-ED25519-SHA512-v1"
	contextRistretto255 = "FROST-RISTRETTO255-SHA512-v1"
	contextEd448        = "FROST-ED448-SHAKE256-v1"
	contextP256         = "FROST-P256-SHA256-v1"
	contextSecp256k1    = "FROST-secp256k1-SHA256-v1"
	contextSecp256k1TR  = "FROST-secp256k1-SHA256-TR-v1"
)

// ed448Dom4 is RFC 8032 section 5.2's dom4(0, ""): "SigEd448", phflag 0
// and an empty context, the prefix of Ed448's challenge hash, which
// RFC 9591 section 6.3 takes as H2 so that signatures verify as Ed448.
const ed448Dom4 = "SigEd448\x00\x00"

// ed448HashSize is the SHAKE256 output length of RFC 9591 section 6.3's
// H1 to H5 (and RFC 8032's Ed448): 114 bytes.
const ed448HashSize = 114

// bip340ChallengeTag is BIP-340's challenge tag, the TR suite's H2.
const bip340ChallengeTag = "BIP0340/challenge"

// Ed25519SHA512 returns FROST(Ed25519, SHA-512), RFC 9591 section 6.1. Its
// signatures are RFC 8032 Ed25519 signatures (64 bytes).
func Ed25519SHA512() Ciphersuite { return Ciphersuite{suiteEd25519} }

// Secp256k1SHA256 returns FROST(secp256k1, SHA-256), RFC 9591 section 6.5.
// Its signatures are the 33-byte compressed R followed by the 32-byte z.
func Secp256k1SHA256() Ciphersuite { return Ciphersuite{suiteSecp256k1} }

// Secp256k1TR returns the taproot (BIP-340) variant
// FROST(secp256k1, SHA-256, TR), context string
// "FROST-secp256k1-SHA256-TR-v1", interoperable with ZcashFoundation/frost's
// frost-secp256k1-tr. Its signatures are 64-byte BIP-340 signatures valid for
// the x-only group key (or its BIP-341 tweak, see KeyPackage.Tweak).
func Secp256k1TR() Ciphersuite { return Ciphersuite{suiteSecp256k1TR} }

// Ristretto255SHA512 returns FROST(ristretto255, SHA-512), RFC 9591
// section 6.2. Its signatures are the 32-byte ristretto255 encoding of R
// followed by the 32-byte little-endian z (64 bytes); no single-signer
// standard verifies them, Verify does.
func Ristretto255SHA512() Ciphersuite { return Ciphersuite{suiteRistretto255} }

// Ed448SHAKE256 returns FROST(Ed448, SHAKE256), RFC 9591 section 6.3. Its
// signatures are RFC 8032 Ed448 signatures with an empty context (114
// bytes: the 57-byte R and the 57-byte little-endian z).
func Ed448SHAKE256() Ciphersuite { return Ciphersuite{suiteEd448} }

// P256SHA256 returns FROST(P-256, SHA-256), RFC 9591 section 6.4. Its
// signatures are the 33-byte SEC1 compressed R followed by the 32-byte
// big-endian z (65 bytes).
func P256SHA256() Ciphersuite { return Ciphersuite{suiteP256} }

func (s Ciphersuite) valid() bool { return s.id >= suiteEd25519 && s.id <= suiteLast }

func (s Ciphersuite) check() error {
	if !s.valid() {
		return ErrInvalidSuite
	}
	return nil
}

// Name returns the ciphersuite's name, e.g. "FROST(Ed25519, SHA-512)".
func (s Ciphersuite) Name() string {
	switch s.id {
	case suiteEd25519:
		return "FROST(Ed25519, SHA-512)"
	case suiteSecp256k1:
		return "FROST(secp256k1, SHA-256)"
	case suiteSecp256k1TR:
		return "FROST(secp256k1, SHA-256, TR)"
	case suiteRistretto255:
		return "FROST(ristretto255, SHA-512)"
	case suiteEd448:
		return "FROST(Ed448, SHAKE256)"
	case suiteP256:
		return "FROST(P-256, SHA-256)"
	}
	return "FROST(invalid)"
}

// String returns Name.
func (s Ciphersuite) String() string { return s.Name() }

// ContextString returns the RFC 9591 contextString that domain-separates
// the suite's hashes.
func (s Ciphersuite) ContextString() string {
	switch s.id {
	case suiteEd25519:
		return contextEd25519
	case suiteSecp256k1:
		return contextSecp256k1
	case suiteSecp256k1TR:
		return contextSecp256k1TR
	case suiteRistretto255:
		return contextRistretto255
	case suiteEd448:
		return contextEd448
	case suiteP256:
		return contextP256
	}
	return ""
}

// Curve returns the suite's prime-order group, or nil for an invalid suite.
func (s Ciphersuite) Curve() curve.Curve {
	switch s.id {
	case suiteEd25519:
		return curve.Edwards25519()
	case suiteSecp256k1, suiteSecp256k1TR:
		return curve.Secp256k1()
	case suiteRistretto255:
		return curve.Ristretto255()
	case suiteEd448:
		return curve.Ed448()
	case suiteP256:
		return curve.P256()
	}
	return nil
}

// IsTaproot reports whether s is Secp256k1TR.
func (s Ciphersuite) IsTaproot() bool { return s.id == suiteSecp256k1TR }

// SignatureSize returns the length of the suite's encoded signatures: 64
// (Ed25519, ristretto255, taproot), 65 (secp256k1, P-256) or 114 (Ed448).
func (s Ciphersuite) SignatureSize() int {
	switch s.id {
	case suiteEd25519, suiteSecp256k1TR, suiteRistretto255:
		return 64
	case suiteSecp256k1, suiteP256:
		return 65
	case suiteEd448:
		return 114
	}
	return 0
}

// dst returns contextString || tag, the domain prefix of H1, H3, H4, H5 (and
// of the secp256k1 H2).
func (s Ciphersuite) dst(tag string) []byte {
	ctx := s.ContextString()
	out := make([]byte, 0, len(ctx)+len(tag))
	return append(append(out, ctx...), tag...)
}

// H1 maps m to a scalar for binding factors (RFC 9591 section 6,
// "rho").
//
// H1 to H5 return nil for an invalid suite (the zero Ciphersuite): they are
// hash primitives with no error to return, and nil is the "no value" every
// function of this package refuses, where a panic would take down the
// caller's process.
func (s Ciphersuite) H1(m []byte) curve.Scalar {
	if !s.valid() {
		return nil
	}
	return s.h1(m)
}

func (s Ciphersuite) h1(msgs ...[]byte) curve.Scalar {
	return s.mustCurve().HashToScalar(s.dst("rho"), msgs...)
}

// H2 maps m to the signature challenge scalar. For Ed25519 it is
// SHA-512(m) without a context, for compatibility with RFC 8032; for Ed448
// SHAKE256(dom4(0, "") || m) with 114 bytes of output, RFC 8032's Ed448
// challenge; for ristretto255 SHA-512 of the context string, "chal" and m;
// for secp256k1 and P-256 hash_to_field with the tag "chal"; for the
// taproot suite the BIP-340 tagged hash "BIP0340/challenge" reduced modulo
// n, as BIP-340 and frost-secp256k1-tr compute it.
func (s Ciphersuite) H2(m []byte) curve.Scalar {
	if !s.valid() {
		return nil
	}
	return s.h2(m)
}

func (s Ciphersuite) h2(msgs ...[]byte) curve.Scalar {
	switch s.id {
	case suiteEd25519:
		return curve.Edwards25519().HashToScalar(nil, msgs...)
	case suiteEd448:
		return curve.Ed448().HashToScalar([]byte(ed448Dom4), msgs...)
	case suiteSecp256k1TR:
		h := curve.TaggedHash(bip340ChallengeTag, msgs...)
		return reduce32(h[:])
	}
	return s.mustCurve().HashToScalar(s.dst("chal"), msgs...)
}

// H3 maps m to a nonce scalar (RFC 9591 section 4.1, "nonce").
func (s Ciphersuite) H3(m []byte) curve.Scalar {
	if !s.valid() {
		return nil
	}
	return s.h3(m)
}

func (s Ciphersuite) h3(msgs ...[]byte) curve.Scalar {
	return s.mustCurve().HashToScalar(s.dst("nonce"), msgs...)
}

// H4 hashes the message for the binding factor input ("msg"): SHA-512 for
// Ed25519 and ristretto255 (64 bytes), SHAKE256 for Ed448 (114 bytes),
// SHA-256 for P-256 and the secp256k1 suites (32 bytes).
func (s Ciphersuite) H4(m []byte) []byte { return s.hashTagged("msg", m) }

// H5 hashes the encoded commitment list for the binding factor input
// ("com").
func (s Ciphersuite) H5(m []byte) []byte { return s.hashTagged("com", m) }

// hashTagged returns nil for an invalid suite (see H1).
func (s Ciphersuite) hashTagged(tag string, m []byte) []byte {
	var h hash.Hash
	switch s.id {
	case suiteEd25519, suiteRistretto255:
		h = sha512.New()
	case suiteSecp256k1, suiteSecp256k1TR, suiteP256:
		h = sha256.New()
	case suiteEd448:
		x := sha3.NewSHAKE256()
		x.Write([]byte(s.ContextString()))
		x.Write([]byte(tag))
		x.Write(m)
		out := make([]byte, ed448HashSize)
		x.Read(out)
		return out
	default:
		return nil
	}
	h.Write([]byte(s.ContextString()))
	h.Write([]byte(tag))
	h.Write(m)
	return h.Sum(nil)
}

// mustCurve is Curve for the unexported hashes, which run only after the
// suite was checked (every exported entry point calls check or valid
// first); the panic marks a broken invariant of this package, which no
// input can reach.
func (s Ciphersuite) mustCurve() curve.Curve {
	c := s.Curve()
	if c == nil {
		panic(ErrInvalidSuite)
	}
	return c
}

// reduce32 reads a 32-byte big-endian hash as an integer modulo the
// secp256k1 order n. The bias is below 2^-127 because n is close to 2^256;
// BIP-340 and frost-secp256k1-tr reduce the same way.
func reduce32(b []byte) curve.Scalar {
	return curve.Secp256k1().ScalarFromNat(new(saferith.Nat).SetBytes(b))
}
