package ot

import "encoding/binary"

// checkBits is the size of the field of the consistency check,
// GF(2^256) = GF(2)[x]/(x^256 + x^10 + x^5 + x^2 + 1), and the length of
// one chunk of a column. It is at least κ + s for κ = 128 and a statistical
// parameter s = 128 (KOS15, Fig. 10, asks for a field of κ + s bits).
const checkBits = 256

// checkBytes is the byte size of one field element.
const checkBytes = checkBits / 8

// gf256 is an element of GF(2^256); word k holds the coefficients of
// x^(64k) … x^(64k+63), and the 32-byte encoding is little-endian, so bit
// i of a chunk of a column (byte i/8, bit i%8) is the coefficient of x^i.
// The modulus x^256 + x^10 + x^5 + x^2 + 1 is irreducible (a low-weight
// pentanomial; TestGF256ModulusIsIrreducible checks it with Rabin's test).
type gf256 [4]uint64

func gfFromBytes(b []byte) gf256 {
	var a gf256
	for k := range a {
		a[k] = binary.LittleEndian.Uint64(b[8*k : 8*k+8])
	}
	return a
}

func (a gf256) bytes() [checkBytes]byte {
	var out [checkBytes]byte
	for k, w := range a {
		binary.LittleEndian.PutUint64(out[8*k:8*k+8], w)
	}
	return out
}

func (a gf256) add(b gf256) gf256 {
	return gf256{a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]}
}

// gfMul multiplies in constant time: it runs over all 256 bits of a and
// adds the shifted b under a mask, never branching on a or b (the columns
// of T and Q are secret).
func gfMul(a, b gf256) gf256 {
	var r [8]uint64
	var s [8]uint64
	copy(s[:4], b[:])
	for i := range checkBits {
		m := -((a[i>>6] >> (uint(i) & 63)) & 1)
		for k := range r {
			r[k] ^= s[k] & m
		}
		for k := 7; k > 0; k-- {
			s[k] = s[k]<<1 | s[k-1]>>63
		}
		s[0] <<= 1
	}
	return reduce(r)
}

// reduce folds a product of up to 511 bits with x^256 = x^10 + x^5 + x^2 + 1:
// the high half h becomes h·(1 + x^2 + x^5 + x^10), whose at most 10 bits
// beyond x^255 are folded once more.
func reduce(r [8]uint64) gf256 {
	var out gf256
	copy(out[:], r[:4])
	h := r[4:8]
	var over uint64
	for _, sh := range []uint{0, 2, 5, 10} {
		var carry uint64
		for k := range 4 {
			v := h[k] << sh
			if sh > 0 { // sh is a public constant of the modulus
				v |= carry
				carry = h[k] >> (64 - sh)
			}
			out[k] ^= v
		}
		over ^= carry
	}
	out[0] ^= over ^ over<<2 ^ over<<5 ^ over<<10
	return out
}
