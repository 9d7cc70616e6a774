package curve

import (
	"math/bits"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// Multi-scalar multiplication Σ k_i·P_i for secp256k1.
//
// Variable time: public values only. Everything in this file branches on the
// scalars and points and is for verification equations (signature shares,
// Feldman commitments, proofs), never for secrets.
//
// Every scalar is first split with the GLV endomorphism into two halves below
// 2^128, so n terms become 2n terms of half length: k·P = k1·P + k2·φ(P).
// Then:
//   - Straus (interleaved wNAF, Guide to Elliptic Curve Cryptography,
//     algorithm 3.51 with wNAF digits) for small n: one shared chain of ~128
//     doublings, and per term a table of odd multiples P, 3P, ..., 15P
//     (width-5 wNAF, ~128/6 additions per half);
//   - Pippenger's bucket method (N. Pippenger, "On the evaluation of powers
//     and monomials", SIAM J. Comput. 9(2), 1980; in the bucket form used by
//     Bernstein et al., "Faster batch forgery identification", INDOCRYPT
//     2012) for large n: per c-bit window, one addition per term into
//     2^(c-1) buckets and ~2^c additions to sum them, with signed digits.
//
// Points are on decred's JacobianPoint with AddNonConst and DoubleNonConst.
// Tables and Pippenger's inputs are converted to affine (Z = 1) with one
// batched field inversion, so the additions take decred's cheaper mixed path.

const (
	// strausWidth is the wNAF width; the table holds 2^(w-2) odd multiples.
	strausWidth     = 5
	strausTableSize = 1 << (strausWidth - 2)
	// nafMaxDigits bounds the wNAF length of a GLV half (< 2^128).
	nafMaxDigits = 130
	// pippengerMinTerms is the number of (non-trivial) terms from which the
	// bucket method is used: the measured crossover on amd64 lies between 48
	// and 64 terms (BenchmarkMSMCrossover).
	pippengerMinTerms = 56
	// Straus makes its inputs affine (one more inversion, saving a little on
	// each table's first addition) from strausAffineInputsMin terms, and the
	// doubles 2P affine (one more inversion, making the seven other table
	// additions mixed) from strausAffineDoublesMin terms; below that the
	// inversion costs more than it saves.
	strausAffineInputsMin  = 24
	strausAffineDoublesMin = 6
)

// msmTerm is one non-trivial term k·P after the GLV split. base marks
// P = G, which Straus multiplies with decred's precomputed base tables
// instead (32 mixed additions, no table to build).
type msmTerm struct {
	p          secp256k1.JacobianPoint
	k          secp256k1.ModNScalar
	k1, k2     u256
	neg1, neg2 bool
	base       bool
}

func (c secp256k1Curve) VarTimeMultiScalarMult(scalars []Scalar, points []Point) Point {
	if len(scalars) != len(points) {
		panic("curve: VarTimeMultiScalarMult length mismatch")
	}
	var acc secp256k1.JacobianPoint
	msmVarTime(msmTerms(scalars, points), &acc)
	return fromJacobian(&acc)
}

// msmTerms splits the non-trivial terms; zero scalars and identity points
// contribute nothing and are dropped.
func msmTerms(scalars []Scalar, points []Point) []msmTerm {
	terms := make([]msmTerm, 0, len(scalars))
	for i := range scalars {
		s, p := toSecpScalar(scalars[i]), toSecpPoint(points[i])
		if s.s.IsZero() || p.IsIdentity() {
			continue
		}
		var t msmTerm
		p.toJacobian(&t.p)
		t.k = s.s
		t.base = p.isGenerator()
		var n1, n2 uint64
		t.k1, t.k2, n1, n2 = glvSplit(&s.s)
		t.neg1, t.neg2 = n1 == 1, n2 == 1
		terms = append(terms, t)
	}
	return terms
}

// msmVarTime sets acc = Σ terms, choosing the algorithm by size.
func msmVarTime(terms []msmTerm, acc *secp256k1.JacobianPoint) {
	switch {
	case len(terms) == 0:
		acc.X.Zero()
		acc.Y.Zero()
		acc.Z.Zero()
	case len(terms) < pippengerMinTerms:
		straus(terms, acc)
	default:
		pippenger(terms, acc)
	}
}

// isJacobianIdentity reports whether p is decred's point at infinity.
func isJacobianIdentity(p *secp256k1.JacobianPoint) bool {
	return p.Z.IsZero() || (p.X.IsZero() && p.Y.IsZero())
}

// batchInvert replaces every non-zero element of zs (normalized) by its
// normalized inverse with a single field inversion (Montgomery's trick);
// zeros stay zero.
func batchInvert(zs []secp256k1.FieldVal) {
	prefix := make([]secp256k1.FieldVal, len(zs))
	var acc secp256k1.FieldVal
	acc.SetInt(1)
	for i := range zs {
		prefix[i] = acc
		if !zs[i].IsZero() {
			acc.Mul(&zs[i])
		}
	}
	acc.Inverse()
	for i := len(zs) - 1; i >= 0; i-- {
		if zs[i].IsZero() {
			continue
		}
		var inv secp256k1.FieldVal
		inv.Mul2(&acc, &prefix[i]).Normalize()
		acc.Mul(&zs[i])
		zs[i] = inv
	}
}

// batchToAffine rewrites every finite point of pts with Z = 1 using one field
// inversion; points at infinity are left alone.
func batchToAffine(pts []secp256k1.JacobianPoint) {
	zs := make([]secp256k1.FieldVal, len(pts))
	for i := range pts {
		if !isJacobianIdentity(&pts[i]) {
			zs[i] = pts[i].Z
		}
	}
	batchInvert(zs)
	for i := range pts {
		if zs[i].IsZero() {
			continue
		}
		var zi2 secp256k1.FieldVal
		zi2.SquareVal(&zs[i])
		pts[i].X.Mul(&zi2).Normalize()
		pts[i].Y.Mul(zi2.Mul(&zs[i])).Normalize()
		pts[i].Z.SetInt(1)
	}
}

// termsToAffine makes every term's point affine with one inversion.
func termsToAffine(terms []msmTerm) {
	pts := make([]secp256k1.JacobianPoint, len(terms))
	for i := range terms {
		pts[i] = terms[i].p
	}
	batchToAffine(pts)
	for i := range terms {
		terms[i].p = pts[i]
	}
}

func isZero256(k *u256) bool { return k[0]|k[1]|k[2]|k[3] == 0 }

// wnaf writes the width-w non-adjacent form of k < 2^129 into out, least
// significant digit first, and returns the number of digits. Every non-zero
// digit is odd and in (-2^(w-1), 2^(w-1)), and any w consecutive digits hold
// at most one non-zero.
func wnaf(k u256, w uint, out *[nafMaxDigits]int8) int {
	n := 0
	for i := 0; !isZero256(&k); i++ {
		if k[0]&1 == 1 {
			d := int64(k[0] & (1<<w - 1))
			if d >= 1<<(w-1) {
				d -= 1 << w
			}
			out[i] = int8(d)
			var borrow uint64
			if d > 0 { // k -= d; d is k's low bits, so there is no borrow out
				k[0], borrow = bits.Sub64(k[0], uint64(d), 0)
				k[1], borrow = bits.Sub64(k[1], 0, borrow)
				k[2], borrow = bits.Sub64(k[2], 0, borrow)
				k[3], _ = bits.Sub64(k[3], 0, borrow)
			} else { // k += |d|
				k[0], borrow = bits.Add64(k[0], uint64(-d), 0)
				k[1], borrow = bits.Add64(k[1], 0, borrow)
				k[2], borrow = bits.Add64(k[2], 0, borrow)
				k[3], _ = bits.Add64(k[3], 0, borrow)
			}
		}
		k[0] = k[0]>>1 | k[1]<<63
		k[1] = k[1]>>1 | k[2]<<63
		k[2] = k[2]>>1 | k[3]<<63
		k[3] >>= 1
		n = i + 1
	}
	return n
}

// strausTable is the affine table of one term: x and β·x of the odd
// multiples, their y and -y (φ keeps y).
type strausTable struct {
	x, xb, y, ny [strausTableSize]secp256k1.FieldVal
	naf1, naf2   [nafMaxDigits]int8
	len1, len2   int
	neg1, neg2   bool
}

// straus sets acc = Σ terms with interleaved wNAF; terms on G use decred's
// base tables and are added at the end.
func straus(all []msmTerm, acc *secp256k1.JacobianPoint) {
	var baseSum secp256k1.JacobianPoint
	terms := make([]msmTerm, 0, len(all))
	for i := range all {
		if all[i].base {
			var r secp256k1.JacobianPoint
			secp256k1.ScalarBaseMultNonConst(&all[i].k, &r)
			secp256k1.AddNonConst(&baseSum, &r, &baseSum)
			continue
		}
		terms = append(terms, all[i])
	}
	strausTables(terms, acc)
	secp256k1.AddNonConst(acc, &baseSum, acc)
}

// strausTables sets acc = Σ terms with interleaved wNAF over per-term tables.
func strausTables(terms []msmTerm, acc *secp256k1.JacobianPoint) {
	acc.X.Zero()
	acc.Y.Zero()
	acc.Z.Zero()
	n := len(terms)
	if n == 0 {
		return
	}
	if n >= strausAffineInputsMin {
		termsToAffine(terms)
	}
	doubles := make([]secp256k1.JacobianPoint, n)
	for i := range terms {
		secp256k1.DoubleNonConst(&terms[i].p, &doubles[i])
	}
	if n >= strausAffineDoublesMin {
		batchToAffine(doubles)
	}
	mults := make([]secp256k1.JacobianPoint, n*strausTableSize)
	for i := range terms {
		row := mults[i*strausTableSize : (i+1)*strausTableSize]
		row[0] = terms[i].p
		for j := 1; j < strausTableSize; j++ {
			secp256k1.AddNonConst(&row[j-1], &doubles[i], &row[j])
		}
	}
	batchToAffine(mults)

	tables := make([]strausTable, n)
	top := 0
	for i := range terms {
		t := &tables[i]
		for j := 0; j < strausTableSize; j++ {
			m := &mults[i*strausTableSize+j]
			t.x[j] = m.X
			t.xb[j].Mul2(&m.X, &glvBeta).Normalize()
			t.y[j] = m.Y
			t.ny[j].NegateVal(&m.Y, 1).Normalize()
		}
		t.len1 = wnaf(terms[i].k1, strausWidth, &t.naf1)
		t.len2 = wnaf(terms[i].k2, strausWidth, &t.naf2)
		t.neg1, t.neg2 = terms[i].neg1, terms[i].neg2
		top = max(top, t.len1, t.len2)
	}

	var e secp256k1.JacobianPoint
	e.Z.SetInt(1)
	for bit := top - 1; bit >= 0; bit-- {
		secp256k1.DoubleNonConst(acc, acc)
		for i := range tables {
			t := &tables[i]
			if d := t.naf1[bit]; d != 0 {
				strausEntry(&e, &t.x, t, d, t.neg1)
				secp256k1.AddNonConst(acc, &e, acc)
			}
			if d := t.naf2[bit]; d != 0 {
				strausEntry(&e, &t.xb, t, d, t.neg2)
				secp256k1.AddNonConst(acc, &e, acc)
			}
		}
	}
}

// strausEntry sets the affine e = ±|d|·Q from xs (x or β·x) and t's y, -y.
func strausEntry(e *secp256k1.JacobianPoint, xs *[strausTableSize]secp256k1.FieldVal, t *strausTable, d int8, neg bool) {
	if d < 0 {
		d = -d
		neg = !neg
	}
	idx := d >> 1
	e.X = xs[idx]
	if neg {
		e.Y = t.ny[idx]
	} else {
		e.Y = t.y[idx]
	}
}

// pippengerWindow returns the window width minimizing an estimate of the
// bucket method's cost for m half-length terms: per window, m mixed
// additions into buckets and 2^c additions to sum the 2^(c-1) buckets. The
// latter are weighted 0.75 because decred's AddNonConst is free on an empty
// bucket or sum; the weight was fitted to measurements for m from 64 to 1024.
func pippengerWindow(m int) int {
	best, bestCost := 2, -1.0
	for c := 2; c <= 16; c++ {
		windows := (129 + c - 1) / c
		cost := float64(windows) * (float64(m) + 0.75*float64(int(1)<<c))
		if bestCost < 0 || cost < bestCost {
			best, bestCost = c, cost
		}
	}
	return best
}

// signedWindows writes ceil(129/c) signed radix-2^c digits of k < 2^128 into
// out, each in [-(2^(c-1) - 1), 2^(c-1)].
func signedWindows(k *u256, c int, out []int32) {
	half := int32(1) << (c - 1)
	var carry int32
	for i := range out {
		pos := i * c
		limb, off := pos/64, pos%64
		var w uint64
		if limb < 4 {
			w = k[limb] >> off
			if off+c > 64 && limb < 3 {
				w |= k[limb+1] << (64 - off)
			}
		}
		d := int32(w&(1<<c-1)) + carry
		carry = 0
		if d > half {
			d -= 2 * half
			carry = 1
		}
		out[i] = d
	}
}

// pippenger sets acc = Σ terms with the bucket method over the 2n GLV
// halves.
func pippenger(terms []msmTerm, acc *secp256k1.JacobianPoint) {
	termsToAffine(terms)
	m := 2 * len(terms)
	pts := make([]secp256k1.JacobianPoint, m)
	negY := make([]secp256k1.FieldVal, m)
	c := pippengerWindow(m)
	windows := (129 + c - 1) / c
	digits := make([]int32, m*windows)
	for i := range terms {
		t := &terms[i]
		p, q := &pts[2*i], &pts[2*i+1]
		*p = t.p
		*q = t.p
		q.X.Mul(&glvBeta).Normalize()
		if t.neg1 {
			p.Y.Negate(1).Normalize()
		}
		if t.neg2 {
			q.Y.Negate(1).Normalize()
		}
		negY[2*i].NegateVal(&p.Y, 1).Normalize()
		negY[2*i+1].NegateVal(&q.Y, 1).Normalize()
		signedWindows(&t.k1, c, digits[2*i*windows:(2*i+1)*windows])
		signedWindows(&t.k2, c, digits[(2*i+1)*windows:(2*i+2)*windows])
	}

	buckets := make([]secp256k1.JacobianPoint, 1<<(c-1))
	acc.X.Zero()
	acc.Y.Zero()
	acc.Z.Zero()
	var neg, sum, total secp256k1.JacobianPoint
	for w := windows - 1; w >= 0; w-- {
		if !isJacobianIdentity(acc) {
			for i := 0; i < c; i++ {
				secp256k1.DoubleNonConst(acc, acc)
			}
		}
		for i := range buckets {
			buckets[i] = secp256k1.JacobianPoint{}
		}
		used := false
		for j := 0; j < m; j++ {
			d := digits[j*windows+w]
			switch {
			case d > 0:
				secp256k1.AddNonConst(&buckets[d-1], &pts[j], &buckets[d-1])
				used = true
			case d < 0:
				neg.X, neg.Y, neg.Z = pts[j].X, negY[j], pts[j].Z
				secp256k1.AddNonConst(&buckets[-d-1], &neg, &buckets[-d-1])
				used = true
			}
		}
		if !used {
			continue
		}
		// Σ (b+1)·bucket[b] as a sum of running sums, from the top.
		sum, total = secp256k1.JacobianPoint{}, secp256k1.JacobianPoint{}
		for b := len(buckets) - 1; b >= 0; b-- {
			secp256k1.AddNonConst(&sum, &buckets[b], &sum)
			secp256k1.AddNonConst(&total, &sum, &total)
		}
		secp256k1.AddNonConst(acc, &total, acc)
	}
}
