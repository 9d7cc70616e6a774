package ecdsa_test

import (
	stdecdsa "crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// TestVerifyAgainstCryptoECDSA: P-256 signatures from crypto/ecdsa verify,
// for SHA-256 digests and for SHA-512 digests (truncated to 256 bits by
// both sides), and fail on another digest or under another key.
func TestVerifyAgainstCryptoECDSA(t *testing.T) {
	c := curve.P256()
	for i := 0; i < 8; i++ {
		key, err := stdecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		raw, err := key.PublicKey.Bytes()
		require.NoError(t, err)
		pub, err := curve.DecodeSEC1(c, raw)
		require.NoError(t, err)
		d256 := sha256.Sum256([]byte{byte(i)})
		d512 := sha512.Sum512([]byte{byte(i)})
		for _, digest := range [][]byte{d256[:], d512[:]} {
			der, err := stdecdsa.SignASN1(rand.Reader, key, digest)
			require.NoError(t, err)
			sig, err := ecdsa.ParseDER(c, der)
			require.NoError(t, err)
			require.NoError(t, ecdsa.VerifyVarTime(c, pub, digest, sig))
			require.ErrorIs(t, ecdsa.VerifyVarTime(c, pub, d256[1:], sig), ecdsa.ErrInvalidSignature)
			require.ErrorIs(t, ecdsa.VerifyVarTime(c, c.Generator(), digest, sig), ecdsa.ErrInvalidSignature)
		}
	}
}

// TestVerifyAgainstDecred: secp256k1 signatures from decred (RFC 6979,
// low S) verify, in DER and in P1363 form.
func TestVerifyAgainstDecred(t *testing.T) {
	c := curve.Secp256k1()
	for i := 0; i < 8; i++ {
		sk, err := secp256k1.GeneratePrivateKey()
		require.NoError(t, err)
		pub, err := curve.DecodeSEC1(c, sk.PubKey().SerializeUncompressed())
		require.NoError(t, err)
		digest := sha256.Sum256([]byte{byte(i)})
		der := decredecdsa.Sign(sk, digest[:]).Serialize()
		sig, err := ecdsa.ParseDER(c, der)
		require.NoError(t, err)
		require.True(t, sig.IsLowS())
		require.NoError(t, ecdsa.VerifyLowSVarTime(c, pub, digest[:], sig))
		p, err := ecdsa.ParseP1363(c, sig.P1363())
		require.NoError(t, err)
		require.NoError(t, ecdsa.VerifyVarTime(c, pub, digest[:], p))
		// The high-S twin verifies in plain ECDSA only.
		high := &ecdsa.Signature{R: sig.R, S: sig.S.Negate()}
		require.False(t, high.IsLowS())
		require.NoError(t, ecdsa.VerifyVarTime(c, pub, digest[:], high))
		require.ErrorIs(t, ecdsa.VerifyLowSVarTime(c, pub, digest[:], high), ecdsa.ErrInvalidSignature)
	}
}

// TestVerifyRefusesUnusableInputs: nil and zero values, keys and scalars
// of the wrong curve and the identity key are errors, never panics.
func TestVerifyRefusesUnusableInputs(t *testing.T) {
	k1, r1 := curve.Secp256k1(), curve.P256()
	one := &ecdsa.Signature{R: k1.ScalarFromUint64(1), S: k1.ScalarFromUint64(1)}
	digest := make([]byte, 32)
	cases := map[string]error{
		"nil signature":                 ecdsa.VerifyVarTime(k1, k1.Generator(), digest, nil),
		"empty signature":               ecdsa.VerifyVarTime(k1, k1.Generator(), digest, &ecdsa.Signature{}),
		"nil key":                       ecdsa.VerifyVarTime(k1, nil, digest, one),
		"identity key":                  ecdsa.VerifyVarTime(k1, k1.Identity(), digest, one),
		"key of P-256":                  ecdsa.VerifyVarTime(k1, r1.Generator(), digest, one),
		"secp256k1 scalars under P-256": ecdsa.VerifyVarTime(r1, r1.Generator(), digest, one),
		"zero r":                        ecdsa.VerifyVarTime(k1, k1.Generator(), digest, &ecdsa.Signature{R: k1.NewScalar(), S: one.S}),
		"low-S nil":                     ecdsa.VerifyLowSVarTime(k1, k1.Generator(), digest, nil),
		"r = 1, s = 1 does not verify":  ecdsa.VerifyVarTime(k1, k1.Generator(), digest, one),
		"nil curve":                     ecdsa.VerifyVarTime(nil, k1.Generator(), digest, one),
		"empty digest, r = s = 1":       ecdsa.VerifyVarTime(k1, k1.Generator(), nil, one),
	}
	for name, err := range cases {
		require.Error(t, err, name)
	}
}

func BenchmarkVerifyVarTime(b *testing.B) {
	for _, c := range ecdsaCurves {
		b.Run(c.Name(), func(b *testing.B) {
			x, err := c.RandomScalar(nil)
			require.NoError(b, err)
			k, err := c.RandomScalar(nil)
			require.NoError(b, err)
			pub := c.ScalarBaseMult(x)
			digest := sha256.Sum256([]byte("bench"))
			// s = k⁻¹(e + r·x) with r = x(k·G) mod n.
			enc, err := curve.EncodeSEC1Uncompressed(c.ScalarBaseMult(k))
			require.NoError(b, err)
			r := c.ScalarFromNat(new(saferith.Nat).SetBytes(enc[1:33]))
			e := c.ScalarFromNat(new(saferith.Nat).SetBytes(digest[:]))
			sig := &ecdsa.Signature{R: r, S: k.Invert().Mul(e.Add(r.Mul(x)))}
			require.NoError(b, ecdsa.VerifyVarTime(c, pub, digest[:], sig))
			b.ReportAllocs()
			for b.Loop() {
				_ = ecdsa.VerifyVarTime(c, pub, digest[:], sig)
			}
		})
	}
}
