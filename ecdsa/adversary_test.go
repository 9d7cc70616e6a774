package ecdsa_test

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// SECURITY.md case 12 (rule 1): degenerate values — r or s equal to 0,
// n or n + 1, the identity as public key, a key off the curve — are
// refused when decoded, and a verifier handed them anyway says no.
func TestAdversary12_DegenerateSignatureValues(t *testing.T) {
	for _, c := range ecdsaCurves {
		t.Run(c.Name(), func(t *testing.T) {
			one := c.ScalarFromUint64(1).Bytes()
			zero := make([]byte, 32)
			n := c.Order().Bytes()
			nPlus1 := c.Order().Bytes()
			nPlus1[31]++ // n is odd on both curves: no carry
			for name, rs := range map[string][2][]byte{
				"r = 0": {zero, one}, "s = 0": {one, zero},
				"r = n": {n, one}, "s = n": {one, n},
				"r = n + 1": {nPlus1, one}, "s = n + 1": {one, nPlus1},
			} {
				_, err := ecdsa.ParseP1363(c, append(append([]byte(nil), rs[0]...), rs[1]...))
				require.ErrorIs(t, err, ecdsa.ErrEncoding, name)
			}
			digest := sha256.Sum256([]byte("degenerate"))
			sig := &ecdsa.Signature{R: c.ScalarFromUint64(1), S: c.ScalarFromUint64(1)}
			require.ErrorIs(t, ecdsa.VerifyVarTime(c, c.Identity(), digest[:], sig), ecdsa.ErrInvalidSignature)
			require.ErrorIs(t, ecdsa.VerifyVarTime(c, c.Generator(), digest[:], &ecdsa.Signature{R: c.NewScalar(), S: sig.S}), ecdsa.ErrInvalidSignature)
			require.ErrorIs(t, ecdsa.VerifyVarTime(c, c.Generator(), digest[:], &ecdsa.Signature{R: sig.R, S: c.NewScalar()}), ecdsa.ErrInvalidSignature)
			unc, err := curve.EncodeSEC1Uncompressed(c.Generator())
			require.NoError(t, err)
			unc[64] ^= 1
			_, err = curve.DecodeSEC1(c, unc)
			require.ErrorIs(t, err, curve.ErrNotOnCurve)
			_, err = curve.DecodeSEC1(c, []byte{0x00})
			require.ErrorIs(t, err, curve.ErrIdentity)
		})
	}
}

// SECURITY.md case 13: each signature has one accepted encoding. The
// re-encodings a relay could produce without the key — BER lengths, a
// padded integer, a stripped sign byte, a P1363 form one byte short or
// long, the high-S twin under the low-S rule — are refused.
func TestAdversary13_OneEncodingPerSignature(t *testing.T) {
	c := curve.Secp256k1()
	pub, err := curve.DecodeSEC1(c, mustHex(t, k1KeyB))
	require.NoError(t, err)
	digest := sha256.Sum256(mustHex(t, msg123400))
	good := mustHex(t, "3045"+k1R7+k1S7)
	sig, err := ecdsa.ParseDER(c, good)
	require.NoError(t, err)
	require.NoError(t, ecdsa.VerifyLowSVarTime(c, pub, digest[:], sig))
	for name, b := range map[string][]byte{
		"long-form length": mustHex(t, "308145"+k1R7+k1S7),
		"padded s":         mustHex(t, "3046"+k1R7+"022100"+k1S7[4:]),
		"r without sign":   mustHex(t, "3044"+"0220"+k1R7[6:]+k1S7),
		"trailing byte":    append(append([]byte(nil), good...), 0),
	} {
		_, err := ecdsa.ParseDER(c, b)
		require.ErrorIs(t, err, ecdsa.ErrEncoding, name)
	}
	p1363 := sig.P1363()
	for name, b := range map[string][]byte{
		"63 bytes": p1363[1:],
		"65 bytes": append([]byte{0}, p1363...),
	} {
		_, err := ecdsa.ParseP1363(c, b)
		require.ErrorIs(t, err, ecdsa.ErrEncoding, name)
	}
	twin := &ecdsa.Signature{R: sig.R, S: sig.S.Negate()}
	require.NoError(t, ecdsa.VerifyVarTime(c, pub, digest[:], twin))
	require.ErrorIs(t, ecdsa.VerifyLowSVarTime(c, pub, digest[:], twin), ecdsa.ErrInvalidSignature)
}
