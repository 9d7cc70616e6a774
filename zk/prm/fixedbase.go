package prm

// Fixed-base exponentiation for the verifier. Variable time: public values
// only (the digit pattern of the exponent decides which multiplications run).

import (
	"filippo.io/bigmod"

	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
)

// window is the digit size in bits. A w-bit window costs about |e|/w + 2^(w+1)
// multiplications per exponentiation; w = 6 minimises that for 2048- to
// 4096-bit exponents.
const window = 6

// fixedBase holds g_j = g^(2^(window·j)) for every digit position j of the
// exponents it serves.
type fixedBase struct {
	m     *bigmod.Modulus
	table []*bigmod.Nat
	one   *bigmod.Nat
}

// newFixedBase precomputes the table for exponents of up to expBits bits
// (about expBits squarings, once).
func newFixedBase(g *bigmod.Nat, m *bigmod.Modulus, expBits int) *fixedBase {
	digits := (expBits + window - 1) / window
	f := &fixedBase{m: m, table: make([]*bigmod.Nat, digits)}
	cur := ctarith.Copy(g, m)
	for j := range f.table {
		f.table[j] = cur
		if j+1 < digits {
			cur = ctarith.Copy(cur, m)
			for range window {
				cur.Mul(cur, m)
			}
		}
	}
	f.one = bigmod.NewNat().ExpandFor(m)
	f.one.Bits()[0] = 1
	return f
}

// exp returns g^e for a big-endian exponent of at most the table's size, by
// the bucket method of Brickell et al.: with acc_d the product of the g_j
// whose digit is at least d, g^e = ∏_{d ≥ 1} acc_d, which takes one
// multiplication per non-zero digit plus two per digit value.
func (f *fixedBase) exp(e []byte) *bigmod.Nat {
	const buckets = 1 << window
	var head [buckets]int
	for d := range head {
		head[d] = -1
	}
	next := make([]int, len(f.table))
	for j := range f.table {
		d := digit(e, j)
		if d != 0 {
			next[j] = head[d]
			head[d] = j
		}
	}
	var acc, res *bigmod.Nat
	for d := buckets - 1; d >= 1; d-- {
		for j := head[d]; j >= 0; j = next[j] {
			if acc == nil {
				acc = ctarith.Copy(f.table[j], f.m)
			} else {
				acc.Mul(f.table[j], f.m)
			}
		}
		if acc != nil {
			if res == nil {
				res = ctarith.Copy(acc, f.m)
			} else {
				res.Mul(acc, f.m)
			}
		}
	}
	if res == nil {
		return ctarith.Copy(f.one, f.m)
	}
	return res
}

// digit returns bits [window·j, window·j + window) of the big-endian e.
func digit(e []byte, j int) int {
	d := 0
	for k := window - 1; k >= 0; k-- {
		bit := window*j + k
		byteIdx := len(e) - 1 - bit/8
		d <<= 1
		if byteIdx >= 0 {
			d |= int(e[byteIdx]>>(bit%8)) & 1
		}
	}
	return d
}
