package frost

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Verify checks a signature on msg under groupKey, as the suite's
// single-signer scheme does (RFC 9591 section 6 and Appendix B):
//
//   - Ed25519SHA512: 64 bytes R || z, RFC 8032 section 5.1.7 with
//     c = SHA-512(R || PK || msg). R must decode strictly (canonical, in the
//     prime-order subgroup, not the identity) and z must be below ℓ, so the
//     cofactored and cofactorless equations agree; FROST never produces
//     other signatures.
//   - Ed448SHAKE256: 114 bytes R || z, RFC 8032 section 5.2.7 with an
//     empty context, c = SHAKE256(dom4(0, "") || R || PK || msg, 114). R
//     must be in the prime-order subgroup and z below q, as for Ed25519.
//   - Ristretto255SHA512: 64 bytes R || z, c = H2(R || PK || msg).
//   - Secp256k1SHA256 and P256SHA256: 65 bytes, compressed R || z,
//     c = H2(R || PK || msg).
//   - Secp256k1TR: 64 bytes, BIP-340 verification against the x-only form
//     of groupKey (its y parity does not matter), for the tweaked key when
//     the key packages were tweaked.
//
// A signature that fails any check returns an error wrapping
// ErrInvalidSignature.
func Verify(suite Ciphersuite, groupKey curve.Point, msg, sig []byte) error {
	if err := suite.check(); err != nil {
		return err
	}
	c := suite.Curve()
	key, err := newSigningKey(suite, groupKey)
	if err != nil {
		return err
	}
	if len(sig) != suite.SignatureSize() {
		return fmt.Errorf("%w: %d bytes, want %d", ErrInvalidSignature, len(sig), suite.SignatureSize())
	}
	ne := len(sig) - c.ScalarSize()
	z, err := c.DecodeScalar(sig[ne:])
	if err != nil {
		return fmt.Errorf("%w: z: %w", ErrInvalidSignature, err)
	}
	var r curve.Point
	if suite.IsTaproot() {
		// BIP-340: R = lift_x(r), which has even y and fails for r >= p;
		// the key is lift_x(x(PK)), the even-y point with the key's x.
		r, err = curve.LiftX(sig[:ne])
	} else {
		r, err = c.DecodePoint(sig[:ne], false)
	}
	if err != nil {
		return fmt.Errorf("%w: R: %w", ErrInvalidSignature, err)
	}
	keyEnc := key.enc
	if suite.IsTaproot() {
		keyEnc = keyEnc[1:]
	}
	if !verifyEquation(c, z, suite.h2(sig[:ne], keyEnc, msg), key.point, r) {
		return ErrInvalidSignature
	}
	return nil
}
