package bigint

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
)

// ErrNoFixedBase is returned when fixed-base tables are not available for a
// modulus size (no assembly Montgomery kernel on this platform/size).
var ErrNoFixedBase = errors.New("bigint: fixed-base tables unavailable for this modulus")

// DefaultFixedBaseStride is the interleaving NewFixedBase uses (see
// FixedBase). Four makes the table four times smaller than one row per
// digit for 12 extra squarings per exponentiation: about 1% more work for a
// 2816-bit exponent, and on the machines measured the smaller table is
// faster anyway because it stays in cache.
const DefaultFixedBaseStride = 4

// FixedBase holds precomputed powers of a fixed base g for fast
// exponentiation g^e with secret exponents: the fixed-base windowing method
// (Handbook of Applied Cryptography, algorithm 14.109, with h = 16) combined
// with Lim–Lee style interleaving to shrink the table.
//
// Write e in 4-bit digits, e = Σ_k d_k·16^k, and k = stride·i + j with
// 0 ≤ j < stride. Then
//
//	g^e = Π_j ( Π_i g^(d_{stride·i+j} · 16^(stride·i)) )^(16^j)
//
// so a table rows[i][d] = g^(d·16^(stride·i)) for every digit value d serves
// every j, and Horner's rule over j costs one multiplication per digit plus
// 4·(stride−1) squarings in all. With stride 1 that is plain fixed-base
// windowing (no squarings, largest table); each doubling of the stride halves
// the table. Ring-Pedersen bases (fixed once aux-info is done) and the
// Paillier nonce generators of a secret key use it. Immutable, safe for
// concurrent use.
type FixedBase struct {
	o      *OddModulus
	bits   int            // largest exponent length, a multiple of 4·stride
	stride int            // digits per row step
	rows   [][16][]uint64 // rows[i][d] = g^(d·16^(stride·i)) in Montgomery form
}

// NewFixedBase precomputes the table for base g (reduced mod m) and
// exponents of up to maxBits bits, with DefaultFixedBaseStride. A 2048-bit
// modulus and maxBits = 2817 take about 0.7 MB.
func (o *OddModulus) NewFixedBase(g *saferith.Nat, maxBits int) (*FixedBase, error) {
	return o.NewFixedBaseStride(g, maxBits, DefaultFixedBaseStride)
}

// NewFixedBaseStride is NewFixedBase with an explicit interleaving stride
// (1 to 64): the table has ⌈maxBits/(4·stride)⌉ rows of 16 entries and each
// exponentiation costs ⌈maxBits/4⌉ multiplications plus 4·(stride−1)
// squarings.
func (o *OddModulus) NewFixedBaseStride(g *saferith.Nat, maxBits, stride int) (*FixedBase, error) {
	if o.mt == nil {
		return nil, ErrNoFixedBase
	}
	if maxBits <= 0 || maxBits > 1<<16 {
		return nil, fmt.Errorf("bigint: NewFixedBase: bad exponent size %d", maxBits)
	}
	if stride < 1 || stride > 64 {
		return nil, fmt.Errorf("bigint: NewFixedBase: bad stride %d", stride)
	}
	mt := o.mt
	nRows := (maxBits + 4*stride - 1) / (4 * stride)
	t := make([]uint64, 2*mt.n+1)
	fb := &FixedBase{o: o, bits: 4 * stride * nRows, stride: stride, rows: make([][16][]uint64, nRows)}
	base := o.limbs(g) // plain form; powTable converts
	fb.rows[0] = mt.powTable(base, t)
	next := make([]uint64, mt.n)
	for i := 1; i < nRows; i++ {
		// g^(16^(stride·i)) = (g^(16^(stride·(i−1))))^(16^stride): the
		// previous row's base raised by 4·stride squarings.
		copy(next, fb.rows[i-1][1])
		for range 4 * stride {
			mt.mul(next, next, next, t)
		}
		var row [16][]uint64
		backing := make([]uint64, 16*mt.n)
		for d := range row {
			row[d] = backing[d*mt.n : (d+1)*mt.n]
		}
		copy(row[0], mt.one)
		copy(row[1], next)
		for d := 2; d < 16; d++ {
			mt.mul(row[d], row[d-1], row[1], t)
		}
		fb.rows[i] = row
	}
	clear(next)
	clear(t)
	return fb, nil
}

// MaxBits returns the largest exponent length the table covers.
func (fb *FixedBase) MaxBits() int { return fb.bits }

// TableBytes returns the memory the table holds, in bytes.
func (fb *FixedBase) TableBytes() int { return len(fb.rows) * 16 * fb.o.mt.n * 8 }

// Exp returns g^e mod m. Constant time in e; only its announced length
// leaks. Exponents announced longer than MaxBits are refused.
func (fb *FixedBase) Exp(e *saferith.Nat) (*saferith.Nat, error) {
	return FixedBaseExp([]*FixedBase{fb}, []*saferith.Nat{e})
}

// FixedBaseExp returns Π tabs[i]^exps[i] mod m for tables of one modulus and
// one stride, sharing the squarings between them (a ring-Pedersen
// commitment s^x·t^y is one call). Constant time in the exponents; only
// their announced lengths leak. An exponent announced longer than its
// table's MaxBits is refused.
func FixedBaseExp(tabs []*FixedBase, exps []*saferith.Nat) (*saferith.Nat, error) {
	if len(tabs) == 0 || len(tabs) != len(exps) {
		return nil, errors.New("bigint: FixedBaseExp: need one exponent per table")
	}
	o, stride := tabs[0].o, tabs[0].stride
	digits := make([][]byte, len(tabs))
	for i, fb := range tabs {
		if fb.o != o || fb.stride != stride {
			return nil, errors.New("bigint: FixedBaseExp: tables of different moduli or strides")
		}
		if exps[i].AnnouncedLen() > fb.bits {
			return nil, fmt.Errorf("bigint: exponent of %d bits exceeds table (%d)", exps[i].AnnouncedLen(), fb.bits)
		}
		digits[i] = nibbles(exps[i].Bytes())
	}
	mt := o.mt
	t := make([]uint64, 2*mt.n+1)
	acc := make([]uint64, mt.n)
	copy(acc, mt.one)
	sel := make([]uint64, mt.n)
	for j := stride - 1; j >= 0; j-- {
		if j != stride-1 {
			for range 4 {
				mt.mul(acc, acc, acc, t)
			}
		}
		for ti, fb := range tabs {
			d := digits[ti]
			// Digit k = stride·i + j selects from rows[i]. Digits past the
			// exponent's announced length are zero and skipped; the loop
			// bounds depend only on lengths.
			for i := range fb.rows {
				k := stride*i + j
				if k >= len(d) {
					break
				}
				selectEntry(sel, &fb.rows[i], uint64(d[k]))
				mt.mul(acc, acc, sel, t)
			}
		}
	}
	mt.fromMont(acc, t)
	clear(t)
	clear(sel)
	for _, d := range digits {
		clear(d)
	}
	return mt.toNat(acc, o.m.BitLen()), nil
}

// nibbles returns the 4-bit digits of a big-endian byte string, least
// significant first.
func nibbles(b []byte) []byte {
	out := make([]byte, 2*len(b))
	for i := range b {
		v := b[len(b)-1-i]
		out[2*i] = v & 15
		out[2*i+1] = v >> 4
	}
	clear(b)
	return out
}
