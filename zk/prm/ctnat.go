package prm

// Constant-time helpers on filippo.io/bigmod values, which export no
// selection or copy of their own.

import "filippo.io/bigmod"

// ctSelect sets dst to src when on = 1 and leaves it unchanged when on = 0,
// touching every limb either way. Both must have the same announced length.
func ctSelect(on uint, dst, src *bigmod.Nat) {
	mask := -on
	d, s := dst.Bits(), src.Bits()
	for i := range d {
		d[i] ^= mask & (d[i] ^ s[i])
	}
}

// natCopy returns a copy of x, which must be reduced modulo m.
func natCopy(x *bigmod.Nat, m *bigmod.Modulus) *bigmod.Nat {
	return bigmod.NewNat().Mod(x, m)
}

// wipe zeroes the limbs of secret values.
func wipe(xs ...*bigmod.Nat) {
	for _, x := range xs {
		if x != nil {
			clear(x.Bits())
		}
	}
}
