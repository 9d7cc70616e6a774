package paillier

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/safeprime"
)

// SecretKey is a Paillier secret key: the Blum safe primes p and q of N with
// the CRT precomputations used for fast constant-time decryption, nonce
// recovery and exponentiation. Every field is secret. It is immutable and
// safe for concurrent use: its fields are only ever read (as the modulus or
// a read-only operand of saferith operations, never one of the operations
// that write to their operands) and every getter returns a copy.
type SecretKey struct {
	pk *PublicKey

	pNat, qNat *saferith.Nat
	p, q       *bigint.OddModulus // p, q
	pMod, qMod *saferith.Modulus  // the saferith moduli behind p and q
	pSq, qSq   *bigint.OddModulus // p², q²
	pSqMod     *saferith.Modulus  // the saferith modulus behind p²
	qSqMod     *saferith.Modulus  // and behind q²
	crtN       *bigint.CRT        // mod p, q → mod N
	crtN2      *bigint.CRT        // mod p², q² → mod N²

	phi      *saferith.Nat     // φ(N) = (p−1)(q−1)
	pm1, qm1 *saferith.Modulus // p−1, q−1 (orders of Z*_p, Z*_q)
	ordP2    *saferith.Modulus // p(p−1), the order of Z*_{p²}
	ordQ2    *saferith.Modulus // q(q−1)
	hp, hq   *saferith.Nat     // (−q)⁻¹ mod p, (−p)⁻¹ mod q (decryption)
	dp, dq   *saferith.Nat     // N⁻¹ mod (p−1), N⁻¹ mod (q−1) (N-th roots)
	nModP2   *saferith.Nat     // N mod p(p−1): exponent of ρ^N mod p²
	nModQ2   *saferith.Nat     // N mod q(q−1)

	// nonce is the lazily built fast-nonce precomputation (nonce.go); a
	// pointer, so that copies of the key share it.
	nonce *nonceState
}

// NewSecretKeyFromPrimes validates p and q and builds the key. Both must be
// Blum safe primes of exactly half the configured modulus size
// (WithModulusBits), distinct, with N = pq of exactly the configured size.
// Primality is checked with safeprime.Verify (randomness from WithRandom).
func NewSecretKeyFromPrimes(p, q *saferith.Nat, opts ...Option) (*SecretKey, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	if p == nil || q == nil {
		return nil, fmt.Errorf("%w: nil prime", ErrInvalidSecretKey)
	}
	half := cfg.bits / 2
	for _, x := range []*saferith.Nat{p, q} {
		if err := safeprime.Verify(cfg.rand, x, half); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidSecretKey, err)
		}
	}
	if bigint.Equal(p, q) == 1 { // not p.Eq(q), which writes to p and q
		return nil, fmt.Errorf("%w: p = q", ErrInvalidSecretKey)
	}
	return newSecretKey(p, q, cfg.bits)
}

// newSecretKey builds the key from primes already known to be valid Blum
// safe primes of bits/2 bits.
func newSecretKey(p, q *saferith.Nat, bits int) (*SecretKey, error) {
	half := bits / 2
	pNat := p.Clone().Resize(half)
	qNat := q.Clone().Resize(half)
	n := new(saferith.Nat).Mul(pNat, qNat, bits)
	if n.TrueLen() != bits {
		return nil, fmt.Errorf("%w: N = pq has %d bits, want %d", ErrInvalidSecretKey, n.TrueLen(), bits)
	}
	pk, err := newPublicKey(n, bits)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidSecretKey, err)
	}
	sk := &SecretKey{pk: pk, pNat: pNat, qNat: qNat, nonce: new(nonceState)}

	if sk.p, err = bigint.NewOddModulusFromNat(pNat); err != nil {
		return nil, err
	}
	if sk.q, err = bigint.NewOddModulusFromNat(qNat); err != nil {
		return nil, err
	}
	if sk.pSq, err = bigint.NewOddModulusFromNat(new(saferith.Nat).Mul(pNat, pNat, bits)); err != nil {
		return nil, err
	}
	if sk.qSq, err = bigint.NewOddModulusFromNat(new(saferith.Nat).Mul(qNat, qNat, bits)); err != nil {
		return nil, err
	}
	sk.pMod, sk.qMod = sk.p.Modulus(), sk.q.Modulus()
	sk.pSqMod, sk.qSqMod = sk.pSq.Modulus(), sk.qSq.Modulus()
	if sk.crtN, err = bigint.NewCRT(sk.pMod, sk.qMod); err != nil {
		return nil, err
	}
	if sk.crtN2, err = bigint.NewCRT(sk.pSqMod, sk.qSqMod); err != nil {
		return nil, err
	}

	one := new(saferith.Nat).SetUint64(1)
	pm1 := new(saferith.Nat).Sub(pNat, one, half)
	qm1 := new(saferith.Nat).Sub(qNat, one, half)
	sk.pm1 = saferith.ModulusFromNat(pm1)
	sk.qm1 = saferith.ModulusFromNat(qm1)
	sk.phi = new(saferith.Nat).Mul(pm1, qm1, bits)
	sk.ordP2 = saferith.ModulusFromNat(new(saferith.Nat).Mul(pNat, pm1, bits))
	sk.ordQ2 = saferith.ModulusFromNat(new(saferith.Nat).Mul(qNat, qm1, bits))

	// L_p(c^(p−1) mod p²) = −m·q mod p, hence the factor (−q)⁻¹.
	sk.hp = new(saferith.Nat).ModNeg(qNat, sk.pMod)
	sk.hp.ModInverse(sk.hp, sk.pMod)
	sk.hq = new(saferith.Nat).ModNeg(pNat, sk.qMod)
	sk.hq.ModInverse(sk.hq, sk.qMod)

	// gcd(N, p−1) = gcd(pq, 2p') = 1 because q ≠ p' (different sizes).
	// saferith's even-modulus inverse wants its input already reduced, and
	// writes to the (even) modulus: invert modulo private copies so that
	// pm1 and qm1 are never written once set.
	sk.dp = new(saferith.Nat).Mod(n, sk.pm1)
	sk.dp.ModInverse(sk.dp, bigint.CopyModulus(sk.pm1))
	sk.dq = new(saferith.Nat).Mod(n, sk.qm1)
	sk.dq.ModInverse(sk.dq, bigint.CopyModulus(sk.qm1))
	sk.nModP2 = new(saferith.Nat).Mod(n, sk.ordP2)
	sk.nModQ2 = new(saferith.Nat).Mod(n, sk.ordQ2)
	return sk, nil
}

// PublicKey returns the public key (nil for a nil or zero SecretKey).
func (sk *SecretKey) PublicKey() *PublicKey {
	if sk == nil {
		return nil
	}
	return sk.pk
}

// P returns a copy of the prime p. Secret. Nil for a key that is nil, a
// zero value or zeroized (P, Q and Phi return no error; nil is "no value").
func (sk *SecretKey) P() *saferith.Nat {
	if sk.usable() != nil {
		return nil
	}
	return sk.pNat.Clone()
}

// Q returns a copy of the prime q. Secret. Nil as for P.
func (sk *SecretKey) Q() *saferith.Nat {
	if sk.usable() != nil {
		return nil
	}
	return sk.qNat.Clone()
}

// Phi returns a copy of φ(N) = (p−1)(q−1), the value CGGMP21 uses where
// Paillier's paper uses λ(N). Secret. Nil as for P.
func (sk *SecretKey) Phi() *saferith.Nat {
	if sk.usable() != nil {
		return nil
	}
	return sk.phi.Clone()
}

// PModulus returns p for bigmod-backed exponentiation. Secret; shared.
func (sk *SecretKey) PModulus() *bigint.OddModulus { return sk.p }

// QModulus returns q for bigmod-backed exponentiation. Secret; shared.
func (sk *SecretKey) QModulus() *bigint.OddModulus { return sk.q }

// CRT returns the recombination helper modulo p, q. Secret; shared.
func (sk *SecretKey) CRT() *bigint.CRT { return sk.crtN }

// Equal reports whether both keys hold the same primes (in the same order).
func (sk *SecretKey) Equal(other *SecretKey) bool {
	if sk == nil || other == nil {
		return sk == other
	}
	return sk.pk.bits == other.pk.bits && bigint.Equal(sk.pNat, other.pNat)&bigint.Equal(sk.qNat, other.qNat) == 1
}

// ExpN returns x^e mod N for a unit x and a signed exponent e, by CRT
// (exponents reduced modulo p−1 and q−1). Constant time in x and e. The
// result is meaningless if x is not a unit.
func (sk *SecretKey) ExpN(x *saferith.Nat, e *saferith.Int) *saferith.Nat {
	rp := sk.p.Exp(x, e.Mod(sk.pm1))
	rq := sk.q.Exp(x, e.Mod(sk.qm1))
	return sk.crtN.Combine(rp, rq)
}

// ExpN2 returns x^e mod N² for a unit x and a signed exponent e, by CRT
// modulo p² and q² (exponents reduced modulo p(p−1) and q(q−1)).
func (sk *SecretKey) ExpN2(x *saferith.Nat, e *saferith.Int) *saferith.Nat {
	rp := sk.pSq.Exp(x, e.Mod(sk.ordP2))
	rq := sk.qSq.Exp(x, e.Mod(sk.ordQ2))
	return sk.crtN2.Combine(rp, rq)
}

// NthRoot returns the unique y ∈ Z*_N with y^N ≡ x (mod N), i.e.
// x^(N⁻¹ mod φ(N)) mod N, for a unit x (used by Πmod and to recover
// encryption nonces).
func (sk *SecretKey) NthRoot(x *saferith.Nat) *saferith.Nat {
	rp := sk.p.Exp(x, sk.dp)
	rq := sk.q.Exp(x, sk.dq)
	return sk.crtN.Combine(rp, rq)
}
