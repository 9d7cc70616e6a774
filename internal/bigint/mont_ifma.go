package bigint

import (
	"math/bits"

	"github.com/cronokirby/saferith"
)

// Montgomery arithmetic in radix 2^52 for the AVX-512 IFMA kernels
// (ifma_amd64.go). A value is held as lanes 52-bit digits, little-endian,
// with R = 2^(52k) for k digits, 2^(52k) > 4m. The kernel computes the
// almost-Montgomery product (a·b + Q·m)/R, which stays below 2m for inputs
// below 2m (a·b/R < 4m²/R < m), so no reduction happens between
// multiplications; toNat reduces once at the end. Everything here runs in
// time that depends only on the sizes.

const (
	digitBits = 52
	digitMask = 1<<digitBits - 1
)

// ifmaContext is the radix-2^52 side of a montgomery context.
type ifmaContext struct {
	k, lanes, limbs int
	m               []uint64 // modulus digits (lanes)
	mLimbs          []uint64 // modulus limbs, limbs+1 of them (top zero)
	m0inv           uint64   // −m⁻¹ mod 2^52
	m2              []uint64 // 2m as digits (for double)
}

// ifmaShape returns the digit count k of R = 2^(52k) > 4m for n-limb moduli
// and the lane count (k rounded up to whole ZMM registers of 8 lanes). It
// must match gen_mont_amd64.go.
func ifmaShape(n int) (k, lanes int) {
	k = (64*n + 2 + digitBits - 1) / digitBits
	return k, (k + 7) / 8 * 8
}

func newMontgomeryIFMA(m *saferith.Modulus) *montgomery {
	limbs := (m.BitLen() + 63) / 64
	k, lanes := ifmaShape(limbs)
	ic := &ifmaContext{k: k, lanes: lanes, limbs: limbs}
	ic.mLimbs = append(natToLimbs(m.Nat(), limbs), 0)
	ic.m = limbsToDigits(ic.mLimbs[:limbs], lanes)
	// −m⁻¹ mod 2^64 by Newton iteration (as newMontgomery), then mod 2^52.
	inv := ic.mLimbs[0]
	for range 5 {
		inv *= 2 - ic.mLimbs[0]*inv
	}
	ic.m0inv = -inv & digitMask
	ic.m2 = doubleDigits(ic.m)
	mt := &montgomery{n: lanes, limbs: limbs, m: ic.m, m0inv: ic.m0inv, ifma: ic}
	r := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(digitBits*k), -1)
	mt.one = ic.fromNat(new(saferith.Nat).Mod(r, m))
	r2 := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(2*digitBits*k), -1)
	mt.rr = ic.fromNat(new(saferith.Nat).Mod(r2, m))
	return mt
}

// fromNat returns x (below m) as digits.
func (ic *ifmaContext) fromNat(x *saferith.Nat) []uint64 {
	l := natToLimbs(x, ic.limbs)
	d := limbsToDigits(l, ic.lanes)
	clear(l)
	return d
}

// toNat returns the digits x (a value below 2m) reduced below m, as a Nat of
// announced length bitLen: one subtraction of m, kept or not by mask.
func (ic *ifmaContext) toNat(x []uint64, bitLen int) *saferith.Nat {
	n := ic.limbs + 1
	v := make([]uint64, n)
	digitsToLimbs(v, x)
	d := make([]uint64, n)
	var borrow uint64
	for i := range n {
		d[i], borrow = bits.Sub64(v[i], ic.mLimbs[i], borrow)
	}
	mask := borrow - 1 // all ones iff v ≥ m
	for i := range n {
		v[i] = d[i]&mask | v[i]&^mask
	}
	out := limbsToNat(v[:ic.limbs], bitLen)
	clear(v)
	clear(d)
	return out
}

// mul sets z = a·b·R⁻¹ (mod m), below 2m, for a, b below 2m; z may alias a
// or b; t is scratch of at least lanes words.
func (ic *ifmaContext) mul(z, a, b, t []uint64) {
	acc := t[:ic.lanes]
	ifmaAMM(acc, a[:ic.lanes], b[:ic.lanes], ic.m, ic.m0inv, ic.limbs)
	// Normalise: every lane is below 2^62, the value below 2m < 2^(52k),
	// so the carry out of the top lane is zero.
	var c uint64
	z = z[:ic.lanes]
	for j, v := range acc {
		v += c
		z[j] = v & digitMask
		c = v >> digitBits
	}
}

// limbsToDigits returns the little-endian 64-bit limbs x as lanes 52-bit
// digits (x must fit them).
func limbsToDigits(x []uint64, lanes int) []uint64 {
	out := make([]uint64, lanes)
	for d := range out {
		bit := d * digitBits
		l, off := bit/64, uint(bit%64)
		if l >= len(x) {
			break // the loop bound depends on the sizes only
		}
		v := x[l] >> off
		if off > 64-digitBits && l+1 < len(x) {
			v |= x[l+1] << (64 - off)
		}
		out[d] = v & digitMask
	}
	return out
}

// digitsToLimbs writes the normalised 52-bit digits x into the limbs out
// (zeroed first; digits beyond out's width must be zero).
func digitsToLimbs(out, x []uint64) {
	clear(out)
	for d, v := range x {
		bit := d * digitBits
		l, off := bit/64, uint(bit%64)
		if l >= len(out) {
			break
		}
		out[l] |= v << off
		if off > 64-digitBits && l+1 < len(out) {
			out[l+1] |= v >> (64 - off)
		}
	}
}
