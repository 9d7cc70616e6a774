package bigint

import (
	"errors"

	"github.com/cronokirby/saferith"
)

// CRT recombines residues modulo two coprime odd moduli p and q into the
// residue modulo p·q (Garner's formula x = xq + q·((xp − xq)·q⁻¹ mod p)), in
// time that depends only on the sizes of p and q. It holds secret values when
// p and q are the factors of a Paillier modulus. It is immutable and safe for
// concurrent use: its fields are only ever read (saferith's Mul, Add, Cmp and
// CondAssign write to their operands, so those get private copies).
type CRT struct {
	p, q, pq *saferith.Modulus
	qNat     *saferith.Nat
	qInvP    *saferith.Nat
}

// NewCRT precomputes q⁻¹ mod p. p must be odd; p and q coprime. The CRT
// keeps its own copies of p and q.
func NewCRT(p, q *saferith.Modulus) (*CRT, error) {
	if p == nil || q == nil {
		return nil, errors.New("bigint: NewCRT: nil modulus")
	}
	p, q = saferith.ModulusFromNat(p.Nat()), saferith.ModulusFromNat(q.Nat())
	qNat := q.Nat()
	if qNat.IsUnit(p) != 1 {
		return nil, errors.New("bigint: NewCRT: moduli are not coprime")
	}
	pq := saferith.ModulusFromNat(new(saferith.Nat).Mul(p.Nat(), qNat, p.BitLen()+q.BitLen()))
	return &CRT{
		p: p, q: q, pq: pq,
		qNat:  qNat,
		qInvP: new(saferith.Nat).ModInverse(qNat, p),
	}, nil
}

// P returns a copy of the first modulus.
func (c *CRT) P() *saferith.Modulus { return CopyModulus(c.p) }

// Q returns a copy of the second modulus.
func (c *CRT) Q() *saferith.Modulus { return CopyModulus(c.q) }

// Modulus returns a copy of p·q.
func (c *CRT) Modulus() *saferith.Modulus { return CopyModulus(c.pq) }

// Split returns (x mod p, x mod q).
func (c *CRT) Split(x *saferith.Nat) (*saferith.Nat, *saferith.Nat) {
	return new(saferith.Nat).Mod(x, c.p), new(saferith.Nat).Mod(x, c.q)
}

// Combine returns the unique x mod p·q with x ≡ xp (mod p) and x ≡ xq (mod q).
// xp and xq may be of any size; they are reduced first.
func (c *CRT) Combine(xp, xq *saferith.Nat) *saferith.Nat {
	xqp := new(saferith.Nat).Mod(xq, c.p)
	h := new(saferith.Nat).Mod(xp, c.p)
	h.ModSub(h, xqp, c.p)
	h.ModMul(h, c.qInvP, c.p)
	// xq + q·h < q + q·(p−1) = p·q, so no reduction is needed after the sum.
	size := c.pq.BitLen() + 1
	// Mul resizes both operands in place: multiply a private copy of q.
	out := new(saferith.Nat).Mul(c.qNat.Clone(), h, size)
	out.Add(out, new(saferith.Nat).Mod(xq, c.q), size)
	return out.Mod(out, c.pq)
}
