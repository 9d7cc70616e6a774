package bigint

import (
	"math/bits"

	"github.com/cronokirby/saferith"
)

// PowerOfTwo returns 2^e mod m for an odd m > 1 given as big-endian bytes,
// as big-endian bytes of len(m), by squarings and doublings: no table and
// no multiplication by a base. At the sizes of the safe-prime search, where
// it is the base-2 Fermat filter, that is 1.3 times (1024 bits, MULX
// kernels) and 1.5 times (1536 bits, IFMA kernels) faster than bigmod's
// exponentiation. ok is false when this CPU has no kernel for m's size; the
// caller then uses its own exponentiation.
//
// Constant time in m and e: every bit of e costs one squaring, one doubling
// and one masked selection; only the lengths of m and e show.
func PowerOfTwo(m, e []byte) (r []byte, ok bool) {
	return powerOfTwo(m, e, ifmaPreferred)
}

// powerOfTwo is PowerOfTwo with the choice of kernels made by useIFMA (a
// parameter so that tests run both on a CPU that has IFMA).
func powerOfTwo(m, e []byte, useIFMA func(n int) bool) (r []byte, ok bool) {
	bitLen := 8 * len(m)
	for i := 0; i < len(m) && m[i] == 0; i++ {
		bitLen -= 8 // leading zero bytes: the length is public
	}
	if bitLen < 2 || m[len(m)-1]&1 == 0 {
		return nil, false
	}
	n := (bitLen + 63) / 64
	if !fastKernel(n) {
		return nil, false
	}
	mod := saferith.ModulusFromBytes(m)
	bitLen = mod.BitLen()
	mt := newPow2Context(mod, n, useIFMA(n))
	t := make([]uint64, 2*mt.n+1)
	acc := make([]uint64, mt.n)
	dbl := make([]uint64, mt.n)
	scratch := make([]uint64, mt.n)
	copy(acc, mt.one)
	for _, b := range e {
		for k := 7; k >= 0; k-- {
			mt.mul(acc, acc, acc, t)
			mt.double(dbl, acc, scratch)
			mask := -(uint64(b>>uint(k)) & 1) // all ones iff the bit is set
			for i := range acc {
				acc[i] = dbl[i]&mask | acc[i]&^mask
			}
		}
	}
	mt.fromMont(acc, t)
	out := mt.toNat(acc, bitLen).FillBytes(make([]byte, len(m)))
	clear(t)
	clear(acc)
	clear(dbl)
	clear(scratch)
	return out, true
}

// newPow2Context is the part of a Montgomery context PowerOfTwo needs: the
// modulus, m0inv and one = R mod m, the latter from 2^(|m|−1) < m by
// modular doublings (a few dozen), not by a division. rr stays nil.
func newPow2Context(m *saferith.Modulus, n int, useIFMA bool) *montgomery {
	limbs := natToLimbs(m.Nat(), n)
	inv := limbs[0]
	for range 5 {
		inv *= 2 - limbs[0]*inv
	}
	var mt *montgomery
	var rBits int
	if useIFMA {
		k, lanes := ifmaShape(n)
		ic := &ifmaContext{k: k, lanes: lanes, limbs: n, mLimbs: append(limbs, 0)}
		ic.m = limbsToDigits(limbs, lanes)
		ic.m0inv = -inv & digitMask
		ic.m2 = doubleDigits(ic.m)
		mt = &montgomery{n: lanes, limbs: n, m: ic.m, m0inv: ic.m0inv, ifma: ic}
		rBits = digitBits * k
	} else {
		mt = &montgomery{n: n, limbs: n, m: limbs, m0inv: -inv}
		rBits = 64 * n
	}
	top := m.BitLen() - 1
	x := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(top), top+1)
	one := mt.fromNat(x)
	scratch := make([]uint64, mt.n)
	for range rBits - top {
		mt.double(one, one, scratch)
	}
	mt.one = one
	return mt
}

// double sets z = 2x modulo m, for x in the context's range (below m, or
// below 2m with ifma, where the result is below 2m too). z may alias x; d
// is scratch of mt.n words.
func (mt *montgomery) double(z, x, d []uint64) {
	if mt.ifma != nil {
		mt.ifma.double(z, x, d)
		return
	}
	n := mt.n
	var c, borrow uint64
	for i := range n {
		z[i], c = bits.Add64(x[i], x[i], c)
	}
	d = d[:n]
	for i := range n {
		d[i], borrow = bits.Sub64(z[i], mt.m[i], borrow)
	}
	// Keep d when 2x ≥ m: a carry out, or no borrow.
	mask := -(c | (borrow ^ 1))
	for i := range n {
		z[i] = d[i]&mask | z[i]&^mask
	}
}

// double sets z = 2x, minus 2m if that is not below 2m, for x below 2m:
// normalised digits throughout; d is scratch of lanes words.
func (ic *ifmaContext) double(z, x, d []uint64) {
	var c uint64
	for j := range ic.lanes {
		v := 2*x[j] + c
		z[j] = v & digitMask
		c = v >> digitBits
	}
	d = d[:ic.lanes]
	var borrow uint64
	for j := range ic.lanes {
		v := z[j] - ic.m2[j] - borrow
		d[j] = v & digitMask
		borrow = v >> 63
	}
	mask := borrow - 1 // all ones iff 2x ≥ 2m
	for j := range ic.lanes {
		z[j] = d[j]&mask | z[j]&^mask
	}
}

// doubleDigits returns 2x as normalised digits (x normalised, 2x fitting).
func doubleDigits(x []uint64) []uint64 {
	out := make([]uint64, len(x))
	var c uint64
	for j, v := range x {
		v = 2*v + c
		out[j] = v & digitMask
		c = v >> digitBits
	}
	return out
}
