package curve

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

// TestP256AgainstECDH checks fixed-base and variable-base multiplication
// against Go's crypto/ecdh on random scalars: k·G is the ECDH public key of
// k (SEC1 uncompressed), and the x-coordinate of a·(b·G) is the ECDH shared
// secret of a and b·G.
func TestP256AgainstECDH(t *testing.T) {
	c := P256()
	for i := 0; i < 16; i++ {
		a := p256Random(t)
		b := p256Random(t)
		ka, err := ecdh.P256().NewPrivateKey(a.Bytes())
		require.NoError(t, err)
		kb, err := ecdh.P256().NewPrivateKey(b.Bytes())
		require.NoError(t, err)

		A := c.ScalarBaseMult(a).(*p256Point)
		require.Equal(t, ka.PublicKey().Bytes(), A.uncompressed())

		shared, err := ka.ECDH(kb.PublicKey())
		require.NoError(t, err)
		ab := c.ScalarBaseMult(b).ScalarMult(a).Bytes()
		require.Equal(t, shared, ab[1:])
		require.True(t, c.ScalarBaseMult(a.Mul(b)).Equal(c.ScalarBaseMult(b).ScalarMult(a)))
	}
}

// TestP256ScalarsAgainstSaferith compares the bigmod scalar field with
// saferith's modular arithmetic on random and edge values.
func TestP256ScalarsAgainstSaferith(t *testing.T) {
	c := P256()
	n := c.Order()
	vals := []Scalar{c.NewScalar(), c.ScalarFromUint64(1), c.ScalarFromUint64(1).Negate(), c.ScalarFromUint64(2)}
	for i := 0; i < 8; i++ {
		vals = append(vals, p256Random(t))
	}
	for _, x := range vals {
		for _, y := range vals {
			xn, yn := x.Nat(), y.Nat()
			require.True(t, x.Add(y).Nat().Eq(new(saferith.Nat).ModAdd(xn, yn, n)) == 1)
			require.True(t, x.Sub(y).Nat().Eq(new(saferith.Nat).ModSub(xn, yn, n)) == 1)
			require.True(t, x.Mul(y).Nat().Eq(new(saferith.Nat).ModMul(xn, yn, n)) == 1)
		}
		require.True(t, x.Negate().Nat().Eq(new(saferith.Nat).ModNeg(x.Nat(), n)) == 1)
		if !x.IsZero() {
			require.True(t, x.Invert().Nat().Eq(new(saferith.Nat).ModInverse(x.Nat(), n)) == 1)
			require.True(t, x.Mul(x.Invert()).Equal(c.ScalarFromUint64(1)))
		}
	}
}

// TestP256HashToScalar checks hash_to_field's reduction of the 48-byte
// expand_message_xmd output against saferith, for the DST RFC 9591 section
// 6.4 gives H1 ("FROST-P256-SHA256-v1" || "rho").
func TestP256HashToScalar(t *testing.T) {
	c := P256()
	dst := []byte("FROST-P256-SHA256-v1rho")
	for _, msg := range [][]byte{nil, []byte("abc"), bytes.Repeat([]byte{0xff}, 200)} {
		u := ExpandMessageXMDSHA256(dst, 48, msg)
		want := new(saferith.Nat).Mod(new(saferith.Nat).SetBytes(u), c.Order())
		got := c.HashToScalar(dst, msg)
		require.True(t, got.Nat().Eq(want) == 1)
		// Split messages hash as their concatenation.
		if len(msg) > 1 {
			require.True(t, c.HashToScalar(dst, msg[:1], msg[1:]).Equal(got))
		}
	}
}

func TestP256Names(t *testing.T) {
	for _, name := range []string{"P-256", "p256", "secp256r1"} {
		c, err := ByName(name)
		require.NoError(t, err)
		require.Equal(t, IDP256, c.ID())
	}
	c, err := ByID(3)
	require.NoError(t, err)
	require.Equal(t, "P-256", c.Name())
}

// TestP256DecodePointRejects: only the canonical compressed form decodes.
func TestP256DecodePointRejects(t *testing.T) {
	c := P256()
	g := c.Generator().Bytes()
	var offX []byte
	for x := byte(1); ; x++ {
		b := make([]byte, 33)
		b[0], b[32] = 0x02, x
		if _, err := c.DecodePoint(b, false); err != nil {
			offX = b
			break
		}
	}
	// p + 3 names the residue 3 non-canonically: refused as such, whether
	// or not 3 is an x-coordinate.
	xPlusP := mustHex(t, "02ffffffff00000001000000000000000000000001000000000000000000000002")
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"off curve", offX, ErrNotOnCurve},
		{"x = p", append([]byte{0x02}, p256FieldPrime...), ErrNonCanonical},
		{"x = p + 3", xPlusP, ErrNonCanonical},
		{"x all ones", append([]byte{0x03}, bytesOf(0xff, 32)...), ErrNonCanonical},
		{"prefix 04", append([]byte{0x04}, g[1:]...), ErrNonCanonical},
		{"prefix 00", append([]byte{0x00}, g[1:]...), ErrNonCanonical},
		{"hybrid 06", append([]byte{0x06}, g[1:]...), ErrNonCanonical},
		{"uncompressed form", c.Generator().(*p256Point).uncompressed(), ErrInvalidLength},
		{"SEC1 infinity byte", []byte{0x00}, ErrInvalidLength},
		{"short", g[:32], ErrInvalidLength},
		{"identity", make([]byte, 33), ErrIdentity},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := c.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, p)
		})
	}
}

// TestP256RoundTrips: points and scalars re-encode to the bytes they were
// decoded from, both y parities appear, and Zeroize leaves a usable zero.
func TestP256RoundTrips(t *testing.T) {
	c := P256()
	parity := map[byte]bool{}
	for i := 0; i < 16; i++ {
		s := p256Random(t)
		s2, err := c.DecodeScalar(s.Bytes())
		require.NoError(t, err)
		require.True(t, s.Equal(s2))
		p := c.ScalarBaseMult(s)
		q, err := c.DecodePoint(p.Bytes(), false)
		require.NoError(t, err)
		require.True(t, p.Equal(q))
		require.Equal(t, p.Bytes(), q.Bytes())
		require.True(t, q.Negate().Equal(c.ScalarBaseMult(s.Negate())))
		parity[p.Bytes()[0]] = true
		s.Zeroize()
		require.True(t, s.IsZero())
		require.True(t, s.Add(c.ScalarFromUint64(5)).Equal(c.ScalarFromUint64(5)))
	}
	require.Len(t, parity, 2)
	// ScalarFromInt honours the sign.
	minus7 := new(saferith.Int).SetNat(new(saferith.Nat).SetUint64(7)).Neg(1)
	require.True(t, c.ScalarFromInt(minus7).Equal(c.ScalarFromUint64(7).Negate()))
	// CondNegate works on P-256 scalars.
	s := c.ScalarFromUint64(9)
	require.True(t, CondNegate(s, 1).Equal(s.Negate()))
	require.True(t, CondNegate(s, 0).Equal(s))
}

// TestP256MultiScalarMult: Σ kᵢ·Pᵢ equals the sum of the single products.
func TestP256MultiScalarMult(t *testing.T) {
	c := P256()
	var ks []Scalar
	var ps []Point
	want := c.Identity()
	for i := 0; i < 4; i++ {
		k := p256Random(t)
		p := c.ScalarBaseMult(p256Random(t))
		ks, ps = append(ks, k), append(ps, p)
		want = want.Add(p.ScalarMult(k))
	}
	require.True(t, c.VarTimeMultiScalarMult(ks, ps).Equal(want))
	require.True(t, c.VarTimeMultiScalarMult(nil, nil).IsIdentity())
}

func TestP256RandomScalarReaderError(t *testing.T) {
	_, err := P256().RandomScalar(bytes.NewReader(make([]byte, 10)))
	require.ErrorIs(t, err, ErrRandomness)
	s, err := P256().RandomScalar(rand.Reader)
	require.NoError(t, err)
	require.False(t, s.IsZero())
}

func p256Random(t *testing.T) Scalar {
	t.Helper()
	s, err := P256().RandomScalar(rand.Reader)
	require.NoError(t, err)
	return s
}
