package ecdsa_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

var ecdsaCurves = []curve.Curve{curve.Secp256k1(), curve.P256()}

// TestDERRoundTrips: DER and P1363 encode and decode back for small,
// short, top-bit-set and maximal r and s, and DER has minimal integers.
func TestDERRoundTrips(t *testing.T) {
	for _, c := range ecdsaCurves {
		t.Run(c.Name(), func(t *testing.T) {
			maxS := c.ScalarFromUint64(1).Negate()
			values := []curve.Scalar{c.ScalarFromUint64(1), c.ScalarFromUint64(0x7f), c.ScalarFromUint64(0x80), c.ScalarFromUint64(0x1234), maxS}
			for i := 0; i < 4; i++ {
				s, err := c.RandomScalar(nil)
				require.NoError(t, err)
				values = append(values, s)
			}
			for _, r := range values {
				for _, s := range values {
					sig := &ecdsa.Signature{R: r, S: s}
					der := sig.DER()
					got, err := ecdsa.ParseDER(c, der)
					require.NoError(t, err)
					require.True(t, got.R.Equal(r) && got.S.Equal(s))
					require.Equal(t, der, got.DER())
					p, err := ecdsa.ParseP1363(c, sig.P1363())
					require.NoError(t, err)
					require.True(t, p.R.Equal(r) && p.S.Equal(s))
				}
			}
			// r = 1, s = 0x80: 02 01 01 and 02 02 00 80.
			der := (&ecdsa.Signature{R: c.ScalarFromUint64(1), S: c.ScalarFromUint64(0x80)}).DER()
			require.Equal(t, mustHex(t, "3007020101020200"+"80"), der)
		})
	}
	var nilSig *ecdsa.Signature
	require.Nil(t, nilSig.DER())
	require.Nil(t, nilSig.P1363())
	require.Nil(t, (&ecdsa.Signature{}).DER())
	require.False(t, nilSig.IsLowS())
}

// TestDERRejects: one case per rule of ParseDER (X.690 sections 8.1.3,
// 8.3.2, 10.1), around the valid signature r = 1, s = 0x80.
func TestDERRejects(t *testing.T) {
	n := "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141" // secp256k1
	cases := []struct {
		name string
		der  string
	}{
		{"empty", ""},
		{"lonely tag", "30"},
		{"SET instead of SEQUENCE", "3107020101020200" + "80"},
		{"long-form sequence length", "308107020101020200" + "80"},
		{"indefinite sequence length", "3080020101020200800000"},
		{"length too long", "3008020101020200" + "80"},
		{"length too short", "3006020101020200" + "80"},
		{"trailing byte", "3007020101020200" + "8000"},
		{"byte after s inside", "3008020101020200" + "8000"},
		{"third integer", "300a020101020200800201" + "01"},
		{"only r", "3003020101"},
		{"r with BOOLEAN tag", "3007010101020200" + "80"},
		{"long-form integer length", "300802810101020200" + "80"},
		{"empty r", "30060200020200" + "80"},
		{"negative r", "3007020181020200" + "80"},
		{"negative s", "300602010102018" + "0"},
		{"superfluous zero in r", "300802020001020200" + "80"},
		{"superfluous zeros in s", "30080201010203000080"},
		{"r = 0", "3007020100020200" + "80"},
		{"s = 0", "3006020101020100"},
		{"s = -0 (0x00 0x00)", "300702010102020000"},
		{"r = n (secp256k1)", "3026022100" + n + "020101"},
		{"r of 33 bytes", "3027022201" + n + "020101"},
	}
	c := curve.Secp256k1()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sig, err := ecdsa.ParseDER(c, mustHex(t, tc.der))
			require.ErrorIs(t, err, ecdsa.ErrEncoding)
			require.Nil(t, sig)
		})
	}
	// r = n - 1 is the largest accepted value.
	minus1 := "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"
	_, err := ecdsa.ParseDER(c, mustHex(t, "3026022100"+minus1+"020101"))
	require.NoError(t, err)
}

// TestP1363Rejects: exact width only, r and s in [1, n).
func TestP1363Rejects(t *testing.T) {
	for _, c := range ecdsaCurves {
		one := c.ScalarFromUint64(1).Bytes()
		zero := make([]byte, 32)
		n := c.Order().Bytes()
		for name, b := range map[string][]byte{
			"short":   one,
			"63":      append(one[1:], one...),
			"65":      append(append([]byte{0}, one...), one...),
			"r = 0":   append(append([]byte(nil), zero...), one...),
			"s = 0":   append(append([]byte(nil), one...), zero...),
			"r = n":   append(append([]byte(nil), n...), one...),
			"s = n":   append(append([]byte(nil), one...), n...),
			"nothing": nil,
		} {
			sig, err := ecdsa.ParseP1363(c, b)
			require.ErrorIs(t, err, ecdsa.ErrEncoding, "%s %s", c.Name(), name)
			require.Nil(t, sig)
		}
	}
}

func TestUnsupportedCurve(t *testing.T) {
	ed := curve.Edwards25519()
	_, err := ecdsa.ParseDER(ed, mustHex(t, "3006020101020101"))
	require.ErrorIs(t, err, ecdsa.ErrUnsupportedCurve)
	_, err = ecdsa.ParseP1363(nil, make([]byte, 64))
	require.ErrorIs(t, err, ecdsa.ErrUnsupportedCurve)
	err = ecdsa.VerifyVarTime(ed, ed.Generator(), make([]byte, 32), nil)
	require.ErrorIs(t, err, ecdsa.ErrUnsupportedCurve)
}

// FuzzParseDER: no panic; an accepted input is the canonical DER encoding
// of its (r, s), both non-zero.
func FuzzParseDER(f *testing.F) {
	f.Add(false, mustHex(f, "3007020101020200"+"80"))
	f.Add(true, mustHex(f, "3045"+r1R7+r1S7))
	f.Add(false, mustHex(f, "308145"+k1R7+k1S7))
	f.Add(false, []byte{0x30})
	f.Fuzz(func(t *testing.T, p256 bool, b []byte) {
		c := ecdsaCurves[0]
		if p256 {
			c = ecdsaCurves[1]
		}
		sig, err := ecdsa.ParseDER(c, b)
		if err != nil {
			require.Nil(t, sig)
			return
		}
		require.True(t, bytes.Equal(b, sig.DER()))
		require.False(t, sig.R.IsZero() || sig.S.IsZero())
	})
}

// FuzzParseP1363: no panic; accepted inputs are 64 bytes that re-encode to
// themselves.
func FuzzParseP1363(f *testing.F) {
	f.Add(false, make([]byte, 64))
	f.Add(true, mustHex(f, o32+o32))
	f.Add(true, mustHex(f, r1N+o32))
	f.Fuzz(func(t *testing.T, p256 bool, b []byte) {
		c := ecdsaCurves[0]
		if p256 {
			c = ecdsaCurves[1]
		}
		sig, err := ecdsa.ParseP1363(c, b)
		if err != nil {
			require.Nil(t, sig)
			return
		}
		require.True(t, bytes.Equal(b, sig.P1363()))
	})
}
