package bigint

import (
	"errors"
	"fmt"

	"github.com/cronokirby/saferith"
)

// ErrNoFixedBase is returned when fixed-base tables are not available for a
// modulus size (no assembly Montgomery kernel on this platform/size).
var ErrNoFixedBase = errors.New("bigint: fixed-base tables unavailable for this modulus")

// FixedBase holds the powers g^(d·16^i) for every 4-bit digit d and position
// i, so that g^e costs one Montgomery multiplication per 4 exponent bits and
// no squarings (about four times faster than a plain exponentiation). This is
// the textbook fixed-base windowing method (Handbook of Applied Cryptography,
// algorithm 14.109 with h = 16); it is what the ring-Pedersen bases, fixed
// once aux-info is done, call for. A table for a 2048-bit modulus and e of
// up to 2816 bits takes about 2.9 MB. Immutable, safe for concurrent use.
type FixedBase struct {
	o    *OddModulus
	bits int            // largest exponent length, a multiple of 4
	rows [][16][]uint64 // rows[i][d] = g^(d·16^i) in Montgomery form
}

// NewFixedBase precomputes the table for base g (reduced mod m) and
// exponents of up to maxBits bits.
func (o *OddModulus) NewFixedBase(g *saferith.Nat, maxBits int) (*FixedBase, error) {
	if o.mt == nil {
		return nil, ErrNoFixedBase
	}
	if maxBits <= 0 || maxBits > 1<<16 {
		return nil, fmt.Errorf("bigint: NewFixedBase: bad exponent size %d", maxBits)
	}
	mt := o.mt
	nRows := (maxBits + 3) / 4
	t := make([]uint64, 2*mt.n+1)
	fb := &FixedBase{o: o, bits: 4 * nRows, rows: make([][16][]uint64, nRows)}
	base := o.limbs(g) // plain form; powTable converts
	fb.rows[0] = mt.powTable(base, t)
	for i := 1; i < nRows; i++ {
		prev := &fb.rows[i-1]
		// g^(16^i) = g^(15·16^(i−1)) · g^(16^(i−1)).
		var row [16][]uint64
		backing := make([]uint64, 16*mt.n)
		for d := range row {
			row[d] = backing[d*mt.n : (d+1)*mt.n]
		}
		copy(row[0], mt.one)
		mt.mul(row[1], prev[15], prev[1], t)
		for d := 2; d < 16; d++ {
			mt.mul(row[d], row[d-1], row[1], t)
		}
		fb.rows[i] = row
	}
	return fb, nil
}

// MaxBits returns the largest exponent length the table covers.
func (fb *FixedBase) MaxBits() int { return fb.bits }

// Exp returns g^e mod m. Constant time in e; only its announced length
// leaks. Exponents announced longer than MaxBits are refused.
func (fb *FixedBase) Exp(e *saferith.Nat) (*saferith.Nat, error) {
	if e.AnnouncedLen() > fb.bits {
		return nil, fmt.Errorf("bigint: exponent of %d bits exceeds table (%d)", e.AnnouncedLen(), fb.bits)
	}
	mt := fb.o.mt
	eb := e.Bytes()
	t := make([]uint64, 2*mt.n+1)
	acc := make([]uint64, mt.n)
	copy(acc, mt.one)
	sel := make([]uint64, mt.n)
	// Digit i (from the least significant end) selects from rows[i].
	// The announced length fits the table, so any digit past the last row is
	// zero (a partial top byte); the loop bound depends only on lengths.
	for i := 0; i < 2*len(eb) && i < len(fb.rows); i++ {
		b := eb[len(eb)-1-i/2]
		d := uint64(b>>(4*(i%2))) & 15
		selectEntry(sel, &fb.rows[i], d)
		mt.mul(acc, acc, sel, t)
	}
	mt.fromMont(acc, t)
	clear(t)
	clear(sel)
	return limbsToNat(acc, fb.o.m.BitLen()), nil
}
