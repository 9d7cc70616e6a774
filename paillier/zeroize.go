package paillier

import (
	"fmt"

	"github.com/cronokirby/saferith"
)

// Zeroize overwrites the secret numbers the key holds (p, q, φ(N) and the
// CRT and N-th root exponents) with zeros, once the key is no longer
// needed, for example after a refresh replaced the aux info it belongs to.
// Afterwards Dec, DecWithNonce, Nonce, SampleNonce, Enc, EncFresh and
// MarshalBinary return an error wrapping ErrInvalidSecretKey; the
// operations that return no error (ExpN, NthRoot, EncWithNonce...) return
// meaningless values and must not be called. Copies of the key (*sk) are
// zeroized with it: they share its numbers.
//
// The moduli built from p and q (saferith.Modulus, bigmod.Modulus) keep
// private copies that no API can overwrite: drop every reference to the key
// so that the garbage collector reclaims them. Zeroize must not run while
// another goroutine uses the key. Safe to call repeatedly and on a nil or
// zero SecretKey.
func (sk *SecretKey) Zeroize() {
	if sk == nil || sk.nonce == nil {
		return
	}
	sk.nonce.wiped.Store(true)
	for _, n := range []*saferith.Nat{sk.pNat, sk.qNat, sk.phi, sk.hp, sk.hq, sk.dp, sk.dq, sk.nModP2, sk.nModQ2} {
		if n != nil {
			// In place: SetNat copies zero limbs over n's own.
			n.SetNat(new(saferith.Nat).Resize(n.AnnouncedLen()))
		}
	}
}

// usable returns an error wrapping ErrInvalidSecretKey for a nil key, one
// not built by this package (a zero value) or a zeroized one.
func (sk *SecretKey) usable() error {
	switch {
	case sk == nil || sk.pk == nil || sk.nonce == nil:
		return fmt.Errorf("%w: key not initialised", ErrInvalidSecretKey)
	case sk.nonce.wiped.Load():
		return fmt.Errorf("%w: key zeroized", ErrInvalidSecretKey)
	}
	return nil
}
