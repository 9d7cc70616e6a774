package schnorr

import (
	"bytes"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeProof: no panic on any input; what decodes re-encodes to the
// input and can be verified without panicking.
func FuzzDecodeProof(f *testing.F) {
	for _, c := range curves {
		x := c.ScalarFromUint64(7)
		p, err := Prove(session("s", 1), x, c.ScalarBaseMult(x), nil)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := p.MarshalBinary()
		f.Add(byte(c.ID()), b)
		f.Add(byte(c.ID()), b[:len(b)-1])
	}
	f.Fuzz(func(t *testing.T, curveID byte, b []byte) {
		c := curves[int(curveID)%len(curves)]
		p, err := DecodeProof(c, b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		enc, err := p.MarshalBinary()
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, enc))
		_ = p.Verify(session("s", 1), c.Generator())
	})
}

// FuzzBIP340Verify: Verify never panics on any public key, message and
// signature.
func FuzzBIP340Verify(f *testing.F) {
	sk := curve.Secp256k1().ScalarFromUint64(3)
	pub, _ := PublicKey(sk)
	sig, _ := Sign(sk, []byte("m"), make([]byte, 32))
	f.Add(pub, []byte("m"), sig)
	f.Add(pub, []byte{}, sig)
	f.Add(make([]byte, 32), []byte("m"), make([]byte, 64))
	f.Fuzz(func(t *testing.T, pub, msg, sig []byte) {
		err := Verify(pub, msg, sig)
		if err == nil {
			require.Len(t, pub, 32)
			require.Len(t, sig, 64)
		}
	})
}

// FuzzBIP340SignVerify: every non-zero key signs any message, and the
// signature verifies.
func FuzzBIP340SignVerify(f *testing.F) {
	f.Add([]byte{3}, []byte("m"), make([]byte, 32))
	f.Fuzz(func(t *testing.T, key, msg, aux []byte) {
		c := curve.Secp256k1()
		kb := make([]byte, 32)
		copy(kb[32-min(len(key), 32):], key)
		sk, err := c.DecodeScalar(kb)
		if err != nil || sk.IsZero() {
			return
		}
		a := make([]byte, 32)
		copy(a, aux)
		sig, err := Sign(sk, msg, a)
		require.NoError(t, err)
		pub, err := PublicKey(sk)
		require.NoError(t, err)
		require.NoError(t, Verify(pub, msg, sig))
	})
}
