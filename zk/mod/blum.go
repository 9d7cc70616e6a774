package mod

// The prover's secret arithmetic modulo p and q. Everything here runs in time
// that depends only on the sizes of p and q (saferith and filippo.io/bigmod);
// the file must not import math/big (SECURITY.md rule 7, checked by a test).

import (
	"fmt"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// blumKey holds N's factorisation and the exponents the prover needs. Its
// bigmod moduli and exponents are only read after construction, so one key is
// shared by the parallel repetitions.
type blumKey struct {
	n, p, q *bigmod.Modulus

	// e4p = ((p+1)/4)² mod (p−1): y ↦ y^e4p maps a square to its principal
	// fourth root modulo p (Dfns spec, blum_sqrt applied twice).
	e4p, e4q []byte
	// dp = N⁻¹ mod (p−1): y ↦ y^dp is the N-th root modulo p.
	dp, dq []byte

	qInvP *bigmod.Nat // q⁻¹ mod p (Garner recombination)
	qN    *bigmod.Nat // q as an element modulo N
	oneP  *bigmod.Nat
	oneQ  *bigmod.Nat
}

// newBlumKey validates the witness against N and precomputes the exponents.
// The checks reveal only whether the witness is valid.
func newBlumKey(n *saferith.Modulus, priv Private) (*blumKey, error) {
	if priv.P == nil || priv.Q == nil {
		return nil, fmt.Errorf("%w: missing prime", ErrInvalidWitness)
	}
	// Private copies: saferith's Mul, Eq, Add and Sub write to their
	// operands, and the witness may be shared with other goroutines (a prover
	// answering several verifiers at once).
	p, q := priv.P.Clone(), priv.Q.Clone()
	bits := n.BitLen()
	// p, q < N is implied by p·q = N with p, q > 1; compare the product at a
	// fixed size first.
	if p.TrueLen() > bits || q.TrueLen() > bits {
		return nil, fmt.Errorf("%w: prime larger than N", ErrInvalidWitness)
	}
	prod := new(saferith.Nat).Mul(p, q, 2*bits)
	if _, eq, _ := prod.Cmp(n.Nat()); eq != 1 { // not CmpMod: it writes to n
		return nil, fmt.Errorf("%w: p·q ≠ N", ErrInvalidWitness)
	}
	// p ≡ q ≡ 3 (mod 4) is public for a Blum integer, so branching on it is
	// fine; p, q > 3 keeps (p+1)/4 ≥ 2 and p−1 a valid modulus.
	if p.Byte(0)&3 != 3 || q.Byte(0)&3 != 3 || p.TrueLen() < 3 || q.TrueLen() < 3 {
		return nil, fmt.Errorf("%w: p or q not ≡ 3 (mod 4)", ErrInvalidWitness)
	}
	if p.Eq(q) == 1 {
		return nil, fmt.Errorf("%w: p = q", ErrInvalidWitness)
	}

	k := &blumKey{}
	var err error
	if k.n, err = bigmod.NewModulus(n.Bytes()); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}
	pBytes, qBytes := ctarith.Bytes(p), ctarith.Bytes(q)
	defer clear(pBytes)
	defer clear(qBytes)
	if k.p, err = bigmod.NewModulus(pBytes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}
	if k.q, err = bigmod.NewModulus(qBytes); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}

	nNat := n.Nat()
	var ok bool
	if k.e4p, k.dp, ok = primeExponents(p, nNat); !ok {
		return nil, fmt.Errorf("%w: gcd(N, p−1) ≠ 1", ErrInvalidWitness)
	}
	if k.e4q, k.dq, ok = primeExponents(q, nNat); !ok {
		return nil, fmt.Errorf("%w: gcd(N, q−1) ≠ 1", ErrInvalidWitness)
	}

	qInv := new(saferith.Nat).ModInverse(q, saferith.ModulusFromNat(p))
	qInvBytes := make([]byte, k.p.Size())
	qInv.FillBytes(qInvBytes)
	defer clear(qInvBytes)
	if k.qInvP, err = bigmod.NewNat().SetBytes(qInvBytes, k.p); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}
	if k.qN, err = bigmod.NewNat().SetBytes(qBytes, k.n); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidWitness, err)
	}
	k.oneP, k.oneQ = natOne(k.p), natOne(k.q)
	return k, nil
}

// primeExponents returns ((r+1)/4)² mod (r−1) and N⁻¹ mod (r−1) as
// fixed-width big-endian exponents, and whether N is invertible mod r−1.
func primeExponents(r, n *saferith.Nat) (e4, d []byte, ok bool) {
	bits := r.TrueLen()
	one := new(saferith.Nat).SetUint64(1)
	rm1 := saferith.ModulusFromNat(new(saferith.Nat).Sub(r, one, bits))
	k := new(saferith.Nat).Add(r, one, bits+1)
	k.Rsh(k, 2, bits)
	e := new(saferith.Nat).ModMul(k, k, rm1)
	// saferith's even-modulus ModInverse assumes its argument is already
	// reduced (it inverts the modulus modulo the argument), so reduce first.
	nr := new(saferith.Nat).Mod(n, rm1)
	inv := new(saferith.Nat).ModInverse(nr, rm1)
	check := new(saferith.Nat).ModMul(inv, nr, rm1)
	ok = check.Eq(new(saferith.Nat).SetUint64(1).Resize(check.AnnouncedLen())) == 1

	size := (bits + 7) / 8
	e4 = e.FillBytes(make([]byte, size))
	d = inv.FillBytes(make([]byte, size))
	return e4, d, ok
}

// natOne returns 1 sized for m.
func natOne(m *bigmod.Modulus) *bigmod.Nat {
	one, err := bigmod.NewNat().SetBytes([]byte{1}, m)
	if err != nil {
		panic("mod: modulus is not above 1") // moduli here are validated primes
	}
	return one
}

// combine returns the x mod N with x ≡ xp (mod p) and x ≡ xq (mod q) by
// Garner's formula x = xq + q·((xp − xq)·q⁻¹ mod p); xq + q·h ≤ N − 1, so the
// last reduction never wraps.
func (k *blumKey) combine(xp, xq *bigmod.Nat) *bigmod.Nat {
	h := ctarith.Copy(xp, k.p)
	h.Sub(bigmod.NewNat().Mod(xq, k.p), k.p)
	h.Mul(k.qInvP, k.p)
	h.ExpandFor(k.n)
	h.Mul(k.qN, k.n)
	return h.Add(bigmod.NewNat().Mod(xq, k.n), k.n)
}

// residueRoot is y^e4 modulo one prime r, and whether y is a square there:
// (y^e4)^4 = y^((r+1)/2) = y·(y/r), which equals y exactly when (y/r) = 1
// (or y ≡ 0), so one exponentiation gives both the Legendre symbol and the
// candidate fourth root.
func residueRoot(y *bigmod.Nat, e4 []byte, r *bigmod.Modulus) (root *bigmod.Nat, square uint) {
	root = bigmod.NewNat().Exp(y, e4, r)
	t := ctarith.Copy(root, r)
	t.Mul(t, r)
	t.Mul(t, r)
	return root, t.Equal(y)
}

// wipe clears the secret exponents and residues once the proof is made. (The
// bigmod moduli p and q cannot be cleared from outside the package.)
func (k *blumKey) wipe() {
	clear(k.e4p)
	clear(k.e4q)
	clear(k.dp)
	clear(k.dq)
	ctarith.Wipe(k.qInvP, k.qN)
}
