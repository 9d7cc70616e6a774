package enc

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk"
)

var bigOne = big.NewInt(1)

// checkCiphertextVarTime checks c ∈ Z*_{N0²}: 0 < c < N0² and gcd(c, N0) = 1.
// Sizes first: a value longer than N0² is refused before any arithmetic.
//
// Variable time: public values only.
func checkCiphertextVarTime(c *saferith.Nat, n0Sq, n0 *saferith.Modulus) error {
	if c.TrueLen() > n0Sq.BitLen() {
		return fmt.Errorf("longer than N0²: %w", zk.ErrOutOfRange)
	}
	cb := c.Big()
	if cb.Sign() <= 0 || cb.Cmp(n0Sq.Big()) >= 0 {
		return fmt.Errorf("not in [1, N0²): %w", zk.ErrOutOfRange)
	}
	if new(big.Int).GCD(nil, nil, cb, n0.Big()).Cmp(bigOne) != 0 {
		return fmt.Errorf("shares a factor with N0: %w", zk.ErrNotUnit)
	}
	return nil
}

// checkUnitVarTime checks x ∈ Z*_n \ {1, n−1}: 0 < x < n, gcd(x, n) = 1, and
// x is not one of the two elements of order at most 2 that an honest prover
// hits only with negligible probability (security.md case 12). For n = N0²
// the gcd with n is the gcd with N0.
//
// Variable time: public values only.
func checkUnitVarTime(x *saferith.Nat, n *saferith.Modulus) error {
	xb, nb := x.Big(), n.Big()
	if xb.Sign() <= 0 || xb.Cmp(nb) >= 0 {
		return fmt.Errorf("not in [1, N): %w", zk.ErrOutOfRange)
	}
	if xb.Cmp(bigOne) == 0 || new(big.Int).Add(xb, bigOne).Cmp(nb) == 0 {
		return fmt.Errorf("degenerate value ±1: %w", zk.ErrOutOfRange)
	}
	if new(big.Int).GCD(nil, nil, xb, nb).Cmp(bigOne) != 0 {
		return fmt.Errorf("shares a factor with N: %w", zk.ErrNotUnit)
	}
	return nil
}

// verifyEquationsVarTime checks the two equations of Figure 14, rearranged
// so that the commitment stands alone:
//
//	(1 + z1·N0) · z2^N0 · K^(−e) = A   (mod N0²), as (1+N0)^z1 = 1 + z1·N0
//	s^z1 · t^z3 · S^(−e)          = C   (mod N̂)
//
// The powers run in parallel; z2^N0 mod N0² is the long one. Every base is
// a unit (checked before), so negative exponents are well defined. If
// pedersen is not nil it replaces the second equation (VerifyWithKey's
// keyed check, constant time, run beside the powers) and the public bases
// s, t, S are not exponentiated here.
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int, pedersen func() error) error {
	n0, n0Sq, nHat := st.n0.Big(), st.n0Sq.Big(), st.nHat.Big()
	negE := new(big.Int).Neg(e.Big())
	z1 := p.Z1.Big()

	type power struct{ base, exp, mod, out *big.Int }
	pows := []*power{
		{base: p.Z2.Big(), exp: n0, mod: n0Sq},
		{base: st.k.Big(), exp: negE, mod: n0Sq},
	}
	if pedersen == nil {
		pows = append(pows,
			&power{base: st.aux.S().Big(), exp: z1, mod: nHat},
			&power{base: st.aux.T().Big(), exp: p.Z3.Big(), mod: nHat},
			&power{base: p.S.Big(), exp: negE, mod: nHat},
		)
	}
	jobs := make([]func(), len(pows), len(pows)+1)
	for i, pw := range pows {
		jobs[i] = func() { pw.out = new(big.Int).Exp(pw.base, pw.exp, pw.mod) }
	}
	var pedersenErr error
	if pedersen != nil {
		jobs = append(jobs, func() { pedersenErr = pedersen() })
	}
	parallel(jobs...)
	for _, pw := range pows {
		if pw.out == nil { // non-invertible base: excluded by validate
			return fmt.Errorf("enc: %w", zk.ErrNotUnit)
		}
	}

	lhs := new(big.Int).Mul(z1, n0)
	lhs.Add(lhs, bigOne).Mod(lhs, n0Sq)
	lhs.Mul(lhs, pows[0].out).Mod(lhs, n0Sq)
	lhs.Mul(lhs, pows[1].out).Mod(lhs, n0Sq)
	if lhs.Cmp(p.A.Big()) != 0 {
		return fmt.Errorf("enc: Paillier equation: %w", zk.ErrVerify)
	}

	if pedersen != nil {
		return pedersenErr
	}
	rhs := new(big.Int).Mul(pows[2].out, pows[3].out)
	rhs.Mod(rhs, nHat).Mul(rhs, pows[4].out).Mod(rhs, nHat)
	if rhs.Cmp(p.C.Big()) != 0 {
		return fmt.Errorf("enc: ring-Pedersen equation: %w", zk.ErrVerify)
	}
	return nil
}
