package bigint

import "github.com/cronokirby/saferith"

// InRangeVarTime reports whether |x| <= 2^bits, i.e. x ∈ ±2^bits in CGGMP21
// notation (the bound checks of every range-proof verifier).
//
// Variable time: public values only.
func InRangeVarTime(x *saferith.Int, bits int) bool {
	if x == nil || bits < 0 {
		return false
	}
	abs := x.Abs()
	l := abs.TrueLen()
	if l <= bits {
		return true
	}
	// |x| = 2^bits exactly has bits+1 significant bits and a single one bit.
	return l == bits+1 && isPowerOfTwoVarTime(abs)
}

// InRangeScaledVarTime reports whether |x| <= 2^bits·m, i.e. x ∈ ±2^bits·m
// (the z2/z3 bounds scaled by the ring-Pedersen modulus N̂ in CGGMP21).
//
// Variable time: public values only.
func InRangeScaledVarTime(x *saferith.Int, bits int, m *saferith.Modulus) bool {
	if x == nil || m == nil || bits < 0 {
		return false
	}
	abs := x.Abs()
	// Fast refusal before building the bound: a value with more significant
	// bits than the bound can never be inside it.
	if abs.TrueLen() > bits+m.BitLen() {
		return false
	}
	bound := new(saferith.Nat).Lsh(m.Nat(), uint(bits), -1)
	gt, _, _ := abs.Cmp(bound)
	return gt == 0
}

// NatInRangeVarTime reports whether 0 <= x < m. It does not write to x or
// m, so both may be shared with other goroutines.
//
// Variable time: public values only.
func NatInRangeVarTime(x *saferith.Nat, m *saferith.Modulus) bool {
	if x == nil || m == nil {
		return false
	}
	if x.TrueLen() > m.BitLen() {
		return false
	}
	// Not CmpMod: it writes to both operands, and x and m are often shared
	// (ciphertexts, a key's modulus).
	return Less(x, m) == 1
}

func isPowerOfTwoVarTime(x *saferith.Nat) bool {
	b := x.Bytes()
	seen := false
	for _, v := range b {
		if v == 0 {
			continue
		}
		if seen || v&(v-1) != 0 {
			return false
		}
		seen = true
	}
	return seen
}
