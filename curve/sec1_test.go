package curve

import (
	"bytes"
	"crypto/ecdh"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

var sec1Curves = []Curve{Secp256k1(), P256()}

// TestSEC1RoundTrips: both forms decode back to the point, the compressed
// form is Bytes(), and the uncompressed form matches an independent
// implementation (decred for secp256k1, crypto/ecdh for P-256).
func TestSEC1RoundTrips(t *testing.T) {
	for _, c := range sec1Curves {
		t.Run(c.Name(), func(t *testing.T) {
			for i := 0; i < 8; i++ {
				k, err := c.RandomScalar(nil)
				require.NoError(t, err)
				p := c.ScalarBaseMult(k)
				comp, err := EncodeSEC1Compressed(p)
				require.NoError(t, err)
				require.Equal(t, p.Bytes(), comp)
				unc, err := EncodeSEC1Uncompressed(p)
				require.NoError(t, err)
				require.Len(t, unc, 65)
				for _, enc := range [][]byte{comp, unc} {
					q, err := DecodeSEC1(c, enc)
					require.NoError(t, err)
					require.True(t, q.Equal(p))
				}
				switch c.ID() {
				case IDSecp256k1:
					require.Equal(t, secp256k1.PrivKeyFromBytes(k.Bytes()).PubKey().SerializeUncompressed(), unc)
				case IDP256:
					sk, err := ecdh.P256().NewPrivateKey(k.Bytes())
					require.NoError(t, err)
					require.Equal(t, sk.PublicKey().Bytes(), unc)
				}
			}
		})
	}
}

// TestSEC1Rejects: every encoding SEC 1 v2 section 2.3.4 would refuse, and
// the ones this package refuses on top (hybrid forms, the infinity byte).
func TestSEC1Rejects(t *testing.T) {
	primes := map[ID][]byte{
		IDSecp256k1: mustHex(t, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
		IDP256:      p256FieldPrime,
	}
	for _, c := range sec1Curves {
		t.Run(c.Name(), func(t *testing.T) {
			unc, err := EncodeSEC1Uncompressed(c.Generator())
			require.NoError(t, err)
			with := func(prefix byte, x, y []byte) []byte {
				return append(append([]byte{prefix}, x...), y...)
			}
			x, y := unc[1:33], unc[33:]
			yPlus1 := append([]byte(nil), y...)
			yPlus1[31] ^= 1
			cases := []struct {
				name string
				in   []byte
				err  error
			}{
				{"hybrid 06", with(0x06, x, y), ErrNonCanonical},
				{"hybrid 07", with(0x07, x, y), ErrNonCanonical},
				{"prefix 05", with(0x05, x, y), ErrNonCanonical},
				{"compressed prefix on 65 bytes", with(0x02, x, y), ErrNonCanonical},
				{"x = p", with(0x04, primes[c.ID()], y), ErrNonCanonical},
				{"y = p", with(0x04, x, primes[c.ID()]), ErrNonCanonical},
				{"y all ones", with(0x04, x, bytesOf(0xff, 32)), ErrNonCanonical},
				{"off curve (low bit of y flipped)", with(0x04, x, yPlus1), ErrNotOnCurve},
				{"infinity byte", []byte{0x00}, ErrIdentity},
				{"33 zero bytes", make([]byte, 33), ErrIdentity},
				{"65 zero bytes", make([]byte, 65), ErrNonCanonical},
				{"compressed x = p", with(0x02, primes[c.ID()], nil), ErrNonCanonical},
				{"uncompressed without y", with(0x04, x, nil), ErrNonCanonical},
				{"64 bytes (raw x || y)", unc[1:], ErrInvalidLength},
				{"66 bytes", append(append([]byte(nil), unc...), 0), ErrInvalidLength},
				{"empty", nil, ErrInvalidLength},
			}
			for _, tc := range cases {
				p, err := DecodeSEC1(c, tc.in)
				require.ErrorIs(t, err, tc.err, tc.name)
				require.Nil(t, p, tc.name)
			}
		})
	}
	_, err := DecodeSEC1(Edwards25519(), Edwards25519().Generator().Bytes())
	require.ErrorIs(t, err, ErrNoSEC1)
	_, err = DecodeSEC1(nil, make([]byte, 33))
	require.ErrorIs(t, err, ErrNoSEC1)
	_, err = EncodeSEC1Uncompressed(Edwards25519().Generator())
	require.ErrorIs(t, err, ErrNoSEC1)
	_, err = EncodeSEC1Compressed(nil)
	require.ErrorIs(t, err, ErrNoSEC1)
	_, err = EncodeSEC1Uncompressed((*p256Point)(nil))
	require.ErrorIs(t, err, ErrNoSEC1)
	for _, c := range sec1Curves {
		_, err = EncodeSEC1Uncompressed(c.Identity())
		require.ErrorIs(t, err, ErrIdentity)
		_, err = EncodeSEC1Compressed(c.Identity())
		require.ErrorIs(t, err, ErrIdentity)
	}
}

// FuzzDecodeSEC1: no panic; an accepted encoding is never the identity and
// re-encodes, in the form it came in, to the same bytes.
func FuzzDecodeSEC1(f *testing.F) {
	for _, c := range sec1Curves {
		unc, _ := EncodeSEC1Uncompressed(c.Generator())
		f.Add(c.ID() == IDP256, unc)
		f.Add(c.ID() == IDP256, c.Generator().Bytes())
		hybrid := append([]byte{0x06}, unc[1:]...)
		f.Add(c.ID() == IDP256, hybrid)
	}
	f.Add(false, []byte{0x00})
	f.Fuzz(func(t *testing.T, p256 bool, b []byte) {
		c := Secp256k1()
		if p256 {
			c = P256()
		}
		p, err := DecodeSEC1(c, b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		require.False(t, p.IsIdentity())
		var again []byte
		if len(b) == 65 {
			again, err = EncodeSEC1Uncompressed(p)
		} else {
			again, err = EncodeSEC1Compressed(p)
		}
		require.NoError(t, err)
		require.True(t, bytes.Equal(b, again))
	})
}
