package ctarith

// filippo.io/bigmod exports no constant-time selection, copy or erasure of
// its own.

import "filippo.io/bigmod"

// Select sets dst to src when on = 1 and leaves it unchanged when on = 0,
// touching every limb either way. Both must have the same announced length.
func Select(on uint, dst, src *bigmod.Nat) {
	mask := -on
	d, s := dst.Bits(), src.Bits()
	for i := range d {
		d[i] ^= mask & (d[i] ^ s[i])
	}
}

// Copy returns a copy of x, which must be reduced modulo m.
func Copy(x *bigmod.Nat, m *bigmod.Modulus) *bigmod.Nat {
	return bigmod.NewNat().Mod(x, m)
}

// Wipe zeroes the limbs of secret values; nil entries are skipped.
func Wipe(xs ...*bigmod.Nat) {
	for _, x := range xs {
		if x != nil {
			clear(x.Bits())
		}
	}
}
