package cggmp

import (
	"crypto/rand"
	"crypto/sha256"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// signLocally makes a single-party signature with the same algebra the
// protocol uses, so the helpers can be checked against decred.
func signLocally(t *testing.T, x curve.Scalar, digest []byte) *Signature {
	c := curve.Secp256k1()
	k, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	R := c.ScalarBaseMult(k)
	r, err := curve.ECDSAScalarFromPoint(R)
	require.NoError(t, err)
	e, err := digestScalarOn(c, digest)
	require.NoError(t, err)
	s := k.Invert().Mul(e.Add(r.Mul(x)))
	odd, over, err := curve.YIsOddAndXOverflows(R)
	require.NoError(t, err)
	var recid byte
	if odd {
		recid |= 1
	}
	if over {
		recid |= 2
	}
	return normalize(r, s, recid)
}

func TestSignatureHelpersAgainstDecred(t *testing.T) {
	t.Parallel()
	c := curve.Secp256k1()
	for i := 0; i < 30; i++ {
		x, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		pub := c.ScalarBaseMult(x)
		digest := sha256.Sum256([]byte{byte(i)})
		sig := signLocally(t, x, digest[:])
		require.False(t, isHigh(sig.S))
		require.NoError(t, VerifyLowS(pub, digest[:], sig))

		// decred verifies our signature
		dpub, err := secp256k1.ParsePubKey(pub.Bytes())
		require.NoError(t, err)
		var r, s secp256k1.ModNScalar
		r.SetByteSlice(sig.R.Bytes())
		s.SetByteSlice(sig.S.Bytes())
		require.True(t, decredecdsa.NewSignature(&r, &s).Verify(digest[:], dpub))
		// and DER matches decred's serialisation
		require.Equal(t, decredecdsa.NewSignature(&r, &s).Serialize(), sig.DER())

		// the recovery id recovers the key
		q, err := RecoverPublicKey(digest[:], sig)
		require.NoError(t, err)
		require.True(t, q.Equal(pub))

		// decred's signatures verify with ours, and its compact recovery
		// code matches our recovery id
		priv := secp256k1.PrivKeyFromBytes(x.Bytes())
		compact := decredecdsa.SignCompact(priv, digest[:], true)
		dsig, err := ParseSignature(compact[1:])
		require.NoError(t, err)
		require.NoError(t, VerifyLowS(pub, digest[:], dsig))
		dsig.RecoveryID = compact[0] - 27 - 4
		q, err = RecoverPublicKey(digest[:], dsig)
		require.NoError(t, err)
		require.True(t, q.Equal(pub))

		eth := sig.Ethereum()
		require.Len(t, eth, 65)
		require.Equal(t, 27+sig.RecoveryID, eth[64])
	}
}

func TestVerifyRejects(t *testing.T) {
	t.Parallel()
	c := curve.Secp256k1()
	x, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	pub := c.ScalarBaseMult(x)
	digest := sha256.Sum256([]byte("m"))
	sig := signLocally(t, x, digest[:])
	zero := c.NewScalar()
	cases := map[string]struct {
		pub    curve.Point
		digest []byte
		sig    *Signature
	}{
		"r = 0":        {pub, digest[:], &Signature{R: zero, S: sig.S}},
		"s = 0":        {pub, digest[:], &Signature{R: sig.R, S: zero}},
		"wrong digest": {pub, make([]byte, 32), sig},
		"short digest": {pub, digest[:31], sig},
		"wrong key":    {c.Generator(), digest[:], sig},
		"identity key": {c.Identity(), digest[:], sig},
		"r+1":          {pub, digest[:], &Signature{R: sig.R.Add(c.ScalarFromUint64(1)), S: sig.S}},
	}
	for name, tc := range cases {
		require.Error(t, Verify(tc.pub, tc.digest, tc.sig), name)
	}
	high := &Signature{R: sig.R, S: sig.S.Negate()}
	require.NoError(t, Verify(pub, digest[:], high))
	require.Error(t, VerifyLowS(pub, digest[:], high))

	for _, b := range [][]byte{make([]byte, 64), make([]byte, 63), append(sig.R.Bytes(), make([]byte, 32)...)} {
		_, err := ParseSignature(b)
		require.Error(t, err)
	}
}

// TestAdversary25_LowS: a high-S value is normalised to low S and the
// recovery id flips, so the signature still recovers the same key.
func TestAdversary25_LowS(t *testing.T) {
	t.Parallel()
	c := curve.Secp256k1()
	x, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	pub := c.ScalarBaseMult(x)
	digest := sha256.Sum256([]byte("low s"))
	sig := signLocally(t, x, digest[:])
	flipped := normalize(sig.R, sig.S.Negate(), sig.RecoveryID^1)
	require.True(t, flipped.S.Equal(sig.S))
	require.Equal(t, sig.RecoveryID, flipped.RecoveryID)
	q, err := RecoverPublicKey(digest[:], flipped)
	require.NoError(t, err)
	require.True(t, q.Equal(pub))
}

// TestSignatureEncodersNil: the encoders return nil, never panic, for a nil
// Signature or one without R or S.
func TestSignatureEncodersNil(t *testing.T) {
	t.Parallel()
	one := curve.Secp256k1().ScalarFromUint64(1)
	tests := []struct {
		name string
		sig  *Signature
	}{
		{"nil", nil},
		{"zero", &Signature{}},
		{"no S", &Signature{R: one}},
		{"no R", &Signature{S: one}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotPanics(t, func() {
				require.Nil(t, tc.sig.Bytes())
				require.Nil(t, tc.sig.Ethereum())
				require.Nil(t, tc.sig.DER())
			})
		})
	}
	whole := &Signature{R: one, S: one}
	require.Len(t, whole.Bytes(), 64)
	require.Len(t, whole.Ethereum(), 65)
	require.NotEmpty(t, whole.DER())
}
