package curve

import (
	"math/big"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"
)

// bls12381FieldHex is p, the base field modulus of BLS12-381
// (draft-irtf-cfrg-pairing-friendly-curves-11, section 4.2.1).
const bls12381FieldHex = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"

// bls12381Compressed returns the compressed encoding flags|x for a small x.
func bls12381Compressed(x uint64, flags byte) []byte {
	b := new(big.Int).SetUint64(x).FillBytes(make([]byte, 48))
	b[0] |= flags
	return b
}

// bls12381OnCurve reports whether x is the x-coordinate of a point of
// y² = x³ + 4 (math/big, test reference).
func bls12381OnCurve(x *big.Int) bool {
	p, _ := new(big.Int).SetString(bls12381FieldHex, 16)
	rhs := new(big.Int).Exp(x, big.NewInt(3), p)
	rhs.Add(rhs, big.NewInt(4)).Mod(rhs, p)
	return big.Jacobi(rhs, p) >= 0
}

// TestBLS12381G1DecodeRejects covers every way an encoding can fail: the
// identity and points of small order are refused at decode (SECURITY.md
// rule on peer values), as are non-canonical flags and coordinates.
func TestBLS12381G1DecodeRejects(t *testing.T) {
	c := BLS12381G1()
	var offCurve, offSubgroup []byte
	for x := uint64(1); offCurve == nil || offSubgroup == nil; x++ {
		if bls12381OnCurve(new(big.Int).SetUint64(x)) {
			if offSubgroup == nil {
				offSubgroup = bls12381Compressed(x, 0x80)
			}
		} else if offCurve == nil {
			offCurve = bls12381Compressed(x, 0x80)
		}
	}
	p, _ := new(big.Int).SetString(bls12381FieldHex, 16)
	xIsP := p.FillBytes(make([]byte, 48))
	xIsP[0] |= 0x80
	g := c.Generator().Bytes()
	uncompressed := append([]byte(nil), g...)
	uncompressed[0] &^= 0x80
	identityWithSign := bls12381Compressed(0, 0xe0)
	identityStray := bls12381Compressed(1, 0xc0)
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"identity", bls12381Compressed(0, 0xc0), ErrIdentity},
		{"identity with the sign bit", identityWithSign, ErrNonCanonical},
		{"identity with a non-zero x", identityStray, ErrNonCanonical},
		{"point outside the subgroup", offSubgroup, ErrSmallOrder},
		{"x not on the curve", offCurve, ErrNotOnCurve},
		{"x = p", xIsP, ErrNonCanonical},
		{"compression flag clear", uncompressed, ErrNonCanonical},
		{"uncompressed length", make([]byte, 96), ErrInvalidLength},
		{"short", g[:47], ErrInvalidLength},
		{"empty", nil, ErrInvalidLength},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := c.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, pt)
		})
	}
	// gnark-crypto agrees that the off-subgroup encoding is refused.
	var ref gnark.G1Affine
	_, err := ref.SetBytes(offSubgroup)
	require.Error(t, err)
}

// TestBLS12381G1AgainstGnark compares scalar multiplication, addition and
// encodings with gnark-crypto, an independent implementation.
func TestBLS12381G1AgainstGnark(t *testing.T) {
	c := BLS12381G1()
	_, _, g1, _ := gnark.Generators()
	require.Equal(t, gnarkG1Bytes(&g1), c.Generator().Bytes())
	for i := 0; i < 8; i++ {
		a := bls12381Random(t)
		b := bls12381Random(t)
		pa := c.ScalarBaseMult(a)
		pb := c.ScalarBaseMult(b)
		var ra, rb, sum gnark.G1Affine
		ra.ScalarMultiplication(&g1, a.Nat().Big())
		rb.ScalarMultiplication(&g1, b.Nat().Big())
		sum.Add(&ra, &rb)
		require.Equal(t, gnarkG1Bytes(&ra), pa.Bytes())
		require.Equal(t, gnarkG1Bytes(&sum), pa.Add(pb).Bytes())
		require.True(t, c.VarTimeMultiScalarMult([]Scalar{a, b}, []Point{c.Generator(), c.Generator()}).Equal(pa.Add(pb)))
		back, err := c.DecodePoint(gnarkG1Bytes(&ra), false)
		require.NoError(t, err)
		require.True(t, back.Equal(pa))
	}
	var inf gnark.G1Affine
	require.Equal(t, gnarkG1Bytes(&inf), c.Identity().Bytes())
}

// TestBLS12381G1HashToScalar checks the hash against hash_to_field
// computed with math/big: the 48 bytes of expand_message_xmd read
// big-endian and reduced mod r.
func TestBLS12381G1HashToScalar(t *testing.T) {
	c := BLS12381G1()
	dst := []byte("mosaic test DST")
	u := ExpandMessageXMDSHA256(dst, 48, []byte("a"), []byte("bc"))
	want := new(big.Int).Mod(new(big.Int).SetBytes(u), c.Order().Big())
	got := c.HashToScalar(dst, []byte("a"), []byte("bc"))
	require.Equal(t, want.FillBytes(make([]byte, 32)), got.Bytes())
	require.Equal(t, got.Bytes(), c.HashToScalar(dst, []byte("abc")).Bytes())
}

func gnarkG1Bytes(p *gnark.G1Affine) []byte {
	b := p.Bytes()
	return b[:]
}

func bls12381Random(t *testing.T) Scalar {
	s, err := BLS12381G1().RandomScalar(nil)
	require.NoError(t, err)
	return s
}

// TestBLS12381G1MultiScalarMult checks the variable-time Straus sum
// against the constant-time products, including zero scalars, r − 1 and
// the identity among the points.
func TestBLS12381G1MultiScalarMult(t *testing.T) {
	c := BLS12381G1()
	for n := 1; n <= 9; n += 4 {
		scalars := make([]Scalar, n)
		points := make([]Point, n)
		want := c.Identity()
		for i := range scalars {
			scalars[i] = bls12381Random(t)
			points[i] = c.ScalarBaseMult(bls12381Random(t))
			switch i {
			case 1:
				scalars[i] = c.NewScalar()
			case 2:
				scalars[i] = c.ScalarFromUint64(1).Negate()
			case 3:
				points[i] = c.Identity()
			}
			want = want.Add(points[i].ScalarMult(scalars[i]))
		}
		require.True(t, c.VarTimeMultiScalarMult(scalars, points).Equal(want), "n = %d", n)
		require.True(t, points[0].VarTimeScalarMult(scalars[0]).Equal(points[0].ScalarMult(scalars[0])))
	}
	require.True(t, c.VarTimeMultiScalarMult(nil, nil).IsIdentity())
}
