package bigint

import (
	"errors"
	"fmt"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"
)

// OddModulus pairs a saferith modulus with its filippo.io/bigmod twin so that
// modular exponentiations use bigmod's Montgomery code (assembly for
// 1024/1536/2048-bit moduli, about 3x faster than saferith's Nat.Exp and
// constant time). It is immutable and safe for concurrent use.
//
// On amd64 with ADX it also carries this package's own Montgomery context
// (mont.go, assembly kernels for 1024 to 6144-bit moduli). Single
// exponentiations use it for the sizes bigmod has no assembly for (3072,
// 4096 and 6144 bits: N² and p² of 2048/3072-bit keys), about 2.6 times
// faster there; Exp2Nat (shared squarings) and NewFixedBase (precomputed
// tables) use it at every size it covers. On CPUs with AVX-512 IFMA that
// context runs in radix 2^52 (mont_ifma.go) for moduli of 1536 bits and
// more, and then serves single exponentiations at every size too: it is
// 1.5 to 4.5 times faster than the MULX kernels and bigmod there.
type OddModulus struct {
	m    *saferith.Modulus
	bm   *bigmod.Modulus
	mt   *montgomery // nil when there is no assembly kernel for this size
	size int         // bytes
	// useMont routes single exponentiations to mt rather than bigmod.
	useMont bool
}

// bigmodHasAssembly reports whether filippo.io/bigmod has assembly for an
// n-limb modulus (1024, 1536 and 2048 bits).
func bigmodHasAssembly(n int) bool { return n == 16 || n == 24 || n == 32 }

// ErrEvenModulus is returned when an exponentiation modulus is even.
var ErrEvenModulus = errors.New("bigint: modulus must be odd and > 1")

// NewOddModulus wraps an odd modulus m > 1 (the OddModulus keeps its own
// copy). Only the bit length and parity of m can leak through timing.
func NewOddModulus(m *saferith.Modulus) (*OddModulus, error) {
	if m == nil || m.BitLen() < 2 {
		return nil, ErrEvenModulus
	}
	m = CopyModulus(m)
	b := m.Bytes()
	if b[len(b)-1]&1 == 0 {
		return nil, ErrEvenModulus
	}
	bm, err := bigmod.NewModulus(b)
	if err != nil {
		return nil, fmt.Errorf("bigint: %w", err)
	}
	o := &OddModulus{m: m, bm: bm, size: bm.Size()}
	if fastKernel((m.BitLen() + 63) / 64) {
		o.mt = newMontgomeryBest(m)
	}
	// bigmod's own assembly is as fast as the MULX kernels for these sizes
	// and is the house default, so single exponentiations stay on it unless
	// the IFMA kernels serve the size.
	o.useMont = o.mt != nil && (o.mt.ifma != nil || !bigmodHasAssembly(o.mt.limbs))
	return o, nil
}

// NewOddModulusFromNat is NewOddModulus(saferith.ModulusFromNat(n)).
func NewOddModulusFromNat(n *saferith.Nat) (*OddModulus, error) {
	if n == nil {
		return nil, ErrEvenModulus
	}
	return NewOddModulus(saferith.ModulusFromNat(n))
}

// Modulus returns a private copy of the saferith modulus, which the caller
// may pass to any saferith operation (the OddModulus's own copy is only ever
// read, see shared.go).
func (o *OddModulus) Modulus() *saferith.Modulus { return CopyModulus(o.m) }

// BitLen returns the bit length of the modulus.
func (o *OddModulus) BitLen() int { return o.m.BitLen() }

// toBigmod reduces x and converts it to a bigmod.Nat sized for o.
func (o *OddModulus) toBigmod(x *saferith.Nat) *bigmod.Nat {
	r := new(saferith.Nat).Mod(x, o.m)
	buf := make([]byte, o.size)
	r.FillBytes(buf)
	out, err := bigmod.NewNat().SetBytes(buf, o.bm)
	if err != nil {
		// r < m by construction: unreachable.
		panic("bigint: reduced value not below modulus")
	}
	return out
}

func (o *OddModulus) fromBigmod(x *bigmod.Nat) *saferith.Nat {
	return new(saferith.Nat).SetBytes(x.Bytes(o.bm)).Resize(o.m.BitLen())
}

// Exp returns x^e mod m. Timing depends only on the announced length of e
// and the size of m, not on the values of x or e.
func (o *OddModulus) Exp(x, e *saferith.Nat) *saferith.Nat {
	return o.ExpBytes(x, e.Bytes())
}

// ExpInt returns x^e mod m for a signed exponent; a negative exponent uses
// x⁻¹, so x must be a unit when e may be negative (otherwise the result is
// meaningless). Constant time in the values of x and e, including the sign.
func (o *OddModulus) ExpInt(x *saferith.Nat, e *saferith.Int) *saferith.Nat {
	return o.Exp(o.signedBase(x, e), e.Abs())
}

// Exp2 returns x^a · y^b mod m (signed exponents; x, y units when the
// exponents may be negative), the shape of a ring-Pedersen commitment.
// Constant time in the values of x, y, a and b; a possibly negative exponent
// costs a modular inversion of its base (use Exp2Nat with precomputed
// inverses for fixed bases).
func (o *OddModulus) Exp2(x *saferith.Nat, a *saferith.Int, y *saferith.Nat, b *saferith.Int) *saferith.Nat {
	return o.Exp2Nat(o.signedBase(x, a), a.Abs(), o.signedBase(y, b), b.Abs())
}

// Exp2Nat returns x^a · y^b mod m for non-negative exponents. With an
// assembly kernel for this size both exponentiations share their squarings
// (about 1.5 times faster than two exponentiations).
func (o *OddModulus) Exp2Nat(x, a, y, b *saferith.Nat) *saferith.Nat {
	if o.mt == nil {
		xa := o.Exp(x, a)
		return xa.ModMul(xa, o.Exp(y, b), o.m)
	}
	return o.mt.toNat(o.mt.exp2(o.limbs(x), a.Bytes(), o.limbs(y), b.Bytes()), o.m.BitLen())
}

// ExpMulti returns Π xs[i]^es[i] mod m for non-negative exponents. With an
// assembly kernel for this size every exponentiation shares one chain of
// squarings (Straus's method: 4 squarings per 4 exponent bits of the
// longest exponent, one table of 16 powers and one multiplication per 4
// bits for each base); without one it multiplies single exponentiations.
// Constant time in the values of the bases and exponents; the exponents'
// announced lengths leak. The verifier of a keyed check (the product of
// several powers modulo a secret prime) is its main user.
func (o *OddModulus) ExpMulti(xs, es []*saferith.Nat) (*saferith.Nat, error) {
	if len(xs) != len(es) {
		return nil, errors.New("bigint: ExpMulti: need one exponent per base")
	}
	if o.mt == nil {
		acc := new(saferith.Nat).SetUint64(1)
		acc.Mod(acc, o.m)
		for i := range xs {
			acc.ModMul(acc, o.Exp(xs[i], es[i]), o.m)
		}
		return acc, nil
	}
	ls := make([][]uint64, len(xs))
	eb := make([][]byte, len(es))
	for i := range xs {
		ls[i] = o.limbs(xs[i])
		eb[i] = es[i].Bytes()
	}
	return o.mt.toNat(o.mt.expMulti(ls, eb), o.m.BitLen()), nil
}

// ExpMultiMixed is ExpMulti where the exponents flagged in publicExp are
// public (a key's N in ρ^N, a proof's response or challenge): those are
// processed with sliding windows, whose sequence of multiplications and
// table reads follows the exponent's bits, which saves about a fifth of the
// multiplications and every table scan. The other exponents keep fixed
// windows and constant-time scans. The bases, the unflagged exponents and
// the modulus may be secret: the timing depends only on the public
// exponents and the announced lengths of the others.
func (o *OddModulus) ExpMultiMixed(xs, es []*saferith.Nat, publicExp []bool) (*saferith.Nat, error) {
	if len(xs) != len(es) || len(xs) != len(publicExp) {
		return nil, errors.New("bigint: ExpMultiMixed: need one exponent and one flag per base")
	}
	if o.mt == nil {
		return o.ExpMulti(xs, es)
	}
	ls := make([][]uint64, len(xs))
	eb := make([][]byte, len(es))
	for i := range xs {
		ls[i] = o.limbs(xs[i])
		eb[i] = es[i].Bytes()
	}
	return o.mt.toNat(o.mt.expMultiMixed(ls, eb, publicExp), o.m.BitLen()), nil
}

// ExpPublicExp returns x^e mod m for a public exponent e (a key's N in
// ρ^N): ExpMultiMixed with one base. Constant time in x and the modulus.
func (o *OddModulus) ExpPublicExp(x, e *saferith.Nat) *saferith.Nat {
	if o.mt == nil {
		return o.Exp(x, e)
	}
	return o.mt.toNat(o.mt.expMultiMixed([][]uint64{o.limbs(x)}, [][]byte{e.Bytes()}, []bool{true}), o.m.BitLen())
}

// signedBase returns x mod m, or its inverse when e is negative (constant
// time in the sign).
func (o *OddModulus) signedBase(x *saferith.Nat, e *saferith.Int) *saferith.Nat {
	base := new(saferith.Nat).Mod(x, o.m)
	inv := new(saferith.Nat).ModInverse(base, o.m)
	return base.CondAssign(e.IsNegative(), inv)
}

// limbs reduces x and returns it in mt's representation (mt.n
// little-endian limbs, or digits with IFMA).
func (o *OddModulus) limbs(x *saferith.Nat) []uint64 {
	return o.mt.fromNat(new(saferith.Nat).Mod(x, o.m))
}

// ExpBytes is Exp with a big-endian exponent; its length is what may leak.
func (o *OddModulus) ExpBytes(x *saferith.Nat, e []byte) *saferith.Nat {
	if o.useMont {
		return o.mt.toNat(o.mt.exp(o.limbs(x), e), o.m.BitLen())
	}
	b := o.toBigmod(x)
	return o.fromBigmod(bigmod.NewNat().Exp(b, e, o.bm))
}
