package ctarith

import "github.com/cronokirby/saferith"

// InRange returns 1 if |x| ≤ 2^bits, the interval ±2^bits of CGGMP21.
func InRange(x *saferith.Int, bits int) saferith.Choice {
	bound := new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(1), uint(bits), bits+1)
	gt, _, _ := x.Abs().Cmp(bound)
	return 1 ^ gt
}

// IsUnit returns 1 if 0 < x < n and gcd(x, n) = 1. It works on copies, so
// x and n may be shared with other goroutines.
func IsUnit(x *saferith.Nat, n *saferith.Modulus) saferith.Choice {
	xc, nc := x.Clone(), n.Nat()
	_, _, lt := xc.Cmp(nc)
	return lt & (1 ^ xc.EqZero()) & xc.Coprime(nc)
}

// MulAdd returns a + e·b over the integers, a response of a Σ-protocol
// (a nonce plus the challenge times a secret), sized from the announced
// lengths of its operands. The product is taken of copies: saferith's Mul
// resizes its operands in place.
func MulAdd(a, e, b *saferith.Int) *saferith.Int {
	eb := new(saferith.Int).Mul(e.Clone(), b.Clone(), -1)
	return new(saferith.Int).Add(a, eb, -1)
}

// Bytes returns the big-endian encoding of x at its announced size, which
// is public, rather than at its true length, which may not be.
func Bytes(x *saferith.Nat) []byte {
	return x.FillBytes(make([]byte, (x.AnnouncedLen()+7)/8))
}
