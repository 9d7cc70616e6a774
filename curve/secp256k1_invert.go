package curve

import (
	"encoding/binary"
	"math/bits"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// Constant-time inversion modulo the secp256k1 group order n, as s^(n-2)
// (Fermat). decred's ModNScalar multiplication is generic and its inverse
// variable time, so the exponentiation runs on a dedicated 4×64-bit
// Montgomery representation (R = 2^256; Koç, Acar and Kaliski, "Analyzing and
// comparing Montgomery multiplication algorithms", IEEE Micro 1996, CIOS),
// along a fixed sliding-window chain for the public exponent n-2. Every
// operation is straight-line 64-bit arithmetic with a masked final
// subtraction, so the time does not depend on s.

// orderLimbs is n as little-endian 64-bit limbs.
var orderLimbs = u256{0xbfd25e8cd0364141, 0xbaaedce6af48a03b, 0xfffffffffffffffe, 0xffffffffffffffff}

// orderMinv is -n^-1 mod 2^64; orderR2 is R² mod n = 2^512 mod n. Both are
// checked against math/big in the tests.
const orderMinv = 0x4b0dff665588b13f

var orderR2 = u256{0x896cf21467d7d140, 0x741496c20e7cf878, 0xe697f5e45bcd07c6, 0x9d671cd581c69bc5}

// montMul returns a·b·R^-1 mod n for a, b < n.
func montMul(a, b *u256) u256 {
	var t0, t1, t2, t3, t4 uint64
	for i := 0; i < 4; i++ {
		bi := b[i]
		// t += a·b[i]
		var c, hi, lo, carry uint64
		hi, lo = bits.Mul64(a[0], bi)
		t0, c = bits.Add64(t0, lo, 0)
		carry = hi + c
		hi, lo = bits.Mul64(a[1], bi)
		t1, c = bits.Add64(t1, lo, 0)
		hi += c
		t1, c = bits.Add64(t1, carry, 0)
		carry = hi + c
		hi, lo = bits.Mul64(a[2], bi)
		t2, c = bits.Add64(t2, lo, 0)
		hi += c
		t2, c = bits.Add64(t2, carry, 0)
		carry = hi + c
		hi, lo = bits.Mul64(a[3], bi)
		t3, c = bits.Add64(t3, lo, 0)
		hi += c
		t3, c = bits.Add64(t3, carry, 0)
		carry = hi + c
		var t5 uint64
		t4, t5 = bits.Add64(t4, carry, 0)

		// t = (t + m·n) / 2^64, with m chosen so the low word cancels
		m := t0 * orderMinv
		hi, lo = bits.Mul64(m, orderLimbs[0])
		_, c = bits.Add64(t0, lo, 0)
		carry = hi + c
		hi, lo = bits.Mul64(m, orderLimbs[1])
		t0, c = bits.Add64(t1, lo, 0)
		hi += c
		t0, c = bits.Add64(t0, carry, 0)
		carry = hi + c
		hi, lo = bits.Mul64(m, orderLimbs[2])
		t1, c = bits.Add64(t2, lo, 0)
		hi += c
		t1, c = bits.Add64(t1, carry, 0)
		carry = hi + c
		hi, lo = bits.Mul64(m, orderLimbs[3])
		t2, c = bits.Add64(t3, lo, 0)
		hi += c
		t2, c = bits.Add64(t2, carry, 0)
		carry = hi + c
		t3, c = bits.Add64(t4, carry, 0)
		t4 = t5 + c
	}
	// t < 2n: subtract n once if t >= n, selected with a mask.
	var r u256
	var borrow uint64
	r[0], borrow = bits.Sub64(t0, orderLimbs[0], 0)
	r[1], borrow = bits.Sub64(t1, orderLimbs[1], borrow)
	r[2], borrow = bits.Sub64(t2, orderLimbs[2], borrow)
	r[3], borrow = bits.Sub64(t3, orderLimbs[3], borrow)
	_, borrow = bits.Sub64(t4, 0, borrow)
	keep := -borrow // all ones if t < n
	r[0] = (t0 & keep) | (r[0] &^ keep)
	r[1] = (t1 & keep) | (r[1] &^ keep)
	r[2] = (t2 & keep) | (r[2] &^ keep)
	r[3] = (t3 & keep) | (r[3] &^ keep)
	return r
}

// invWindow is the sliding-window width of the inversion chain; the chain
// uses the odd powers x, x³, ..., x^(2^w - 1).
const invWindow = 5

// invStep is one step of the chain: square sq times, then multiply by the
// odd power x^(2·idx+1) unless idx < 0.
type invStep struct {
	sq  int
	idx int
}

// invChain is the sliding-window schedule for the public exponent n - 2,
// computed once from the constant.
var invChain = func() []invStep {
	e := orderLimbs
	e[0] -= 2 // n is odd and its low word far above 2: no borrow
	bit := func(i int) uint64 { return (e[i/64] >> (i % 64)) & 1 }
	var steps []invStep
	pending := 0
	for i := 255; i >= 0; {
		if bit(i) == 0 {
			pending++
			i--
			continue
		}
		// the longest window of at most invWindow bits ending in a 1
		j := max(i-invWindow+1, 0)
		for bit(j) == 0 {
			j++
		}
		v := 0
		for k := i; k >= j; k-- {
			v = v<<1 | int(bit(k))
		}
		steps = append(steps, invStep{sq: pending + i - j + 1, idx: v >> 1})
		pending = 0
		i = j - 1
	}
	if pending > 0 {
		steps = append(steps, invStep{sq: pending, idx: -1})
	}
	return steps
}()

// secpScalarInvert returns s^(n-2) mod n, the inverse of s (zero for zero),
// in constant time.
func secpScalarInvert(s *secp256k1.ModNScalar) secp256k1.ModNScalar {
	b := s.Bytes()
	x := u256FromBE(&b)
	x = montMul(&x, &orderR2)

	var pow [1 << (invWindow - 1)]u256 // x^(2i+1), Montgomery form
	pow[0] = x
	x2 := montMul(&x, &x)
	for i := 1; i < len(pow); i++ {
		pow[i] = montMul(&pow[i-1], &x2)
	}

	// The first step multiplies into 1, so start from its power instead.
	acc := pow[invChain[0].idx]
	for _, st := range invChain[1:] {
		for i := 0; i < st.sq; i++ {
			acc = montMul(&acc, &acc)
		}
		if st.idx >= 0 {
			acc = montMul(&acc, &pow[st.idx])
		}
	}
	one := u256{1}
	acc = montMul(&acc, &one)

	var out [32]byte
	binary.BigEndian.PutUint64(out[0:], acc[3])
	binary.BigEndian.PutUint64(out[8:], acc[2])
	binary.BigEndian.PutUint64(out[16:], acc[1])
	binary.BigEndian.PutUint64(out[24:], acc[0])
	var r secp256k1.ModNScalar
	r.SetBytes(&out)
	clear(b[:])
	clear(out[:])
	clear(pow[:])
	clear(x[:])
	clear(x2[:])
	clear(acc[:])
	return r
}
