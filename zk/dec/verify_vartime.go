package dec

// Variable time: public values only. Everything in this file runs on the
// statement and the proof (public values) with math/big, which is faster
// than constant-time code; no secret ever reaches it.

import (
	"fmt"
	"math/big"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

var bigOne = big.NewInt(1)

// checkUnitVarTime checks that x is a unit other than ±1 modulo mod: 1 < x <
// mod−1 and gcd(x, unit) = 1, where unit is mod or, for a ciphertext modulo
// N², N itself. 0, 1, mod−1, mod and anything larger are refused
// (security.md case 12): an honest prover hits ±1 only with negligible
// probability.
//
// Variable time: public values only.
func checkUnitVarTime(x *saferith.Nat, mod, unit *saferith.Modulus) error {
	xb, mb := x.Big(), mod.Big()
	if xb.Sign() <= 0 || xb.Cmp(mb) >= 0 {
		return fmt.Errorf("not in [1, modulus): %w", zk.ErrOutOfRange)
	}
	if xb.Cmp(bigOne) == 0 || new(big.Int).Add(xb, bigOne).Cmp(mb) == 0 {
		return fmt.Errorf("degenerate value ±1: %w", zk.ErrOutOfRange)
	}
	if new(big.Int).GCD(nil, nil, xb, unit.Big()).Cmp(bigOne) != 0 {
		return fmt.Errorf("shares a factor with the modulus: %w", zk.ErrNotUnit)
	}
	return nil
}

// checkCiphertextVarTime checks c ∈ Z*_{N²}: 0 < c < N² and gcd(c, N) = 1
// (security.md case 11).
//
// Variable time: public values only.
func checkCiphertextVarTime(c *saferith.Nat, pk *paillier.PublicKey) error {
	cb := c.Big()
	if cb.Sign() <= 0 || cb.Cmp(pk.NSquared().Big()) >= 0 {
		return fmt.Errorf("ciphertext not in [1, N²): %w", zk.ErrOutOfRange)
	}
	if new(big.Int).GCD(nil, nil, cb, pk.N().Big()).Cmp(bigOne) != 0 {
		return fmt.Errorf("ciphertext shares a factor with N: %w", zk.ErrNotUnit)
	}
	return nil
}

// power is one base^exp mod n factor of a verification equation.
type power struct {
	base, exp *big.Int
	out       *big.Int
}

// equation is Π powers · factor ≡ want (mod n); factor may be nil.
type equation struct {
	name   string
	n      *big.Int
	powers []*power
	factor *big.Int
	want   *big.Int
}

// onePlusVarTime returns (1+N)^z mod N² = 1 + (z mod N)·N, which needs no
// exponentiation.
//
// Variable time: public values only.
func onePlusVarTime(z, n, nSq *big.Int) *big.Int {
	r := new(big.Int).Mod(z, n)
	r.Mul(r, n).Add(r, bigOne)
	return r.Mod(r, nSq)
}

// checkEquationsVarTime computes every power of every equation in parallel
// (alongside extra, if not nil, such as the curve check) and then compares.
// Every base is a unit (checked before), so negative exponents are defined.
//
// Variable time: public values only.
func checkEquationsVarTime(eqs []equation, extra func() error) error {
	var jobs []func()
	for _, eq := range eqs {
		for _, pw := range eq.powers {
			jobs = append(jobs, func() { pw.out = new(big.Int).Exp(pw.base, pw.exp, eq.n) })
		}
	}
	var extraErr error
	if extra != nil {
		jobs = append(jobs, func() { extraErr = extra() })
	}
	parallel(jobs...)
	if extraErr != nil {
		return extraErr
	}
	for _, eq := range eqs {
		acc := big.NewInt(1)
		if eq.factor != nil {
			acc.Set(eq.factor)
		}
		for _, pw := range eq.powers {
			if pw.out == nil { // non-invertible base: excluded before
				return fmt.Errorf("dec: equation %s: %w", eq.name, zk.ErrNotUnit)
			}
			acc.Mul(acc, pw.out).Mod(acc, eq.n)
		}
		if acc.Cmp(eq.want) != 0 {
			return fmt.Errorf("dec: equation %s: %w", eq.name, zk.ErrVerify)
		}
	}
	return nil
}

// verifyEquationsVarTime checks the three equations of Figure 30, the
// Paillier and ring-Pedersen ones rearranged so that the commitment stands
// alone on the right:
//
//	(1+N0)^z1 · w^N0 · C^(−e)  = A  (mod N0²)
//	s^z1 · t^z2 · S^(−e)       = T  (mod N̂)
//	z1 ≡ γ + e·x                    (mod q)
//
// Variable time: public values only.
func verifyEquationsVarTime(st *statement, p *Proof, e *saferith.Int) error {
	c := st.curve
	if !c.ScalarFromInt(p.Z1).Equal(p.Gamma.Add(c.ScalarFromInt(e).Mul(st.x))) {
		return fmt.Errorf("dec: equation z1 = γ + e·x mod q: %w", zk.ErrVerify)
	}
	n0, n0Sq, nHat := st.n0.N().Big(), st.n0.NSquared().Big(), st.nHat.Big()
	s, t := st.aux.S().Big(), st.aux.T().Big()
	negE := new(big.Int).Neg(e.Big())
	z1 := p.Z1.Big()
	eqs := []equation{
		{
			name: "N0²", n: n0Sq, want: p.A.Big(), factor: onePlusVarTime(z1, n0, n0Sq),
			powers: []*power{{base: p.W.Big(), exp: n0}, {base: st.c.Big(), exp: negE}},
		},
		{
			name: "T", n: nHat, want: p.T.Big(),
			powers: []*power{{base: s, exp: z1}, {base: t, exp: p.Z2.Big()}, {base: p.S.Big(), exp: negE}},
		},
	}
	return checkEquationsVarTime(eqs, nil)
}
