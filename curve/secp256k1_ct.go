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
// Algorithms 7 (addition) and 9 (doubling) for a = 0, with b3 = 3·7 = 21.
// Complete formulas have no exceptional cases, so there are no branches on
// the points, and table look-ups scan every entry.

// fe helpers keep every value at magnitude 1 so decred's Mul precondition
// (magnitude <= 8) always holds.
func feAdd(r, a, b *secp256k1.FieldVal) { r.Add2(a, b).Normalize() }
func feSub(r, a, b *secp256k1.FieldVal) {
	var nb secp256k1.FieldVal
	nb.NegateVal(b, 1)
	r.Add2(a, &nb).Normalize()
}
func feMul(r, a, b *secp256k1.FieldVal) { r.Mul2(a, b).Normalize() }
func feMul21(r, a *secp256k1.FieldVal)  { r.Set(a).MulInt(21).Normalize() }

// secpAdd sets r = p + q (Algorithm 7). r may alias p or q.
func secpAdd(r, p, q *secpPoint) {
	var t0, t1, t2, t3, t4, x3, y3, z3 secp256k1.FieldVal
	feMul(&t0, &p.x, &q.x)
	feMul(&t1, &p.y, &q.y)
	feMul(&t2, &p.z, &q.z)
	feAdd(&t3, &p.x, &p.y)
	feAdd(&t4, &q.x, &q.y)
	feMul(&t3, &t3, &t4)
	feAdd(&t4, &t0, &t1)
	feSub(&t3, &t3, &t4)
	feAdd(&t4, &p.y, &p.z)
	feAdd(&x3, &q.y, &q.z)
	feMul(&t4, &t4, &x3)
	feAdd(&x3, &t1, &t2)
	feSub(&t4, &t4, &x3)
	feAdd(&x3, &p.x, &p.z)
	feAdd(&y3, &q.x, &q.z)
	feMul(&x3, &x3, &y3)
	feAdd(&y3, &t0, &t2)
	feSub(&y3, &x3, &y3)
	feAdd(&x3, &t0, &t0)
	feAdd(&t0, &x3, &t0)
	feMul21(&t2, &t2)
	feAdd(&z3, &t1, &t2)
	feSub(&t1, &t1, &t2)
	feMul21(&y3, &y3)
	feMul(&x3, &t4, &y3)
	feMul(&t2, &t3, &t1)
	feSub(&x3, &t2, &x3)
	feMul(&y3, &y3, &t0)
	feMul(&t1, &t1, &z3)
	feAdd(&y3, &t1, &y3)
	feMul(&t0, &t0, &t3)
	feMul(&z3, &z3, &t4)
	feAdd(&z3, &z3, &t0)
	r.x, r.y, r.z = x3, y3, z3
}

// secpDouble sets r = 2p (Algorithm 9). r may alias p.
func secpDouble(r, p *secpPoint) {
	var t0, t1, t2, x3, y3, z3 secp256k1.FieldVal
	feMul(&t0, &p.y, &p.y)
	feAdd(&z3, &t0, &t0)
	feAdd(&z3, &z3, &z3)
	feAdd(&z3, &z3, &z3)
	feMul(&t1, &p.y, &p.z)
	feMul(&t2, &p.z, &p.z)
	feMul21(&t2, &t2)
	feMul(&x3, &t2, &z3)
	feAdd(&y3, &t0, &t2)
	feMul(&z3, &t1, &z3)
	feAdd(&t1, &t2, &t2)
	feAdd(&t2, &t1, &t2)
	feSub(&t0, &t0, &t2)
	feMul(&y3, &t0, &y3)
	feAdd(&y3, &x3, &y3)
	feMul(&t1, &p.x, &p.y)
	feMul(&x3, &t0, &t1)
	feAdd(&x3, &x3, &x3)
	r.x, r.y, r.z = x3, y3, z3
}

// packedPoint is a projective point as 12 big-endian 64-bit words, the form
// in which table entries are selected with masks.
type packedPoint [12]uint64

func (p *secpPoint) pack() packedPoint {
	var out packedPoint
	for i, f := range []*secp256k1.FieldVal{&p.x, &p.y, &p.z} {
		b := f.Bytes()
		for j := 0; j < 4; j++ {
			out[4*i+j] = binary.BigEndian.Uint64(b[8*j:])
		}
	}
	return out
}

func (pp *packedPoint) unpack(p *secpPoint) {
	var b [32]byte
	for i, f := range []*secp256k1.FieldVal{&p.x, &p.y, &p.z} {
		for j := 0; j < 4; j++ {
			binary.BigEndian.PutUint64(b[8*j:], pp[4*i+j])
		}
		f.SetBytes(&b)
	}
}

// lookup returns table[idx] reading every entry; idx is secret.
func lookup(table *[16]packedPoint, idx uint8) packedPoint {
	var out packedPoint
	for i := range table {
		// mask is all ones when i == idx, computed without branches
		d := uint64(uint8(i) ^ idx)
		mask := ((d | -d) >> 63) - 1
		for k := range out {
			out[k] |= table[i][k] & mask
		}
	}
	return out
}

// secpScalarMult computes k·P with a fixed 4-bit window: 64 windows of four
// doublings and one addition of a table entry, whatever the digits are.
func secpScalarMult(k *secp256k1.ModNScalar, p *secpPoint) *secpPoint {
	var table [16]packedPoint
	acc := secpIdentity()
	table[0] = acc.pack()
	cur := *p
	table[1] = cur.pack()
	for i := 2; i < 16; i++ {
		secpAdd(&cur, &cur, p)
		table[i] = cur.pack()
	}
	kb := k.Bytes()
	var entry secpPoint
	for _, byt := range kb {
		for _, nib := range [2]uint8{byt >> 4, byt & 0x0f} {
			secpDouble(acc, acc)
			secpDouble(acc, acc)
			secpDouble(acc, acc)
			secpDouble(acc, acc)
			e := lookup(&table, nib)
			e.unpack(&entry)
			secpAdd(acc, acc, &entry)
		}
	}
	clear(kb[:])
	return acc
}

// baseTable[i][j] = j·16^(63-i)·G, so a base multiplication is 64 look-ups
// and additions with no doublings. It is computed once, on first use, from
// public values only, and never changes afterwards.
var baseTable = sync.OnceValue(func() *[64][16]packedPoint {
	t := new([64][16]packedPoint)
	g := toSecpPoint(secp256k1Curve{}.Generator())
	base := *g
	for i := 63; i >= 0; i-- {
		cur := secpIdentity()
		for j := 0; j < 16; j++ {
			t[i][j] = cur.pack()
			secpAdd(cur, cur, &base)
		}
		for d := 0; d < 4; d++ {
			secpDouble(&base, &base)
		}
	}
	return t
})

func secpBaseMult(k *secp256k1.ModNScalar) *secpPoint {
	t := baseTable()
	kb := k.Bytes()
	acc := secpIdentity()
	var entry secpPoint
	for i, byt := range kb {
		for h, nib := range [2]uint8{byt >> 4, byt & 0x0f} {
			e := lookup(&t[2*i+h], nib)
			e.unpack(&entry)
			secpAdd(acc, acc, &entry)
		}
	}
	clear(kb[:])
	return acc
}
