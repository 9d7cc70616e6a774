package curve

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

var curves = []Curve{Secp256k1(), Edwards25519(), P256(), Ristretto255(), Ed448(), Stark(), BLS12381G1()}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func TestScalarArithmetic(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			for i := 0; i < 20; i++ {
				a, err := c.RandomScalar(rand.Reader)
				require.NoError(t, err)
				b, err := c.RandomScalar(rand.Reader)
				require.NoError(t, err)
				require.True(t, a.Add(b).Sub(b).Equal(a))
				require.True(t, a.Mul(a.Invert()).Equal(c.ScalarFromUint64(1)))
				require.True(t, a.Add(a.Negate()).IsZero())
				// (a+b)·G = a·G + b·G, and constant-time equals variable-time
				lhs := c.ScalarBaseMult(a.Add(b))
				rhs := c.ScalarBaseMult(a).Add(c.Generator().ScalarMult(b))
				require.True(t, lhs.Equal(rhs))
				require.True(t, c.Generator().VarTimeScalarMult(a).Equal(c.ScalarBaseMult(a)))
				p := c.ScalarBaseMult(b)
				require.True(t, p.ScalarMult(a).Equal(p.VarTimeScalarMult(a)))
				require.True(t, c.VarTimeMultiScalarMult([]Scalar{a, b}, []Point{p, p}).Equal(p.ScalarMult(a.Add(b))))
				// encodings round-trip
				s2, err := c.DecodeScalar(a.Bytes())
				require.NoError(t, err)
				require.True(t, s2.Equal(a))
				p2, err := c.DecodePoint(p.Bytes(), false)
				require.NoError(t, err)
				require.True(t, p2.Equal(p))
				require.Equal(t, p.Bytes(), p2.Bytes())
				// Nat round trip
				require.True(t, c.ScalarFromNat(a.Nat()).Equal(a))
				neg := new(saferith.Int).SetNat(a.Nat()).Neg(1)
				require.True(t, c.ScalarFromInt(neg).Equal(a.Negate()))
				require.True(t, c.ScalarFromInt(new(saferith.Int).SetNat(a.Nat())).Equal(a))
			}
		})
	}
}

func TestIdentityAndEdgeCases(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			id := c.Identity()
			g := c.Generator()
			require.True(t, id.IsIdentity())
			require.True(t, g.Add(id).Equal(g))
			require.True(t, id.Add(g).Equal(g))
			require.True(t, g.Sub(g).IsIdentity())
			require.True(t, g.Add(g).Equal(g.ScalarMult(c.ScalarFromUint64(2))))
			require.True(t, c.ScalarBaseMult(c.NewScalar()).IsIdentity())
			require.True(t, g.ScalarMult(c.NewScalar()).IsIdentity())
			require.True(t, id.ScalarMult(c.ScalarFromUint64(7)).IsIdentity())
			require.False(t, id.Equal(g))
			require.True(t, c.NewScalar().Invert().IsZero())
			// order - 1 times G is -G
			minus1 := c.ScalarFromUint64(1).Negate()
			require.True(t, c.ScalarBaseMult(minus1).Equal(g.Negate()))
			_, err := c.DecodePoint(id.Bytes(), false)
			require.ErrorIs(t, err, ErrIdentity)
			p, err := c.DecodePoint(id.Bytes(), true)
			require.NoError(t, err)
			require.True(t, p.IsIdentity())
		})
	}
}

func orderPlus(c Curve, k uint64) []byte {
	n := c.Order().Nat()
	size := c.ScalarSize()
	v := new(saferith.Nat).Add(n, new(saferith.Nat).SetUint64(k), 8*size+8)
	be := v.Bytes()
	be = be[len(be)-size:]
	if littleEndianScalars(c) {
		le := make([]byte, size)
		for i := range le {
			le[i] = be[size-1-i]
		}
		return le
	}
	return be
}

// littleEndianScalars reports whether c encodes scalars little-endian (the
// Edwards-curve groups) rather than big-endian (the SEC curves).
func littleEndianScalars(c Curve) bool {
	switch c.ID() {
	case IDEdwards25519, IDRistretto255, IDEd448:
		return true
	}
	return false
}

func TestDecodeScalarRejects(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			cases := map[string][]byte{
				"order":    orderPlus(c, 0),
				"order+1":  orderPlus(c, 1),
				"all ones": bytesOf(0xff, c.ScalarSize()),
				"short":    make([]byte, c.ScalarSize()-1),
				"long":     make([]byte, c.ScalarSize()+1),
				"empty":    nil,
			}
			for name, b := range cases {
				_, err := c.DecodeScalar(b)
				require.Error(t, err, name)
			}
			// order-1 is the largest valid scalar
			minus1 := c.ScalarFromUint64(1).Negate()
			s, err := c.DecodeScalar(minus1.Bytes())
			require.NoError(t, err)
			require.True(t, s.Equal(minus1))
		})
	}
}

func bytesOf(v byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = v
	}
	return b
}

// ed25519Torsion are the eight points of order dividing 8 on edwards25519
// (the well-known small-order encodings, e.g. listed in Chalkias et al.,
// "Taming the many EdDSAs", 2020). The test below checks each has order
// dividing 8, so a wrong entry would fail rather than pass silently.
var ed25519Torsion = []string{
	"0100000000000000000000000000000000000000000000000000000000000000",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"0000000000000000000000000000000000000000000000000000000000000000",
	"0000000000000000000000000000000000000000000000000000000000000080",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
}

// TestEd25519TorsionRejected checks SECURITY.md case 23 for small-order
// points: each of the eight encodings has order dividing 8, they are eight
// distinct points, none decodes without allowIdentity, the seven that are not
// the identity are rejected with ErrSmallOrder even with allowIdentity, and a
// valid point plus any non-identity torsion point is rejected too.
func TestEd25519TorsionRejected(t *testing.T) {
	c := Edwards25519()
	valid := c.ScalarBaseMult(c.ScalarFromUint64(12345))
	seen := map[string]bool{}
	for _, h := range ed25519Torsion {
		b := mustHex(t, h)
		// Decode without the subgroup check, to inspect the point and to
		// build valid + T.
		tp := new(edPoint)
		_, err := tp.p.SetBytes(b)
		require.NoError(t, err, h)

		var cof edPoint
		cof.p.MultByCofactor(&tp.p)
		require.True(t, cof.IsIdentity(), "order divides 8: %s", h)
		seen[string(tp.Bytes())] = true

		_, err = c.DecodePoint(b, false)
		require.Error(t, err, h)

		mixed := new(edPoint)
		mixed.p.Add(&toEdPoint(valid).p, &tp.p)
		if tp.IsIdentity() {
			require.ErrorIs(t, err, ErrIdentity, h)
			_, err = c.DecodePoint(b, true)
			require.NoError(t, err, h)
			continue
		}
		_, err = c.DecodePoint(b, true)
		require.ErrorIs(t, err, ErrSmallOrder, h)
		_, err = c.DecodePoint(mixed.Bytes(), true)
		require.ErrorIs(t, err, ErrSmallOrder, "valid + %s", h)
	}
	require.Len(t, seen, 8, "eight distinct torsion points")
}

func TestDecodePointRejects(t *testing.T) {
	// secp256k1: find an x that is not on the curve.
	var offX [32]byte
	for x := uint16(1); ; x++ {
		var fx, fy secp256k1.FieldVal
		fx.SetInt(x)
		if !secp256k1.DecompressY(&fx, false, &fy) {
			fx.PutBytes(&offX)
			break
		}
	}
	pBytes := mustHex(t, "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
	g := Secp256k1().Generator().Bytes()
	gOver := append([]byte{0x02}, pBytes...) // x = p: non-canonical for x = 0
	cases := []struct {
		name  string
		curve Curve
		in    []byte
		err   error
	}{
		{"secp off curve", Secp256k1(), append([]byte{0x02}, offX[:]...), ErrNotOnCurve},
		{"secp x = p", Secp256k1(), gOver, ErrNonCanonical},
		{"secp x all ones", Secp256k1(), append([]byte{0x03}, bytesOf(0xff, 32)...), ErrNonCanonical},
		{"secp prefix 04", Secp256k1(), append([]byte{0x04}, g[1:]...), ErrNonCanonical},
		{"secp prefix 00", Secp256k1(), append([]byte{0x00}, g[1:]...), ErrNonCanonical},
		{"secp uncompressed length", Secp256k1(), make([]byte, 65), ErrInvalidLength},
		{"secp short", Secp256k1(), g[:32], ErrInvalidLength},
		{"secp identity", Secp256k1(), make([]byte, 33), ErrIdentity},
		{"ed y = p (non-canonical 0)", Edwards25519(), mustHex(t, "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), ErrNonCanonical},
		{"ed y = p+1 (non-canonical identity)", Edwards25519(), mustHex(t, "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), ErrNonCanonical},
		{"ed -0 sign bit", Edwards25519(), mustHex(t, "0100000000000000000000000000000000000000000000000000000000000080"), ErrNonCanonical},
		{"ed off curve", Edwards25519(), mustHex(t, "0200000000000000000000000000000000000000000000000000000000000000"), ErrNotOnCurve},
		{"ed identity", Edwards25519(), mustHex(t, "0100000000000000000000000000000000000000000000000000000000000000"), ErrIdentity},
		{"ed short", Edwards25519(), make([]byte, 31), ErrInvalidLength},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.curve.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
		})
	}
}

// TestSecp256k1AgainstDecred compares constant-time arithmetic with decred's
// variable-time reference on random inputs and on small multiples, where
// incomplete formulas would fail (doubling, P + (-P)).
func TestSecp256k1AgainstDecred(t *testing.T) {
	c := Secp256k1()
	for i := 0; i < 50; i++ {
		k, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		var ref secp256k1.JacobianPoint
		secp256k1.ScalarBaseMultNonConst(&toSecpScalar(k).s, &ref)
		ref.ToAffine()
		want := make([]byte, 33)
		want[0] = 0x02
		if ref.Y.IsOdd() {
			want[0] = 0x03
		}
		ref.X.PutBytesUnchecked(want[1:])
		require.Equal(t, want, c.ScalarBaseMult(k).Bytes())
		require.Equal(t, want, c.Generator().ScalarMult(k).Bytes())
	}
	g := c.Generator()
	for k := uint64(0); k < 40; k++ {
		s := c.ScalarFromUint64(k)
		require.True(t, g.ScalarMult(s).Equal(g.VarTimeScalarMult(s)), "k=%d", k)
	}
}

func TestECDSAHelpers(t *testing.T) {
	c := Secp256k1()
	k := c.ScalarFromUint64(7)
	r := c.ScalarBaseMult(k)
	s, err := ECDSAScalarFromPoint(r)
	require.NoError(t, err)
	x, err := XOnlyBytes(r)
	require.NoError(t, err)
	require.Equal(t, x, s.Bytes()) // x < n for 7G
	_, err = ECDSAScalarFromPoint(c.Identity())
	require.ErrorIs(t, err, ErrIdentity)
	_, err = ECDSAScalarFromPoint(Edwards25519().Generator())
	require.ErrorIs(t, err, ErrNotSecp256k1)
	odd, over, err := YIsOddAndXOverflows(r)
	require.NoError(t, err)
	require.False(t, over)
	even, err := HasEvenY(r)
	require.NoError(t, err)
	require.Equal(t, !odd, even)
	lifted, err := LiftX(x)
	require.NoError(t, err)
	ev, err := HasEvenY(lifted)
	require.NoError(t, err)
	require.True(t, ev)
	require.True(t, lifted.Equal(r) || lifted.Equal(r.Negate()))
}

// TestExpandMessageXMD checks RFC 9380 Appendix K.1 (expand_message_xmd,
// SHA-256, DST "QUUX-V01-CS02-with-expander-SHA256-128").
func TestExpandMessageXMD(t *testing.T) {
	dst := []byte("QUUX-V01-CS02-with-expander-SHA256-128")
	cases := []struct {
		msg  string
		n    int
		want string
	}{
		{"", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"},
		{"abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"},
	}
	for _, tc := range cases {
		require.Equal(t, tc.want, hex.EncodeToString(ExpandMessageXMDSHA256(dst, tc.n, []byte(tc.msg))))
	}
}

func TestByIDAndName(t *testing.T) {
	for _, c := range curves {
		c2, err := ByID(c.ID())
		require.NoError(t, err)
		require.Equal(t, c.Name(), c2.Name())
		c3, err := ByName(c.Name())
		require.NoError(t, err)
		require.Equal(t, c.ID(), c3.ID())
	}
	_, err := ByID(9)
	require.ErrorIs(t, err, ErrUnknownCurve)
	_, err = ByName("P-384")
	require.ErrorIs(t, err, ErrUnknownCurve)
}

func TestDecodePoints(t *testing.T) {
	c := Secp256k1()
	g := c.Generator()
	b := append(g.Bytes(), g.Add(g).Bytes()...)
	ps, err := DecodePoints(c, b, 2, false)
	require.NoError(t, err)
	require.True(t, ps[1].Equal(g.Add(g)))
	_, err = DecodePoints(c, b, 3, false)
	require.ErrorIs(t, err, ErrInvalidLength)
	_, err = DecodePoints(c, append(b, make([]byte, 33)...), 3, false)
	require.ErrorIs(t, err, ErrIdentity)
}
