package curve

import (
	"crypto/subtle"
	"math/bits"
	"sync"
)

// Arithmetic in the Stark curve's base field F_p, p = 2^251 + 17·2^192 + 1,
// with four 64-bit limbs in Montgomery form (R = 2^256). Every operation
// runs the same instructions whatever the values: carries are propagated
// with math/bits, and the final subtraction of p is a mask, never a branch.
// Only the square root, used to decode public points, runs in variable
// time, and its name says so.
//
// Why own code: filippo.io/bigmod (used for the scalars) would also be
// constant time, but it is generic in the limb count and converts into and
// out of Montgomery form on every product: about 200 ns per multiplication
// at this size against 20 ns here, and a point multiplication needs
// thousands of them. gnark-crypto's stark-curve field (v0.22.0) is fast,
// but its generic multiplication subtracts p behind a data-dependent
// branch and its Inverse is a binary GCD whose loop runs until a value
// reaches zero, so secrets could not go through it unchanged; a dependency
// would not beat four limbs of Montgomery multiplication that can be
// reviewed line by line.

// starkFe is a field element in Montgomery form (a·R mod p), little-endian
// limbs, always fully reduced below p.
type starkFe [4]uint64

// starkP is p, little-endian limbs: p ≡ 1 mod 2^64, so −p⁻¹ mod 2^64 is
// 2^64 − 1.
var starkP = starkFe{1, 0, 0, 0x0800000000000011}

// starkRR is R² mod p in plain (non-Montgomery) limbs, and starkOne is 1 in
// Montgomery form (R mod p). Both are computed once from p by doubling, so
// no unexplained constant appears here; they are only ever read.
var starkOne, starkRR = func() (starkFe, starkFe) {
	x := starkFe{1, 0, 0, 0}
	var one starkFe
	for i := 0; i < 512; i++ {
		starkFeAdd(&x, &x, &x)
		if i == 255 {
			one = x
		}
	}
	return one, x
}()

// starkFeAdd sets z = x + y mod p. x, y < p < 2^252, so the sum fits in four
// limbs.
func starkFeAdd(z, x, y *starkFe) {
	var t starkFe
	var c uint64
	t[0], c = bits.Add64(x[0], y[0], 0)
	t[1], c = bits.Add64(x[1], y[1], c)
	t[2], c = bits.Add64(x[2], y[2], c)
	t[3], _ = bits.Add64(x[3], y[3], c)
	starkFeReduceOnce(z, &t, 0)
}

// starkFeReduceOnce sets z = t − p if hi·2^256 + t >= p, else t, for
// hi·2^256 + t < 2p, by a masked select.
func starkFeReduceOnce(z, t *starkFe, hi uint64) {
	var d starkFe
	var b uint64
	d[0], b = bits.Sub64(t[0], starkP[0], 0)
	d[1], b = bits.Sub64(t[1], starkP[1], b)
	d[2], b = bits.Sub64(t[2], starkP[2], b)
	d[3], b = bits.Sub64(t[3], starkP[3], b)
	_, b = bits.Sub64(hi, 0, b)
	keep := -b // all ones if t < p
	z[0] = (t[0] & keep) | (d[0] &^ keep)
	z[1] = (t[1] & keep) | (d[1] &^ keep)
	z[2] = (t[2] & keep) | (d[2] &^ keep)
	z[3] = (t[3] & keep) | (d[3] &^ keep)
}

// starkFeSub sets z = x − y mod p.
func starkFeSub(z, x, y *starkFe) {
	var t starkFe
	var b uint64
	t[0], b = bits.Sub64(x[0], y[0], 0)
	t[1], b = bits.Sub64(x[1], y[1], b)
	t[2], b = bits.Sub64(x[2], y[2], b)
	t[3], b = bits.Sub64(x[3], y[3], b)
	m := -b // add p back if the subtraction borrowed
	var c uint64
	z[0], c = bits.Add64(t[0], starkP[0]&m, 0)
	z[1], c = bits.Add64(t[1], starkP[1]&m, c)
	z[2], c = bits.Add64(t[2], starkP[2]&m, c)
	z[3], _ = bits.Add64(t[3], starkP[3]&m, c)
}

// starkFeNeg sets z = −x mod p.
func starkFeNeg(z, x *starkFe) {
	var zero starkFe
	starkFeSub(z, &zero, x)
}

// starkFeMul sets z = x·y·R⁻¹ mod p: Montgomery multiplication, operand
// scanning one limb of y at a time (Koç, Acar and Kaliski, "Analyzing and
// comparing Montgomery multiplication algorithms", IEEE Micro 1996, CIOS).
// p's shape shortens each reduction step: −p⁻¹ ≡ −1 mod 2^64, so the
// multiplier m is −t[0], and p's middle limbs are zero, so m·p is m plus
// m·p[3] three limbs up. The accumulator stays below 2p, so one masked
// subtraction ends it.
func starkFeMul(z, x, y *starkFe) {
	var t0, t1, t2, t3, t4 uint64
	for i := 0; i < 4; i++ {
		yi := y[i]
		// t += x·yi (t5 is the carry out of limb 4)
		var c, cc, hi, lo uint64
		hi, lo = bits.Mul64(x[0], yi)
		t0, cc = bits.Add64(t0, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[1], yi)
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t1, cc = bits.Add64(t1, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[2], yi)
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t2, cc = bits.Add64(t2, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[3], yi)
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t3, cc = bits.Add64(t3, lo, 0)
		c = hi + cc
		var t5 uint64
		t4, t5 = bits.Add64(t4, c, 0)
		// t = (t + m·p) / 2^64 with m = −t0 mod 2^64, so the low limb
		// becomes zero with a carry exactly when t0 ≠ 0
		m := -t0
		_, cc = bits.Add64(t0, m, 0)
		t0, cc = bits.Add64(t1, 0, cc)
		t1, cc = bits.Add64(t2, 0, cc)
		hi, lo = bits.Mul64(m, starkP[3])
		t2, cc = bits.Add64(t3, lo, cc)
		t3, cc = bits.Add64(t4, hi, cc)
		t4 = t5 + cc
	}
	r := starkFe{t0, t1, t2, t3}
	starkFeReduceOnce(z, &r, t4)
}

// starkFeSquare sets z = x² (in Montgomery form).
func starkFeSquare(z, x *starkFe) { starkFeMul(z, x, x) }

// starkFeFromCanonical converts a plain value v < p to Montgomery form.
func starkFeFromCanonical(z, v *starkFe) { starkFeMul(z, v, &starkRR) }

// starkFeToCanonical converts out of Montgomery form.
func starkFeToCanonical(z, x *starkFe) {
	one := starkFe{1, 0, 0, 0}
	starkFeMul(z, x, &one)
}

// starkFeSetBytes reads 32 big-endian bytes into Montgomery form. It reports
// false, leaving z unchanged, if the value is not below p. The comparison
// runs in constant time.
func starkFeSetBytes(z *starkFe, b []byte) bool {
	var v starkFe
	for i := 0; i < 4; i++ {
		o := 32 - 8*(i+1)
		v[i] = uint64(b[o])<<56 | uint64(b[o+1])<<48 | uint64(b[o+2])<<40 | uint64(b[o+3])<<32 |
			uint64(b[o+4])<<24 | uint64(b[o+5])<<16 | uint64(b[o+6])<<8 | uint64(b[o+7])
	}
	var bw uint64
	_, bw = bits.Sub64(v[0], starkP[0], 0)
	_, bw = bits.Sub64(v[1], starkP[1], bw)
	_, bw = bits.Sub64(v[2], starkP[2], bw)
	_, bw = bits.Sub64(v[3], starkP[3], bw)
	if bw == 0 { // v >= p; callers decode public values, so this may branch
		return false
	}
	starkFeFromCanonical(z, &v)
	return true
}

// starkFeBytes returns the canonical 32-byte big-endian encoding of x.
func starkFeBytes(x *starkFe) [32]byte {
	var v starkFe
	starkFeToCanonical(&v, x)
	var out [32]byte
	for i := 0; i < 4; i++ {
		o := 32 - 8*(i+1)
		for k := 0; k < 8; k++ {
			out[o+k] = byte(v[i] >> (56 - 8*k))
		}
	}
	return out
}

// starkFeEqual returns 1 if x = y and 0 otherwise, in constant time.
func starkFeEqual(x, y *starkFe) int {
	var d uint64
	for i := range x {
		d |= x[i] ^ y[i]
	}
	return subtle.ConstantTimeEq(int32(uint32(d)|uint32(d>>32)), 0)
}

// starkFeIsZero returns 1 if x = 0 and 0 otherwise, in constant time.
func starkFeIsZero(x *starkFe) int {
	var zero starkFe
	return starkFeEqual(x, &zero)
}

// starkFeSelect sets z = y if on = 1 and z = x if on = 0, in constant time.
func starkFeSelect(z, x, y *starkFe, on int) {
	m := -uint64(on & 1)
	z[0] = (x[0] &^ m) | (y[0] & m)
	z[1] = (x[1] &^ m) | (y[1] & m)
	z[2] = (x[2] &^ m) | (y[2] & m)
	z[3] = (x[3] &^ m) | (y[3] & m)
}

// starkFePow sets z = x^e for a public exponent e given as little-endian
// limbs. The sequence of squarings and multiplications depends only on e,
// so the time does not depend on x.
func starkFePow(z, x *starkFe, e *starkFe) {
	acc := starkOne
	base := *x
	for i := 3; i >= 0; i-- {
		for j := 63; j >= 0; j-- {
			starkFeSquare(&acc, &acc)
			if (e[i]>>j)&1 == 1 { // public exponent bit
				starkFeMul(&acc, &acc, &base)
			}
		}
	}
	*z = acc
}

// starkPMinusTwo is p − 2 (little-endian limbs), the exponent of Fermat
// inversion.
var starkPMinusTwo = starkFe{^uint64(0), ^uint64(0), ^uint64(0), 0x0800000000000010}

// starkFeInvert sets z = x⁻¹ = x^(p−2) in constant time; zero maps to zero.
func starkFeInvert(z, x *starkFe) { starkFePow(z, x, &starkPMinusTwo) }

// Square roots, for decoding public points. p − 1 = 2^192·q with
// q = 2^59 + 17 odd, so p ≡ 1 mod 4 and no single exponentiation gives a
// root. With g = c^q for a non-residue c, g generates the subgroup of
// order 2^192, and t = x^q lies in it: t = g^e. x is a square exactly when
// e is even, and then x^((q+1)/2)·g^(−e/2) is a root (its square is
// x·t·g^(−e)). e is found six bits at a time from the bottom, each digit by
// a table look-up in the subgroup of order 2^6 (the method of Bernstein,
// "Faster square roots in annoying finite fields", 2001, and Sutherland,
// "Structure computation and discrete logarithms in finite abelian
// p-groups", 2011): about 700 multiplications instead of the ~9000
// squarings of plain Tonelli–Shanks. All of it is variable time.
var (
	starkQMinus1Half = starkFe{0x0400000000000008, 0, 0, 0} // (q − 1)/2
	starkSqrtTables  = sync.OnceValue(newStarkSqrtTables)
)

// starkSqrtTabs holds, for g as above, g⁻¹, dl[a][d] = g^(−d·2^(6a)) and
// the index of each h^d, h = g^(2^186) of order 2^6. Public constants,
// built on first use and only read afterwards.
type starkSqrtTabs struct {
	gInv starkFe
	dl   [32][64]starkFe
	h    map[starkFe]uint64
}

func newStarkSqrtTables() *starkSqrtTabs {
	// the least non-residue c: Euler's criterion c^((p−1)/2) = −1
	half := starkFe{0, 0, 0x8000000000000000, 0x0400000000000008} // (p−1)/2
	q := starkFe{0x0800000000000011, 0, 0, 0}
	var minusOne starkFe
	starkFeNeg(&minusOne, &starkOne)
	var c, e starkFe
	for v := uint64(2); ; v++ {
		starkFeFromCanonical(&c, &starkFe{v, 0, 0, 0})
		starkFePow(&e, &c, &half)
		if starkFeEqual(&e, &minusOne) == 1 {
			break
		}
	}
	tabs := &starkSqrtTabs{h: make(map[starkFe]uint64, 64)}
	var g starkFe
	starkFePow(&g, &c, &q)
	starkFeInvert(&tabs.gInv, &g)
	base := tabs.gInv // g^(−2^(6a))
	for a := range tabs.dl {
		tabs.dl[a][0] = starkOne
		for d := 1; d < 64; d++ {
			starkFeMul(&tabs.dl[a][d], &tabs.dl[a][d-1], &base)
		}
		for k := 0; k < 6; k++ {
			starkFeSquare(&base, &base)
		}
	}
	h := g
	for k := 0; k < 186; k++ {
		starkFeSquare(&h, &h)
	}
	hd := starkOne
	for d := uint64(0); d < 64; d++ {
		tabs.h[hd] = d
		starkFeMul(&hd, &hd, &h)
	}
	return tabs
}

// starkFeSqrtVarTime sets z to a square root of x and reports whether x is a
// square. Variable time: it decodes public points only.
func starkFeSqrtVarTime(z, x *starkFe) bool {
	if starkFeIsZero(x) == 1 {
		*z = starkFe{}
		return true
	}
	tabs := starkSqrtTables()
	var u, r, t starkFe
	starkFePow(&u, x, &starkQMinus1Half)
	starkFeMul(&r, x, &u)  // x^((q+1)/2)
	starkFeMul(&t, &r, &u) // x^q = g^e
	// tp[l] = t^(2^(6l))
	var tp [32]starkFe
	tp[0] = t
	for l := 1; l < 32; l++ {
		tp[l] = tp[l-1]
		for k := 0; k < 6; k++ {
			starkFeSquare(&tp[l], &tp[l])
		}
	}
	// Digit j: (t·g^(−(e mod 2^(6j))))^(2^(6(31−j))) = h^(d_j).
	var digits [32]uint64
	for j := 0; j < 32; j++ {
		l := 31 - j
		v := tp[l]
		for i := 0; i < j; i++ {
			starkFeMul(&v, &v, &tabs.dl[i+l][digits[i]])
		}
		d, ok := tabs.h[v]
		if !ok {
			return false // unreachable: t has order dividing 2^192
		}
		digits[j] = d
	}
	if digits[0]&1 == 1 {
		return false // e odd: x is not a square
	}
	// exponent e/2, as little-endian limbs
	var e starkFe
	for j, d := range digits {
		pos := 6 * j
		e[pos/64] |= d << (pos % 64)
		if pos%64 > 58 {
			e[pos/64+1] |= d >> (64 - pos%64)
		}
	}
	e[0] = e[0]>>1 | e[1]<<63
	e[1] = e[1]>>1 | e[2]<<63
	e[2] >>= 1
	var gi starkFe
	starkFePow(&gi, &tabs.gInv, &e)
	starkFeMul(&r, &r, &gi)
	var check starkFe
	starkFeSquare(&check, &r)
	if starkFeEqual(&check, x) != 1 {
		return false // unreachable: r² = x by construction
	}
	*z = r
	return true
}
