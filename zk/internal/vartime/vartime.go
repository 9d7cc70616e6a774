package vartime

// Variable time: public values only (see doc.go). This file uses math/big
// on statements and proofs.

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

var bigOne = big.NewInt(1)

// CheckUnit checks that x is a unit other than ±1 modulo mod: 1 < x < mod−1
// and gcd(x, unit) = 1, where unit is mod or, for a ciphertext modulo N², N
// itself. 0, 1, mod−1, mod and anything larger are refused (SECURITY.md
// case 12): an honest prover hits ±1 only with negligible probability.
func CheckUnit(x *saferith.Nat, mod, unit *saferith.Modulus) error {
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

// CheckCiphertext checks c ∈ Z*_{N²}: 0 < c < N² and gcd(c, N) = 1
// (SECURITY.md case 11). Sizes first: a value longer than N² is refused
// before any arithmetic.
func CheckCiphertext(c *saferith.Nat, pk *paillier.PublicKey) error {
	nSq := pk.NSquared()
	if c.TrueLen() > nSq.BitLen() {
		return fmt.Errorf("ciphertext longer than N²: %w", zk.ErrOutOfRange)
	}
	cb := c.Big()
	if cb.Sign() <= 0 || cb.Cmp(nSq.Big()) >= 0 {
		return fmt.Errorf("ciphertext not in [1, N²): %w", zk.ErrOutOfRange)
	}
	if new(big.Int).GCD(nil, nil, cb, pk.N().Big()).Cmp(bigOne) != 0 {
		return fmt.Errorf("ciphertext shares a factor with N: %w", zk.ErrNotUnit)
	}
	return nil
}

// CheckVerifierModulus refuses ring-Pedersen parameters whose N̂ is the
// prover's Paillier modulus (named name in the error, e.g. "N0"):
// zk.ErrProverModulus. The ring-Pedersen parameters must be the verifier's,
// whose factors the prover does not know: a Πfac checked against the
// prover's own parameters is the bug of a peer library that SECURITY.md
// case 9 recalls. Public values, variable time.
func CheckVerifierModulus(aux *paillier.PedersenParams, prover *paillier.PublicKey, name string) error {
	if aux.N().Big().Cmp(prover.N().Big()) == 0 {
		return fmt.Errorf("the ring-Pedersen modulus N̂ equals %s: %w", name, zk.ErrProverModulus)
	}
	return nil
}

// Power is one Base^Exp mod n factor of an Equation.
type Power struct {
	Base, Exp *big.Int
	out       *big.Int
}

// Equation is Π Powers · Factor ≡ Want (mod N); Factor may be nil.
//
// With Mod set (N as an OddModulus, e.g. a key's NSquaredOdd), the powers
// are computed together by one multi-exponentiation that shares its
// squarings between them (bigint.OddModulus.ExpMulti, the assembly
// Montgomery kernels): z^N0 · K^(−e) then costs hardly more than z^N0
// alone. Without Mod each power is a math/big exponentiation of its own,
// run in parallel with the others.
type Equation struct {
	Name   string
	N      *big.Int
	Mod    *bigint.OddModulus
	Powers []*Power
	Factor *big.Int
	Want   *big.Int

	product *big.Int // Π Powers, when Mod is set
	err     error
}

// productVarTime computes Π Powers mod N with one multi-exponentiation; a
// negative exponent uses the inverse of its base (math/big: public values).
func (eq *Equation) productVarTime() {
	bases := make([]*saferith.Nat, len(eq.Powers))
	exps := make([]*saferith.Nat, len(eq.Powers))
	for i, pw := range eq.Powers {
		base := pw.Base
		if pw.Exp.Sign() < 0 {
			base = new(big.Int).ModInverse(pw.Base, eq.N)
			if base == nil {
				eq.err = zk.ErrNotUnit
				return
			}
		}
		abs := new(big.Int).Abs(pw.Exp)
		bases[i] = new(saferith.Nat).SetBig(base, eq.N.BitLen())
		exps[i] = new(saferith.Nat).SetBig(abs, abs.BitLen())
	}
	// Every exponent is public: sliding windows (ExpMultiMixed).
	public := make([]bool, len(exps))
	for i := range public {
		public[i] = true
	}
	prod, err := eq.Mod.ExpMultiMixed(bases, exps, public)
	if err != nil {
		eq.err = err
		return
	}
	eq.product = prod.Big()
}

// OnePlus returns (1+N)^z mod N² = 1 + (z mod N)·N, which needs no
// exponentiation.
func OnePlus(z, n, nSq *big.Int) *big.Int {
	r := new(big.Int).Mod(z, n)
	r.Mul(r, n).Add(r, bigOne)
	return r.Mod(r, nSq)
}

// CheckEquations computes every power of every equation in parallel
// (alongside the extras, such as a curve check or a keyed check, each in its
// own goroutine; nil extras are skipped) and then compares; errors are
// prefixed with proof. Every base is a unit (checked before), so negative
// exponents are defined. All goroutines finish before it returns. An
// extra's error is reported before any equation's.
func CheckEquations(proof string, eqs []Equation, extras ...func() error) error {
	var wg sync.WaitGroup
	for i := range eqs {
		eq := &eqs[i]
		if eq.Mod != nil {
			wg.Go(eq.productVarTime)
			continue
		}
		for _, pw := range eq.Powers {
			wg.Go(func() { pw.out = new(big.Int).Exp(pw.Base, pw.Exp, eq.N) })
		}
	}
	extraErrs := make([]error, len(extras))
	for i, extra := range extras {
		if extra != nil {
			wg.Go(func() { extraErrs[i] = extra() })
		}
	}
	wg.Wait()
	for _, err := range extraErrs {
		if err != nil {
			return err
		}
	}
	for _, eq := range eqs {
		acc := big.NewInt(1)
		if eq.Factor != nil {
			acc.Set(eq.Factor)
		}
		if eq.Mod != nil {
			if eq.err != nil {
				return fmt.Errorf("%s: equation %s: %w", proof, eq.Name, eq.err)
			}
			if acc.Mul(acc, eq.product).Mod(acc, eq.N).Cmp(eq.Want) != 0 {
				return fmt.Errorf("%s: equation %s: %w", proof, eq.Name, zk.ErrVerify)
			}
			continue
		}
		for _, pw := range eq.Powers {
			if pw.out == nil { // non-invertible base: excluded before
				return fmt.Errorf("%s: equation %s: %w", proof, eq.Name, zk.ErrNotUnit)
			}
			acc.Mul(acc, pw.out).Mod(acc, eq.N)
		}
		if acc.Cmp(eq.Want) != 0 {
			return fmt.Errorf("%s: equation %s: %w", proof, eq.Name, zk.ErrVerify)
		}
	}
	return nil
}
