package bigint

import (
	"math/bits"

	"github.com/cronokirby/saferith"
)

// montgomery is a constant-time Montgomery arithmetic context for moduli that
// filippo.io/bigmod has no assembly for (it covers 1024, 1536 and 2048 bits;
// N² for a 2048-bit N has 4096 bits and runs about twice as slow there, and
// allocates on every multiplication). It is only used where fastKernel
// provides an assembly multiply-accumulate kernel; addMulVVW below is the
// portable reference the kernels are tested against.
//
// Every operation's running time depends only on the number of limbs n.
//
// With ifma set (mont_ifma.go) the same fields hold another representation:
// n 52-bit digits (lanes) instead of 64-bit limbs, R = 2^(52k), and values
// below 2m rather than m between multiplications. The exponentiations are
// written against mul, one, rr, n and the conversions fromNat and toNat, so
// they serve both.
type montgomery struct {
	n     int
	m     []uint64 // modulus, little-endian limbs
	m0inv uint64   // −m⁻¹ mod 2^64
	rr    []uint64 // R² mod m, R = 2^(64n)
	one   []uint64 // R mod m: 1 in Montgomery form
	// limbs is the modulus's size in 64-bit limbs (n without ifma).
	limbs int
	ifma  *ifmaContext // nil: radix 2^64 with the MULX kernels
}

// newMontgomeryBest returns the fastest context this CPU has for m: the
// IFMA kernels where ifmaPreferred says so, else the MULX kernels.
func newMontgomeryBest(m *saferith.Modulus) *montgomery {
	if n := (m.BitLen() + 63) / 64; ifmaPreferred(n) {
		return newMontgomeryIFMA(m)
	}
	return newMontgomery(m)
}

// fromNat returns x (reduced modulo m) in the context's representation,
// not in Montgomery form.
func (mt *montgomery) fromNat(x *saferith.Nat) []uint64 {
	if mt.ifma != nil {
		return mt.ifma.fromNat(x)
	}
	return natToLimbs(x, mt.n)
}

// toNat returns the value x < 2m (below m without ifma), out of Montgomery
// form already, as a Nat below m of announced length bitLen.
func (mt *montgomery) toNat(x []uint64, bitLen int) *saferith.Nat {
	if mt.ifma != nil {
		return mt.ifma.toNat(x, bitLen)
	}
	return limbsToNat(x, bitLen)
}

func newMontgomery(m *saferith.Modulus) *montgomery {
	n := (m.BitLen() + 63) / 64
	mt := &montgomery{n: n, limbs: n, m: natToLimbs(m.Nat(), n)}
	// −m⁻¹ mod 2^64 by Newton iteration: each step doubles the correct bits
	// (m odd, so m is its own inverse mod 8).
	inv := mt.m[0]
	for range 5 {
		inv *= 2 - mt.m[0]*inv
	}
	mt.m0inv = -inv
	r := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(64*n), -1)
	mt.one = natToLimbs(new(saferith.Nat).Mod(r, m), n)
	r2 := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(128*n), -1)
	mt.rr = natToLimbs(new(saferith.Nat).Mod(r2, m), n)
	return mt
}

// natToLimbs returns x (reduced, at most n limbs) as n little-endian limbs.
func natToLimbs(x *saferith.Nat, n int) []uint64 {
	buf := make([]byte, 8*n)
	x.FillBytes(buf)
	out := make([]uint64, n)
	for i := range n {
		off := 8 * (n - 1 - i)
		var v uint64
		for _, b := range buf[off : off+8] {
			v = v<<8 | uint64(b)
		}
		out[i] = v
	}
	clear(buf)
	return out
}

func limbsToNat(x []uint64, bitLen int) *saferith.Nat {
	n := len(x)
	buf := make([]byte, 8*n)
	for i, v := range x {
		off := 8 * (n - 1 - i)
		for j := 7; j >= 0; j-- {
			buf[off+j] = byte(v)
			v >>= 8
		}
	}
	out := new(saferith.Nat).SetBytes(buf).Resize(bitLen)
	clear(buf)
	return out
}

// mul sets z = a·b·R⁻¹ mod m. a, b < m (below 2m with ifma, and so is z);
// z may alias a or b; t is scratch of 2n+1 limbs.
func (mt *montgomery) mul(z, a, b, t []uint64) {
	if mt.ifma != nil {
		mt.ifma.mul(z, a, b, t)
		return
	}
	n := mt.n
	t = t[:2*n+1]
	clear(t)
	m := mt.m
	c := montRows(t, a[:n], b[:n], m, mt.m0inv)
	// The result t[n:2n] + c·R is below 2m: subtract m once if needed.
	res := t[n : 2*n]
	var borrow uint64
	d := t[:n] // reuse the consumed low half
	for i := range n {
		d[i], borrow = bits.Sub64(res[i], m[i], borrow)
	}
	// Keep d when there was a carry out or no borrow (res ≥ m).
	keep := c | (borrow ^ 1)
	mask := -keep
	for i := range n {
		z[i] = (d[i] & mask) | (res[i] &^ mask)
	}
}

// fromMont sets x = x·R⁻¹ mod m in place.
func (mt *montgomery) fromMont(x []uint64, t []uint64) {
	one := make([]uint64, mt.n)
	one[0] = 1
	mt.mul(x, x, one, t)
}

// powTable returns [1, x, x², …, x^15] in Montgomery form for x < m.
func (mt *montgomery) powTable(x []uint64, t []uint64) [16][]uint64 {
	n := mt.n
	var table [16][]uint64
	backing := make([]uint64, 16*n)
	for i := range table {
		table[i] = backing[i*n : (i+1)*n]
	}
	copy(table[0], mt.one)
	mt.mul(table[1], x, mt.rr, t)
	for i := 2; i < 16; i++ {
		mt.mul(table[i], table[i-1], table[1], t)
	}
	return table
}

// selectEntry sets sel = table[idx] by scanning every entry, so the memory
// access pattern does not depend on idx. The limb loop is outermost so that
// each output limb is accumulated in a register over the 16 entries (one
// load, AND and OR per entry limb, instead of also loading and storing sel
// every time); the entries are read as 16 parallel streams.
func selectEntry(sel []uint64, table *[16][]uint64, idx uint64) {
	var masks [16]uint64
	for j := range masks {
		eq := uint64(j) ^ idx
		masks[j] = ((eq | -eq) >> 63) - 1 // all ones iff j == idx
	}
	n := len(sel)
	sel = sel[:n]
	t0, t1, t2, t3 := table[0][:n], table[1][:n], table[2][:n], table[3][:n]
	t4, t5, t6, t7 := table[4][:n], table[5][:n], table[6][:n], table[7][:n]
	t8, t9, t10, t11 := table[8][:n], table[9][:n], table[10][:n], table[11][:n]
	t12, t13, t14, t15 := table[12][:n], table[13][:n], table[14][:n], table[15][:n]
	for k := 0; k < n; k++ {
		v := t0[k]&masks[0] | t1[k]&masks[1] | t2[k]&masks[2] | t3[k]&masks[3]
		v |= t4[k]&masks[4] | t5[k]&masks[5] | t6[k]&masks[6] | t7[k]&masks[7]
		v |= t8[k]&masks[8] | t9[k]&masks[9] | t10[k]&masks[10] | t11[k]&masks[11]
		v |= t12[k]&masks[12] | t13[k]&masks[13] | t14[k]&masks[14] | t15[k]&masks[15]
		sel[k] = v
	}
}

// exp returns x^e mod m for x < m given as limbs, with a fixed 4-bit window
// and constant-time table scans: the running time depends only on n and
// len(e).
func (mt *montgomery) exp(x []uint64, e []byte) []uint64 {
	n := mt.n
	t := make([]uint64, 2*n+1)
	table := mt.powTable(x, t)
	acc := make([]uint64, n)
	copy(acc, mt.one)
	sel := make([]uint64, n)
	for _, b := range e {
		for _, nib := range [2]uint64{uint64(b >> 4), uint64(b & 15)} {
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			selectEntry(sel, &table, nib)
			mt.mul(acc, acc, sel, t)
		}
	}
	mt.fromMont(acc, t)
	for i := range table {
		clear(table[i])
	}
	clear(t)
	clear(sel)
	return acc
}

// exp2 returns x^ex · y^ey mod m, interleaving both exponentiations so that
// they share their squarings (Straus): 6 multiplications per 4 exponent bits
// instead of 10. The exponents may differ in length; the multiplications for
// the leading bytes only one of them has are skipped, which depends on the
// (public) lengths alone.
func (mt *montgomery) exp2(x []uint64, ex []byte, y []uint64, ey []byte) []uint64 {
	padX, padY := 0, 0
	if len(ex) < len(ey) {
		padX = len(ey) - len(ex)
		ex = append(make([]byte, padX), ex...)
	} else {
		padY = len(ex) - len(ey)
		ey = append(make([]byte, padY), ey...)
	}
	n := mt.n
	t := make([]uint64, 2*n+1)
	tx := mt.powTable(x, t)
	ty := mt.powTable(y, t)
	acc := make([]uint64, n)
	copy(acc, mt.one)
	sel := make([]uint64, n)
	for i := range ex {
		bx, by := ex[i], ey[i]
		for k := range 2 {
			shift := 4 * (1 - k)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			if i >= padX {
				selectEntry(sel, &tx, uint64(bx>>shift)&15)
				mt.mul(acc, acc, sel, t)
			}
			if i >= padY {
				selectEntry(sel, &ty, uint64(by>>shift)&15)
				mt.mul(acc, acc, sel, t)
			}
		}
	}
	mt.fromMont(acc, t)
	for i := range tx {
		clear(tx[i])
		clear(ty[i])
	}
	clear(t)
	clear(sel)
	return acc
}

// expMulti returns Π xs[i]^es[i] mod m (Straus), the exponents of any
// lengths: a multiplication for the leading bytes an exponent lacks is
// skipped, which depends on the (public) lengths alone.
func (mt *montgomery) expMulti(xs [][]uint64, es [][]byte) []uint64 {
	n := mt.n
	t := make([]uint64, 2*n+1)
	longest := 0
	for _, e := range es {
		longest = max(longest, len(e))
	}
	tables := make([][16][]uint64, len(xs))
	for i := range xs {
		tables[i] = mt.powTable(xs[i], t)
	}
	acc := make([]uint64, n)
	copy(acc, mt.one)
	sel := make([]uint64, n)
	for pos := range longest {
		for k := range 2 {
			shift := 4 * (1 - k)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			mt.mul(acc, acc, acc, t)
			for i, e := range es {
				pad := longest - len(e)
				if pos < pad {
					continue
				}
				selectEntry(sel, &tables[i], uint64(e[pos-pad]>>shift)&15)
				mt.mul(acc, acc, sel, t)
			}
		}
	}
	mt.fromMont(acc, t)
	for i := range tables {
		for j := range tables[i] {
			clear(tables[i][j])
		}
	}
	clear(t)
	clear(sel)
	return acc
}

// expMultiMixed is expMulti where the exponents flagged in public are
// public values (a modulus N as the exponent of ρ^N, a proof's response,
// a challenge): those use a sliding window over their bits, whose pattern
// of multiplications and whose table reads follow the exponent, with a
// table of odd powers of the base read by direct index. The others keep
// fixed 4-bit windows and constant-time table scans. The running time
// depends on the public exponents and on the lengths of the others only;
// the bases may be secret either way (the sequence of operations never
// depends on them), and so may the modulus.
func (mt *montgomery) expMultiMixed(xs [][]uint64, es [][]byte, public []bool) []uint64 {
	n := mt.n
	t := make([]uint64, 2*n+1)
	top := 0 // bit positions to scan: the longest exponent's announced bits
	for _, e := range es {
		top = max(top, 8*len(e))
	}
	type term struct {
		e       []byte
		fixed   [16][]uint64 // secret exponent: x^0..x^15
		odd     [][]uint64   // public exponent: x, x³, …, x^(2^w−1)
		windows []uint8      // public exponent: window value ending at each bit, or 0
	}
	terms := make([]term, len(xs))
	for i := range xs {
		terms[i].e = es[i]
		if !public[i] {
			terms[i].fixed = mt.powTable(xs[i], t)
			continue
		}
		w := slidingWindowBits(8 * len(es[i]))
		terms[i].odd = mt.oddPowers(xs[i], w, t)
		terms[i].windows = slidingWindows(es[i], w)
	}
	acc := make([]uint64, n)
	copy(acc, mt.one)
	sel := make([]uint64, n)
	started := false // no squarings while acc is still 1 (public: lengths and public bits only)
	for pos := top - 1; pos >= 0; pos-- {
		if started {
			mt.mul(acc, acc, acc, t)
		}
		for i := range terms {
			tm := &terms[i]
			if pos >= 8*len(tm.e) {
				continue
			}
			if tm.windows != nil {
				if v := tm.windows[pos]; v != 0 {
					mt.mul(acc, acc, tm.odd[v>>1], t)
					started = true
				}
				continue
			}
			if pos%4 == 0 {
				b := tm.e[len(tm.e)-1-pos/8]
				selectEntry(sel, &tm.fixed, uint64(b>>(pos%8))&15)
				mt.mul(acc, acc, sel, t)
				started = true
			}
		}
	}
	mt.fromMont(acc, t)
	for i := range terms {
		for j := range terms[i].fixed {
			clear(terms[i].fixed[j])
		}
		for _, o := range terms[i].odd {
			clear(o)
		}
	}
	clear(t)
	clear(sel)
	return acc
}

// slidingWindowBits picks the window width w that minimises the
// multiplications of a sliding-window exponentiation with a bits-bit
// exponent: 2^(w−1) for the table, about bits/(w+1) for the windows.
func slidingWindowBits(bits int) int {
	best, bestCost := 1, bits
	for w := 2; w <= 7; w++ {
		if c := 1<<(w-1) + bits/(w+1); c < bestCost {
			best, bestCost = w, c
		}
	}
	return best
}

// slidingWindows splits a public big-endian exponent into windows of at
// most w ≤ 7 bits that start and end with a one bit, scanning from the top,
// and returns each window's (odd, non-zero) value at the position of its
// lowest bit, 0 elsewhere. Variable time: public exponents only.
func slidingWindows(e []byte, w int) []uint8 {
	bit := func(i int) uint8 { return (e[len(e)-1-i/8] >> (i % 8)) & 1 }
	out := make([]uint8, 8*len(e))
	for i := 8*len(e) - 1; i >= 0; {
		if bit(i) == 0 {
			i--
			continue
		}
		lo := max(i-w+1, 0)
		for bit(lo) == 0 {
			lo++
		}
		var v uint8
		for j := i; j >= lo; j-- {
			v = v<<1 | bit(j)
		}
		out[lo] = v
		i = lo - 1
	}
	return out
}

// oddPowers returns x, x³, …, x^(2^w−1) in Montgomery form for x < m.
func (mt *montgomery) oddPowers(x []uint64, w int, t []uint64) [][]uint64 {
	n := mt.n
	out := make([][]uint64, 1<<(w-1))
	backing := make([]uint64, len(out)*n)
	for i := range out {
		out[i] = backing[i*n : (i+1)*n]
	}
	mt.mul(out[0], x, mt.rr, t)
	sq := make([]uint64, n)
	mt.mul(sq, out[0], out[0], t)
	for i := 1; i < len(out); i++ {
		mt.mul(out[i], out[i-1], sq, t)
	}
	clear(sq)
	return out
}

// montRowsGeneric is montRows in portable Go: coarsely-integrated operand
// scanning, adding a·b[i] to the window t[i:i+n], then the multiple of m
// that zeroes t[i], and shifting the window by one limb.
func montRowsGeneric(t, a, b, m []uint64, m0inv uint64) (c uint64) {
	n := len(m)
	for i := range n {
		c1 := addMulVVW(t[i:i+n], a, b[i])
		c2 := addMulVVW(t[i:i+n], m, t[i]*m0inv)
		t[n+i], c = bits.Add64(c1, c2, c)
	}
	return c
}

// addMulVVW sets z += x·y over len(z) limbs and returns the carry limb
// (portable reference for the assembly kernels).
func addMulVVW(z, x []uint64, y uint64) (carry uint64) {
	_ = x[len(z)-1]
	for i := range z {
		hi, lo := bits.Mul64(x[i], y)
		var c uint64
		lo, c = bits.Add64(lo, z[i], 0)
		hi += c
		lo, c = bits.Add64(lo, carry, 0)
		hi += c
		z[i] = lo
		carry = hi
	}
	return carry
}
