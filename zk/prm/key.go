package prm

// The prover's secret arithmetic modulo p, q and φ(N̂). Everything here runs
// in time that depends only on the sizes of p and q (saferith and
// filippo.io/bigmod); the file must not import math/big (SECURITY.md rule 7,
// checked by a test).

import (
	"fmt"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// prmKey holds N̂'s factorisation, φ(N̂), λ and t modulo each prime. It is only
// read after construction, so one key is shared by the parallel repetitions.
type prmKey struct {
	n, p, q  *bigmod.Modulus
	pm1, qm1 *bigmod.Modulus // p−1, q−1: exponents of t mod p, q reduce modulo these
	phi      *bigmod.Modulus // φ(N̂) = (p−1)(q−1)
	phiNat   *saferith.Modulus

	lambda *bigmod.Nat // λ mod φ(N̂)
	tp, tq *bigmod.Nat // t mod p, t mod q
	qInvP  *bigmod.Nat // q⁻¹ mod p (Garner recombination)
	qN     *bigmod.Nat // q as an element modulo N̂
}

// newPrmKey validates the witness against the statement (p·q = N̂ and
// s = t^λ mod N̂) and precomputes what the repetitions share. The checks
// reveal only whether the witness is valid.
func newPrmKey(pub Public, priv Private) (*prmKey, error) {
	if priv.P == nil || priv.Q == nil || priv.Lambda == nil {
		return nil, fmt.Errorf("%w: missing witness value", ErrInvalidWitness)
	}
	// Private copies of p and q: saferith's Mul and Sub write to their
	// operands, and the witness may be shared with other goroutines. λ is
	// only read (Mod).
	p, q, lambda := priv.P.Clone(), priv.Q.Clone(), priv.Lambda
	n := pub.N
	bits := n.BitLen()
	if p.TrueLen() > bits || q.TrueLen() > bits || lambda.TrueLen() > 2*MaxModulusBits {
		return nil, fmt.Errorf("%w: witness value too large", ErrInvalidWitness)
	}
	prod := new(saferith.Nat).Mul(p, q, 2*bits)
	if _, eq, _ := prod.Cmp(n.Nat()); eq != 1 { // not CmpMod: it writes to n
		return nil, fmt.Errorf("%w: p·q ≠ N", ErrInvalidWitness)
	}
	// Odd primes above 3: p−1 and q−1 are then moduli > 1. Oddness is public
	// (N̂ is odd).
	if p.Byte(0)&1 != 1 || q.Byte(0)&1 != 1 || p.TrueLen() < 3 || q.TrueLen() < 3 {
		return nil, fmt.Errorf("%w: p or q is not an odd prime", ErrInvalidWitness)
	}

	k := &prmKey{}
	var err error
	if k.n, err = bigmod.NewModulus(n.Bytes()); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}
	one := new(saferith.Nat).SetUint64(1)
	pm1 := new(saferith.Nat).Sub(p, one, p.TrueLen())
	qm1 := new(saferith.Nat).Sub(q, one, q.TrueLen())
	phi := new(saferith.Nat).Mul(pm1, qm1, bits)
	k.phiNat = saferith.ModulusFromNat(phi)
	for _, mod := range []struct {
		dst **bigmod.Modulus
		v   *saferith.Nat
	}{{&k.p, p}, {&k.q, q}, {&k.pm1, pm1}, {&k.qm1, qm1}, {&k.phi, phi}} {
		b := ctarith.Bytes(mod.v)
		*mod.dst, err = bigmod.NewModulus(b)
		clear(b)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
		}
	}

	lam := new(saferith.Nat).Mod(lambda, k.phiNat)
	if k.lambda, err = fromSaferith(lam, k.phi); err != nil {
		return nil, err
	}
	qInv := new(saferith.Nat).ModInverse(q, saferith.ModulusFromNat(p))
	if k.qInvP, err = fromSaferith(qInv, k.p); err != nil {
		return nil, err
	}
	if k.qN, err = fromSaferith(q, k.n); err != nil {
		return nil, err
	}
	tN, err := fromSaferith(pub.T, k.n)
	if err != nil {
		return nil, err
	}
	k.tp = bigmod.NewNat().Mod(tN, k.p)
	k.tq = bigmod.NewNat().Mod(tN, k.q)

	// s = t^λ: the prover refuses to prove a false statement.
	sN, err := fromSaferith(pub.S, k.n)
	if err != nil {
		return nil, err
	}
	if k.expT(k.lambda).Equal(sN) != 1 {
		return nil, fmt.Errorf("%w: s ≠ t^λ mod N", ErrInvalidWitness)
	}
	return k, nil
}

// fromSaferith converts x < m to a bigmod element; the encoding length is
// m's (public).
func fromSaferith(x *saferith.Nat, m *bigmod.Modulus) (*bigmod.Nat, error) {
	buf := make([]byte, m.Size())
	defer clear(buf)
	if x.TrueLen() > 8*len(buf) {
		return nil, fmt.Errorf("%w: value wider than its modulus", ErrInvalidWitness)
	}
	out, err := bigmod.NewNat().SetBytes(x.FillBytes(buf), m)
	if err != nil {
		return nil, fmt.Errorf("%w: value not below its modulus", ErrInvalidWitness)
	}
	return out, nil
}

// expT returns t^a mod N̂ for an exponent a mod φ(N̂), by CRT: modulo p the
// exponent reduces modulo p−1 (Fermat), likewise for q.
func (k *prmKey) expT(a *bigmod.Nat) *bigmod.Nat {
	ap := bigmod.NewNat().Mod(a, k.pm1)
	aq := bigmod.NewNat().Mod(a, k.qm1)
	ep, eq := ap.Bytes(k.pm1), aq.Bytes(k.qm1)
	xp := bigmod.NewNat().Exp(k.tp, ep, k.p)
	xq := bigmod.NewNat().Exp(k.tq, eq, k.q)
	clear(ep)
	clear(eq)
	ctarith.Wipe(ap, aq)
	return k.combine(xp, xq)
}

// combine returns the x mod N̂ with x ≡ xp (mod p) and x ≡ xq (mod q) by
// Garner's formula x = xq + q·((xp − xq)·q⁻¹ mod p); xq + q·h ≤ N̂ − 1, so
// the last reduction never wraps.
func (k *prmKey) combine(xp, xq *bigmod.Nat) *bigmod.Nat {
	h := ctarith.Copy(xp, k.p)
	h.Sub(bigmod.NewNat().Mod(xq, k.p), k.p)
	h.Mul(k.qInvP, k.p)
	h.ExpandFor(k.n)
	h.Mul(k.qN, k.n)
	return h.Add(bigmod.NewNat().Mod(xq, k.n), k.n)
}

// wipe clears λ and the other secret residues once the proof is made. (The
// bigmod moduli cannot be cleared from outside their package.)
func (k *prmKey) wipe() {
	ctarith.Wipe(k.lambda, k.tp, k.tq, k.qInvP, k.qN)
}
