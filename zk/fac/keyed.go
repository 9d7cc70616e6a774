package fac

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
)

// VerifyWithKey is Verify for the owner of the ring-Pedersen parameters,
// which in CGGMP21 is always the verifier (N̂ is its own Paillier modulus).
// It runs the same checks, but evaluates the three equations modulo the
// secret primes p̂ and q̂ of N̂, with every exponent first reduced modulo
// p̂−1 and q̂−1 (equality mod N̂ is equality mod both primes). That takes
// about half the time of Verify. Because the primes are secret, this path
// is constant time (saferith and filippo.io/bigmod) and reports a failed
// equation without saying which one or modulo which prime.
//
// key must be the Paillier secret key whose modulus is pub.Aux's N̂.
func (p *Proof) VerifyWithKey(t *transcript.Transcript, pub Public, key *paillier.SecretKey) error {
	if t == nil {
		return fmt.Errorf("fac: nil transcript: %w", zk.ErrMalformed)
	}
	st, err := newStatement(pub)
	if err != nil {
		return err
	}
	if key == nil || key.PublicKey().NNat().Eq(st.nHat.Nat()) != 1 {
		return fmt.Errorf("fac: the key is not the one of N̂: %w", zk.ErrMalformed)
	}
	if err := p.validate(st); err != nil {
		return err
	}
	e := challenge(t, st, p)

	// Exponents, computed once on copies (saferith's Mul resizes its
	// arguments in place, and the proof may be shared).
	negE := new(saferith.Int).SetInt(e).Neg(1)
	sigmaE := new(saferith.Int).Mul(new(saferith.Int).SetInt(p.Sigma), new(saferith.Int).SetInt(e), -1)
	vMinusSigmaE := new(saferith.Int).Add(p.V, sigmaE.Neg(1), -1)
	negN0E := new(saferith.Int).Mul(new(saferith.Int).SetNat(st.n0.Nat()), new(saferith.Int).SetInt(negE), -1)
	s, tt := st.aux.S(), st.aux.T()
	eqs := []keyedEquation{
		{want: p.A, terms: []keyedTerm{{s, p.Z1}, {tt, p.W1}, {p.P, negE}}},
		{want: p.B, terms: []keyedTerm{{s, p.Z2}, {tt, p.W2}, {p.Q, negE}}},
		{want: p.T, terms: []keyedTerm{{p.Q, p.Z1}, {tt, vMinusSigmaE}, {s, negN0E}}},
	}
	var okP, okQ saferith.Choice
	par.Do(
		func() { okP = checkModPrime(key.PModulus(), key.P(), eqs) },
		func() { okQ = checkModPrime(key.QModulus(), key.Q(), eqs) },
	)
	if okP&okQ != 1 {
		return fmt.Errorf("fac: ring-Pedersen equations: %w", zk.ErrVerify)
	}
	return nil
}

// keyedTerm is base^exp; keyedEquation says Π terms = want.
type keyedTerm struct {
	base *saferith.Nat
	exp  *saferith.Int
}

type keyedEquation struct {
	want  *saferith.Nat
	terms []keyedTerm
}

// checkModPrime evaluates every equation modulo the prime m (= prime, a
// secret) with exponents reduced modulo m−1, and returns 1 when all hold.
// Every base is a unit mod N̂ (checked by validate), hence mod m, so the
// reduction is exact. Constant time; shared inputs are only read.
func checkModPrime(m *bigint.OddModulus, prime *saferith.Nat, eqs []keyedEquation) saferith.Choice {
	order := saferith.ModulusFromNat(new(saferith.Nat).Sub(prime, new(saferith.Nat).SetUint64(1), prime.AnnouncedLen()))
	mod := m.Modulus()
	ok := saferith.Choice(1)
	for _, eq := range eqs {
		acc := new(saferith.Nat).SetUint64(1)
		for _, tm := range eq.terms {
			r := m.Exp(tm.base, tm.exp.Mod(order))
			acc.ModMul(acc, r, mod)
		}
		ok &= acc.Eq(new(saferith.Nat).Mod(eq.want, mod))
	}
	return ok
}
