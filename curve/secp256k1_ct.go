package curve

import (
	"encoding/binary"
	"sync"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// Constant-time point arithmetic for secp256k1. decred only ships
// variable-time scalar multiplication, so secret scalars go through the
// complete projective formulas of Renes, Costello and Batina, "Complete
// addition formulas for prime order elliptic curves" (eprint 2015/1060),
// Algorithms 7 (addition), 8 (mixed addition) and 9 (doubling) for a = 0,
// with b3 = 3·7 = 21. Complete formulas have no exceptional cases, so there
// are no branches on the points, and table look-ups scan every entry.
//
// Magnitudes. decred's FieldVal lets values grow past p between
// normalizations: Mul and Square need inputs of magnitude <= 8 and return
// magnitude 1 (not normalized), Add sums magnitudes, NegateVal(v, m) returns
// m + 1 and MulInt(k) multiplies the magnitude by k (at most 32). The formulas
// below normalize only where a bound would otherwise be exceeded; the comment
// after each step is the magnitude bound of its result. Points inside the
// multiplication loops have coordinates of magnitude <= 4; everything handed
// out as a secpPoint is normalized again.

// b3 is 3·b for secp256k1's b = 7.
const b3 = 21

// feMulB3 sets r = 21·a for a of any magnitude <= 32; r has magnitude 1.
func feMulB3(r, a *secp256k1.FieldVal) {
	r.Set(a).Normalize().MulInt(b3).Normalize()
}

// ctAdd sets r = p + q (Algorithm 7). Inputs have coordinate magnitudes <= 4;
// the result has X <= 3, Y <= 2, Z <= 2. r may alias p or q.
func ctAdd(r, p, q *secpPoint) {
	var t0, t1, t2, t3, t4, x3, y3, z3, n secp256k1.FieldVal
	t0.Mul2(&p.x, &q.x)           // 1
	t1.Mul2(&p.y, &q.y)           // 1
	t2.Mul2(&p.z, &q.z)           // 1
	t3.Add2(&p.x, &p.y)           // 8
	t4.Add2(&q.x, &q.y)           // 8
	t3.Mul(&t4)                   // 1
	t4.Add2(&t0, &t1)             // 2
	t3.Add(n.NegateVal(&t4, 2))   // 1 + 3 = 4: X1Y2 + X2Y1
	t4.Add2(&p.y, &p.z)           // 8
	x3.Add2(&q.y, &q.z)           // 8
	t4.Mul(&x3)                   // 1
	x3.Add2(&t1, &t2)             // 2
	t4.Add(n.NegateVal(&x3, 2))   // 4: Y1Z2 + Y2Z1
	x3.Add2(&p.x, &p.z)           // 8
	y3.Add2(&q.x, &q.z)           // 8
	x3.Mul(&y3)                   // 1
	y3.Add2(&t0, &t2)             // 2
	y3.NegateVal(&y3, 2).Add(&x3) // 4: X1Z2 + X2Z1
	x3.Add2(&t0, &t0)             // 2
	t0.Add(&x3)                   // 3: 3·X1X2
	feMulB3(&t2, &t2)             // 1: b3·Z1Z2
	z3.Add2(&t1, &t2)             // 2
	t1.Add(n.NegateVal(&t2, 1))   // 1 + 2 = 3
	feMulB3(&y3, &y3)             // 1
	x3.Mul2(&t4, &y3)             // 1
	t2.Mul2(&t3, &t1)             // 1
	x3.NegateVal(&x3, 1).Add(&t2) // 2 + 1 = 3
	y3.Mul(&t0)                   // 1
	t1.Mul(&z3)                   // 1
	y3.Add(&t1)                   // 2
	t0.Mul(&t3)                   // 1
	z3.Mul(&t4)                   // 1
	z3.Add(&t0)                   // 2
	r.x, r.y, r.z = x3, y3, z3
}

// ctAddAffine sets r = p + (x2, y2) (Algorithm 8), where (x2, y2) is an
// affine point, so never the identity; p may be. p has coordinate magnitudes
// <= 4, x2 <= 1 and y2 <= 2; the result has X <= 3, Y <= 2, Z <= 2. r may
// alias p.
func ctAddAffine(r, p *secpPoint, x2, y2 *secp256k1.FieldVal) {
	var t0, t1, t2, t3, t4, x3, y3, z3, n secp256k1.FieldVal
	t0.Mul2(&p.x, x2)             // 1
	t1.Mul2(&p.y, y2)             // 1
	t3.Add2(x2, y2)               // 3
	t4.Add2(&p.x, &p.y)           // 8
	t3.Mul(&t4)                   // 1
	t4.Add2(&t0, &t1)             // 2
	t3.Add(n.NegateVal(&t4, 2))   // 4
	t4.Mul2(y2, &p.z).Add(&p.y)   // 1 + 4 = 5
	y3.Mul2(x2, &p.z).Add(&p.x)   // 5
	x3.Add2(&t0, &t0)             // 2
	t0.Add(&x3)                   // 3
	feMulB3(&t2, &p.z)            // 1
	z3.Add2(&t1, &t2)             // 2
	t1.Add(n.NegateVal(&t2, 1))   // 3
	feMulB3(&y3, &y3)             // 1
	x3.Mul2(&t4, &y3)             // 1
	t2.Mul2(&t3, &t1)             // 1
	x3.NegateVal(&x3, 1).Add(&t2) // 3
	y3.Mul(&t0)                   // 1
	t1.Mul(&z3)                   // 1
	y3.Add(&t1)                   // 2
	t0.Mul(&t3)                   // 1
	z3.Mul(&t4)                   // 1
	z3.Add(&t0)                   // 2
	r.x, r.y, r.z = x3, y3, z3
}

// ctDouble sets r = 2p (Algorithm 9). Inputs have coordinate magnitudes <= 8;
// the result has X <= 2, Y <= 2, Z <= 1. r may alias p.
func ctDouble(r, p *secpPoint) {
	var t0, t1, t2, x3, y3, z3, n secp256k1.FieldVal
	t0.SquareVal(&p.y)          // 1
	z3.Set(&t0).MulInt(8)       // 8
	t1.Mul2(&p.y, &p.z)         // 1
	t2.SquareVal(&p.z)          // 1
	feMulB3(&t2, &t2)           // 1
	x3.Mul2(&t2, &z3)           // 1
	y3.Add2(&t0, &t2)           // 2
	z3.Mul(&t1)                 // 1
	t1.Add2(&t2, &t2)           // 2
	t2.Add(&t1)                 // 3
	t0.Add(n.NegateVal(&t2, 3)) // 1 + 4 = 5
	y3.Mul(&t0)                 // 1
	y3.Add(&x3)                 // 2
	t1.Mul2(&p.x, &p.y)         // 1
	x3.Mul2(&t0, &t1)           // 1
	x3.MulInt(2)                // 2
	r.x, r.y, r.z = x3, y3, z3
}

// normalize brings every coordinate back to the canonical representation.
func (p *secpPoint) normalize() *secpPoint {
	p.x.Normalize()
	p.y.Normalize()
	p.z.Normalize()
	return p
}

// secpAdd sets r = p + q with a normalized result. r may alias p or q.
func secpAdd(r, p, q *secpPoint) {
	ctAdd(r, p, q)
	r.normalize()
}

// ctNonZero returns 1 if v != 0 and 0 otherwise, without branches.
func ctNonZero(v uint32) uint32 { return (v | -v) >> 31 }

// feSelect sets r = a if choice == 1 and b if choice == 0. Multiplying by 0
// or 1 clears or keeps every limb, so r holds exactly the limbs of the chosen
// value and has its magnitude.
func feSelect(r, a, b *secp256k1.FieldVal, choice uint32) {
	var ta, tb secp256k1.FieldVal
	ta.Set(a).MulInt(uint8(choice))
	tb.Set(b).MulInt(uint8(1 ^ choice))
	r.Add2(&ta, &tb)
}

// feCondNegate negates y (of magnitude <= mag) if neg == 1; the result has
// magnitude <= mag + 1.
func feCondNegate(y *secp256k1.FieldVal, mag, neg uint32) {
	var n secp256k1.FieldVal
	n.NegateVal(y, mag)
	feSelect(y, &n, y, neg)
}

// pointSelect sets r = a if choice == 1 and b if choice == 0.
func pointSelect(r, a, b *secpPoint, choice uint32) {
	feSelect(&r.x, &a.x, &b.x, choice)
	feSelect(&r.y, &a.y, &b.y, choice)
	feSelect(&r.z, &a.z, &b.z, choice)
}

// packFE appends the 32-byte encoding of a normalized f as four big-endian
// words: table entries are stored this way so a look-up masks plain words.
func packFE(dst []uint64, f *secp256k1.FieldVal) {
	var b [32]byte
	f.PutBytesUnchecked(b[:])
	for j := 0; j < 4; j++ {
		dst[j] = binary.BigEndian.Uint64(b[8*j:])
	}
}

func unpackFE(f *secp256k1.FieldVal, src []uint64) {
	var b [32]byte
	for j := 0; j < 4; j++ {
		binary.BigEndian.PutUint64(b[8*j:], src[j])
	}
	f.SetBytes(&b) // canonical words from packFE: no overflow
	clear(b[:])
}

// eqMask returns all ones if a == b and zero otherwise, without branches.
func eqMask(a, b uint32) uint64 {
	d := uint64(a ^ b)
	return ((d | -d) >> 63) - 1
}

// signedDigits writes len(out) signed radix-2^w digits of k in
// [-2^(w-1), 2^(w-1)], least significant first, with k = Σ out[i]·2^(w·i),
// in constant time. The caller guarantees k < 2^(w·len(out) - 1), so the top
// digit absorbs the last carry. w is public and at most 8.
func signedDigits(k *u256, w int, out []int32) {
	half := uint32(1) << (w - 1)
	var carry uint32
	for i := range out {
		pos := w * i // public
		limb, off := pos/64, pos%64
		var v uint64
		if limb < 4 {
			v = k[limb] >> off
			if off+w > 64 && limb < 3 {
				v |= k[limb+1] << (64 - off)
			}
		}
		d := uint32(v&(1<<w-1)) + carry
		// carry = 1 if d > half, computed as the sign of half - d
		carry = (half - d) >> 31
		out[i] = int32(d) - int32(carry<<w)
	}
}

// digitAbsSign returns |d| and 1 if d < 0, without branches.
func digitAbsSign(d int32) (uint32, uint32) {
	s := uint32(d >> 31) // all ones if negative
	return (uint32(d) ^ s) - s, s & 1
}

// varBaseTable holds j·P for j = 0..16, packed as X, Y, Z words.
type varBaseTable [17][12]uint64

// lookupProjective sets e = table[idx] reading every entry; idx is secret.
func lookupProjective(e *secpPoint, t *varBaseTable, idx uint32) {
	var out [12]uint64
	for i := range t {
		mask := eqMask(uint32(i), idx)
		for k := range out {
			out[k] |= t[i][k] & mask
		}
	}
	unpackFE(&e.x, out[0:4])
	unpackFE(&e.y, out[4:8])
	unpackFE(&e.z, out[8:12])
	clear(out[:])
}

// glvDigits is the number of signed radix-32 digits of a GLV half
// (< 2^128 < 2^(5·26 - 1)).
const glvDigits = 26

// secpScalarMult computes k·P in constant time. k = k1 + k2·λ with
// |k1|, |k2| < 2^128 (GLV), and k·P = k1·P + k2·φ(P) is evaluated with 26
// signed 5-bit windows per half over one table of 0..16 multiples of P:
// 125 doublings and 52 complete additions whatever k is. φ and the signs
// are applied to the looked-up entry: φ(X:Y:Z) = (β·X:Y:Z).
func secpScalarMult(k *secp256k1.ModNScalar, p *secpPoint) *secpPoint {
	var t varBaseTable
	var mults [17]secpPoint
	mults[0] = *secpIdentity()
	mults[1] = *p
	for j := 2; j <= 16; j++ {
		if j%2 == 0 {
			ctDouble(&mults[j], &mults[j/2])
		} else {
			ctAdd(&mults[j], &mults[j-1], p)
		}
	}
	for j := range mults {
		m := mults[j].normalize()
		packFE(t[j][0:4], &m.x)
		packFE(t[j][4:8], &m.y)
		packFE(t[j][8:12], &m.z)
	}

	k1, k2, neg1, neg2 := glvSplit(k)
	var d1, d2 [glvDigits]int32
	signedDigits(&k1, 5, d1[:])
	signedDigits(&k2, 5, d2[:])

	acc := secpIdentity()
	var e secpPoint
	for i := glvDigits - 1; i >= 0; i-- {
		if i != glvDigits-1 { // public loop index
			for j := 0; j < 5; j++ {
				ctDouble(acc, acc)
			}
		}
		a, s := digitAbsSign(d1[i])
		lookupProjective(&e, &t, a)
		feCondNegate(&e.y, 1, s^uint32(neg1))
		ctAdd(acc, acc, &e)

		a, s = digitAbsSign(d2[i])
		lookupProjective(&e, &t, a)
		e.x.Mul(&glvBeta)
		feCondNegate(&e.y, 1, s^uint32(neg2))
		ctAdd(acc, acc, &e)
	}
	clear(k1[:])
	clear(k2[:])
	clear(d1[:])
	clear(d2[:])
	clear(t[:])
	return acc.normalize()
}

// The base table uses signed baseWidth-bit digits: baseWindows of them cover
// any scalar below n < 2^256 <= 2^(baseWidth·baseWindows - 1), and each
// window has baseEntries = 2^(baseWidth-1) non-zero multiples.
const (
	baseWidth   = 6
	baseWindows = (256 + baseWidth) / baseWidth
	baseEntries = 1 << (baseWidth - 1)
)

// affineTable holds (j+1)·2^(baseWidth·w)·G for j < baseEntries as packed
// affine x, y words.
type affineTable [baseEntries][8]uint64

// baseTable[w] holds the multiples of 2^(baseWidth·w)·G, so a base
// multiplication is baseWindows look-ups and mixed additions with no
// doublings. It is computed once, on first use, from public values only (so
// variable-time arithmetic is fine there), and never changes afterwards.
var baseTable = sync.OnceValue(func() *[baseWindows]affineTable {
	pts := make([]secp256k1.JacobianPoint, baseWindows*baseEntries)
	var base secp256k1.JacobianPoint
	var one secp256k1.ModNScalar
	one.SetInt(1)
	secp256k1.ScalarBaseMultNonConst(&one, &base)
	for w := 0; w < baseWindows; w++ {
		row := pts[baseEntries*w : baseEntries*(w+1)]
		row[0] = base
		for j := 1; j < baseEntries; j++ {
			secp256k1.AddNonConst(&row[j-1], &base, &row[j])
		}
		secp256k1.DoubleNonConst(&row[baseEntries-1], &base) // 2^baseWidth·base
	}
	batchToAffine(pts)
	t := new([baseWindows]affineTable)
	for w := range t {
		for j := range t[w] {
			pt := &pts[baseEntries*w+j]
			packFE(t[w][j][0:4], &pt.X)
			packFE(t[w][j][4:8], &pt.Y)
		}
	}
	return t
})

// lookupAffine sets x, y = t[idx-1] reading every entry; for idx == 0 no
// entry matches and x = y = 0. idx is secret.
func lookupAffine(x, y *secp256k1.FieldVal, t *affineTable, idx uint32) {
	var out [8]uint64
	for i := range t {
		mask := eqMask(uint32(i+1), idx)
		for k := range out {
			out[k] |= t[i][k] & mask
		}
	}
	unpackFE(x, out[0:4])
	unpackFE(y, out[4:8])
	clear(out[:])
}

// secpBaseMult computes k·G in constant time: k = Σ d_w·2^(baseWidth·w)
// with signed digits |d_w| <= baseEntries, and each d_w·2^(baseWidth·w)·G is
// a table entry, negated when d_w < 0. A zero digit still performs the addition (of a junk point) and
// discards it with a constant-time select, because the mixed formula cannot
// take the identity as its affine input.
func secpBaseMult(k *secp256k1.ModNScalar) *secpPoint {
	t := baseTable()
	kb := k.Bytes()
	kk := u256FromBE(&kb)
	clear(kb[:])
	var d [baseWindows]int32
	signedDigits(&kk, baseWidth, d[:])
	clear(kk[:])

	acc := secpIdentity()
	var sum secpPoint
	var x, y secp256k1.FieldVal
	for w := range d {
		a, s := digitAbsSign(d[w])
		lookupAffine(&x, &y, &t[w], a)
		feCondNegate(&y, 1, s)
		ctAddAffine(&sum, acc, &x, &y)
		pointSelect(acc, &sum, acc, ctNonZero(a))
	}
	clear(d[:])
	x.Zero()
	y.Zero()
	return acc.normalize()
}
