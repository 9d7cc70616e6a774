package paillier

import (
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
)

// Keyed checks: the verifier of a CGGMP21 proof is often the owner of the
// modulus its equations live in (its ring-Pedersen modulus N̂ is its own
// Paillier N, and in Πaff-g the ciphertexts C, D are under its own key). It
// can then evaluate the equation modulo p and q (or p² and q²) instead of
// modulo N (N²): equality modulo N is equality modulo both primes, and with
// every base a unit an exponent may be reduced modulo the group order p−1
// (p(p−1)), so each power costs a half-size exponentiation with a
// half-size (or, reduced, at most half-size) exponent: about a quarter of
// the work of the public equation, and less again because the powers of
// one side share their squarings (bigint.OddModulus.ExpMulti).
//
// The primes are secret, so these checks are constant time in p and q:
// saferith and the bigint exponentiations, with exponents reduced (when
// they are longer than the group order) in constant time. The bases and
// exponents are public (a proof and its statement), and the checks branch
// on the signs and announced lengths of the exponents, never on anything
// secret. They report only whether the equation holds modulo N (N²), never
// modulo which prime it fails, which would help to factor N.

// Power is one factor Base^Exp of a product that ProductIsN or ProductIsN2
// evaluates. Both values are public; Base must be a unit modulo N (the
// caller checks: the result is meaningless otherwise) and is only read.
type Power struct {
	// Base is the public base, a unit modulo N.
	Base *saferith.Nat
	// Exp is the public signed exponent.
	Exp *saferith.Int
}

// ProductIsN returns 1 if Π Base^Exp ≡ want (mod N), evaluated modulo p
// and q with exponents reduced modulo p−1 and q−1 where that shortens them
// (Fermat: every base here is a unit modulo p and q). Constant time in p
// and q; the inputs are public and only read.
func (sk *SecretKey) ProductIsN(want *saferith.Nat, powers ...Power) saferith.Choice {
	return checkProduct(sk.p, sk.pMod, sk.pm1, want, nil, powers) &
		checkProduct(sk.q, sk.qMod, sk.qm1, want, nil, powers)
}

// ProductIsN2 returns 1 if factor · Π Base^Exp ≡ want (mod N²), evaluated
// modulo p² and q² with exponents reduced modulo p(p−1) and q(q−1) where
// that shortens them. factor may be nil (1); the proofs pass (1+N)^z there,
// computed publicly as 1 + z·N. Constant time in p and q; the inputs are
// public and only read.
func (sk *SecretKey) ProductIsN2(want, factor *saferith.Nat, powers ...Power) saferith.Choice {
	return checkProduct(sk.pSq, sk.pSqMod, sk.ordP2, want, factor, powers) &
		checkProduct(sk.qSq, sk.qSqMod, sk.ordQ2, want, factor, powers)
}

// checkProduct evaluates factor · Π Base^Exp ≡ want modulo the secret m, of
// group order ord. An exponent longer than ord is reduced modulo ord
// (constant time; the result is non-negative and secret, so it gets fixed
// windows); a shorter one keeps its length and, being public, a sliding
// window (bigint.OddModulus.ExpMultiMixed: the pattern follows the public
// exponent, never the secret modulus), and a negative one moves to the
// other side (b^(−e) = w ⟺ 1 = w·b^e), which avoids inverting modulo the
// secret m. The sign is public.
func checkProduct(m *bigint.OddModulus, mod, ord *saferith.Modulus, want, factor *saferith.Nat, powers []Power) saferith.Choice {
	var lb, le, rb, re []*saferith.Nat
	var lpub, rpub []bool // an exponent is public unless reduced modulo ord
	for _, pw := range powers {
		switch {
		case pw.Exp.AnnouncedLen() > ord.BitLen():
			lb, le, lpub = append(lb, pw.Base), append(le, pw.Exp.Mod(ord)), append(lpub, false)
		case pw.Exp.IsNegative() == 1:
			rb, re, rpub = append(rb, pw.Base), append(re, pw.Exp.Abs()), append(rpub, true)
		default:
			lb, le, lpub = append(lb, pw.Base), append(le, pw.Exp.Abs()), append(lpub, true)
		}
	}
	lhs, errL := m.ExpMultiMixed(lb, le, lpub)
	rhs, errR := m.ExpMultiMixed(rb, re, rpub)
	if errL != nil || errR != nil {
		return 0 // unreachable: one exponent per base by construction
	}
	if factor != nil {
		lhs.ModMul(lhs, factor, mod)
	}
	rhs.ModMul(rhs, want, mod)
	return lhs.Eq(rhs)
}
