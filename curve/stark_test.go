package curve

import (
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

// A math/big reference for the Stark curve, written from the curve's
// definition (affine chord-and-tangent law) and independent of the
// production code: test-only, public values.

func starkBig(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 0)
	if !ok {
		panic(s)
	}
	return v
}

var (
	// Decimal constants as printed in StarkWare's pedersen_params.json
	// (FIELD_PRIME, BETA, EC_ORDER) and EC_GEN of signature.py.
	refStarkP    = starkBig("3618502788666131213697322783095070105623107215331596699973092056135872020481")
	refStarkBeta = starkBig("3141592653589793238462643383279502884197169399375105820974944592307816406665")
	refStarkN    = starkBig("3618502788666131213697322783095070105526743751716087489154079457884512865583")
	refStarkGx   = starkBig("874739451078007766457464989774322083649278607533249481151382481072868806602")
	refStarkGy   = starkBig("152666792071518830868575557812948353041420400780739481342941381225525861407")
)

// refStarkPoint is an affine point; nil coordinates mean the identity.
type refStarkPoint struct{ x, y *big.Int }

func refStarkAdd(a, b refStarkPoint) refStarkPoint {
	p := refStarkP
	if a.x == nil {
		return b
	}
	if b.x == nil {
		return a
	}
	var l *big.Int
	if a.x.Cmp(b.x) == 0 {
		if new(big.Int).Mod(new(big.Int).Add(a.y, b.y), p).Sign() == 0 {
			return refStarkPoint{}
		}
		num := new(big.Int).Mul(a.x, a.x)
		num.Mul(num, big.NewInt(3)).Add(num, big.NewInt(1)) // 3x² + α
		den := new(big.Int).Lsh(a.y, 1)
		l = num.Mul(num, den.ModInverse(den, p))
	} else {
		num := new(big.Int).Sub(b.y, a.y)
		den := new(big.Int).Sub(b.x, a.x)
		den.Mod(den, p)
		l = num.Mul(num, den.ModInverse(den, p))
	}
	l.Mod(l, p)
	x := new(big.Int).Mul(l, l)
	x.Sub(x, a.x).Sub(x, b.x).Mod(x, p)
	y := new(big.Int).Sub(a.x, x)
	y.Mul(y, l).Sub(y, a.y).Mod(y, p)
	return refStarkPoint{x, y}
}

func refStarkMul(k *big.Int, pt refStarkPoint) refStarkPoint {
	acc := refStarkPoint{}
	for i := k.BitLen() - 1; i >= 0; i-- {
		acc = refStarkAdd(acc, acc)
		if k.Bit(i) == 1 {
			acc = refStarkAdd(acc, pt)
		}
	}
	return acc
}

func refStarkEncode(pt refStarkPoint) []byte {
	out := make([]byte, 33)
	if pt.x == nil {
		return out
	}
	out[0] = 0x02 | byte(pt.y.Bit(0))
	pt.x.FillBytes(out[1:])
	return out
}

func refStarkOnCurve(x, y *big.Int) bool {
	l := new(big.Int).Mul(y, y)
	r := new(big.Int).Mul(x, x)
	r.Mul(r, x).Add(r, x).Add(r, refStarkBeta)
	return l.Sub(l, r).Mod(l, refStarkP).Sign() == 0
}

func starkFeFromBig(v *big.Int) starkFe {
	var b [32]byte
	v.FillBytes(b[:])
	var z starkFe
	if !starkFeSetBytes(&z, b[:]) {
		panic("not below p")
	}
	return z
}

func starkFeToBig(x *starkFe) *big.Int {
	b := starkFeBytes(x)
	return new(big.Int).SetBytes(b[:])
}

// TestStarkConstants ties the byte constants to the published decimal ones
// and checks the curve's defining facts: p = 2^251 + 17·2^192 + 1, n
// prime with 2^251 < n < p, G on the curve and of order n.
func TestStarkConstants(t *testing.T) {
	p := new(big.Int).Lsh(big.NewInt(1), 251)
	p.Add(p, new(big.Int).Lsh(big.NewInt(17), 192)).Add(p, big.NewInt(1))
	require.Equal(t, 0, p.Cmp(refStarkP))
	require.True(t, refStarkP.ProbablyPrime(32))
	require.True(t, refStarkN.ProbablyPrime(32))
	require.Equal(t, 0, new(big.Int).SetBytes(starkOrderBytes).Cmp(refStarkN))
	require.Equal(t, 0, starkFeToBig(&starkBeta).Cmp(refStarkBeta))
	g := starkGen
	gx, gy, _ := g.affine()
	require.Equal(t, 0, starkFeToBig(&gx).Cmp(refStarkGx))
	require.Equal(t, 0, starkFeToBig(&gy).Cmp(refStarkGy))
	require.True(t, refStarkOnCurve(refStarkGx, refStarkGy))
	require.Nil(t, refStarkMul(refStarkN, refStarkPoint{refStarkGx, refStarkGy}).x)
	require.Equal(t, refStarkEncode(refStarkPoint{refStarkGx, refStarkGy}), Stark().Generator().Bytes())
	require.Equal(t, Stark().Order().Big().Cmp(refStarkN), 0)
}

// TestStarkFieldAgainstBig compares each field operation with math/big on
// random and edge values (0, 1, p−1).
func TestStarkFieldAgainstBig(t *testing.T) {
	p := refStarkP
	pm1 := new(big.Int).Sub(p, big.NewInt(1))
	vals := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2), pm1, new(big.Int).Sub(p, big.NewInt(2)), new(big.Int).Rsh(p, 1), new(big.Int).Lsh(big.NewInt(1), 251), new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 251), big.NewInt(1))}
	for i := 0; i < 300; i++ {
		v, err := rand.Int(rand.Reader, p)
		require.NoError(t, err)
		vals = append(vals, v)
	}
	for i, a := range vals {
		b := vals[(i*7+3)%len(vals)]
		fa, fb := starkFeFromBig(a), starkFeFromBig(b)
		var z starkFe
		starkFeAdd(&z, &fa, &fb)
		requireBigEqual(t, new(big.Int).Mod(new(big.Int).Add(a, b), p), starkFeToBig(&z), "add")
		starkFeSub(&z, &fa, &fb)
		requireBigEqual(t, new(big.Int).Mod(new(big.Int).Sub(a, b), p), starkFeToBig(&z), "sub")
		starkFeMul(&z, &fa, &fb)
		requireBigEqual(t, new(big.Int).Mod(new(big.Int).Mul(a, b), p), starkFeToBig(&z), "mul")
		starkFeNeg(&z, &fa)
		requireBigEqual(t, new(big.Int).Mod(new(big.Int).Neg(a), p), starkFeToBig(&z), "neg")
		starkFeInvert(&z, &fa)
		want := new(big.Int)
		if a.Sign() != 0 {
			want.ModInverse(a, p)
		}
		requireBigEqual(t, want, starkFeToBig(&z), "invert")
		ok := starkFeSqrtVarTime(&z, &fa)
		require.Equal(t, big.Jacobi(a, p) >= 0, ok, "square or not")
		if ok {
			r := starkFeToBig(&z)
			requireBigEqual(t, new(big.Int).Mod(a, p), r.Mul(r, r).Mod(r, p), "sqrt")
		}
	}
}

// TestStarkAgainstReference compares constant-time and variable-time
// multiplication with the affine math/big reference, for random scalars
// and for small ones (where doubling and P + P cases arise).
func TestStarkAgainstReference(t *testing.T) {
	c := Stark()
	g := refStarkPoint{refStarkGx, refStarkGy}
	p7 := refStarkMul(big.NewInt(7), g)
	P7 := c.ScalarBaseMult(c.ScalarFromUint64(7))
	require.Equal(t, refStarkEncode(p7), P7.Bytes())
	for i := 0; i < 20; i++ {
		k, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		kb := new(big.Int).SetBytes(k.Bytes())
		require.Equal(t, refStarkEncode(refStarkMul(kb, g)), c.ScalarBaseMult(k).Bytes())
		require.Equal(t, refStarkEncode(refStarkMul(kb, p7)), P7.ScalarMult(k).Bytes())
		require.Equal(t, refStarkEncode(refStarkMul(kb, p7)), P7.VarTimeScalarMult(k).Bytes())
	}
	for k := uint64(0); k < 40; k++ {
		want := refStarkEncode(refStarkMul(new(big.Int).SetUint64(k), g))
		s := c.ScalarFromUint64(k)
		require.Equal(t, want, c.ScalarBaseMult(s).Bytes(), "k=%d", k)
		require.Equal(t, want, c.Generator().VarTimeScalarMult(s).Bytes(), "k=%d", k)
	}
}

func requireBigEqual(t *testing.T, want, got *big.Int, msg string) {
	t.Helper()
	require.Equal(t, 0, want.Cmp(got), "%s: want %x, got %x", msg, want, got)
}

// TestStarkDecodePointRejects: the decoder refuses every non-canonical or
// invalid encoding (SECURITY.md rule 1) with the matching error.
func TestStarkDecodePointRejects(t *testing.T) {
	c := Stark()
	var offX []byte
	for x := int64(0); ; x++ {
		rhs := new(big.Int).Exp(big.NewInt(x), big.NewInt(3), refStarkP)
		rhs.Add(rhs, big.NewInt(x)).Add(rhs, refStarkBeta).Mod(rhs, refStarkP)
		if big.Jacobi(rhs, refStarkP) == -1 {
			offX = make([]byte, 32)
			big.NewInt(x).FillBytes(offX)
			break
		}
	}
	g := c.Generator().Bytes()
	pPlusGx := new(big.Int).Add(refStarkGx, refStarkP) // x + p < 2^256 encodes G's x non-canonically
	over := make([]byte, 32)
	pPlusGx.FillBytes(over)
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"off curve", append([]byte{0x02}, offX...), ErrNotOnCurve},
		{"x = p", append([]byte{0x02}, refStarkP.FillBytes(make([]byte, 32))...), ErrNonCanonical},
		{"x = gx + p", append([]byte{0x02}, over...), ErrNonCanonical},
		{"x all ones", append([]byte{0x03}, bytesOf(0xff, 32)...), ErrNonCanonical},
		{"prefix 04", append([]byte{0x04}, g[1:]...), ErrNonCanonical},
		{"prefix 00", append([]byte{0x00}, g[1:]...), ErrNonCanonical},
		{"uncompressed length", make([]byte, 65), ErrInvalidLength},
		{"short", g[:32], ErrInvalidLength},
		{"empty", nil, ErrInvalidLength},
		{"identity", make([]byte, 33), ErrIdentity},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := c.DecodePoint(tc.in, false)
			require.ErrorIs(t, err, tc.err)
			require.Nil(t, p)
		})
	}
	// the other prefix is the negation
	flipped := append([]byte{g[0] ^ 1}, g[1:]...)
	p, err := c.DecodePoint(flipped, false)
	require.NoError(t, err)
	require.True(t, p.Equal(c.Generator().Negate()))
}

// starknetKeyPairs are private keys and their public keys (x-coordinates)
// from StarkWare's starkex-resources,
// crypto/starkware/crypto/signature/signature_test_data.json ("meta_data"
// private keys, and the "public_key" of the order they sign). They tie
// ScalarBaseMult to Starknet's own key derivation.
var starknetKeyPairs = []struct{ priv, pubX string }{
	{"0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3cc", "0x77a3b314db07c45076d11f62b6f9e748a39790441823307743cf00d6597ea43"},
	{"0x4c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3cc", "0x3d8a9687c613b2be32b55c5c0460e012b592e2fbbb4fc281fb87b0d8c441b3e"},
	{"0x7cc2767a160d4ea112b436dc6f79024db70b26b11ed7aa2cb6d7eef19ace703", "0x59a543d42bcc9475917247fa7f136298bb385a6388c3df7309955fcb39b8dd4"},
}

func TestStarknetKeyDerivation(t *testing.T) {
	c := Stark()
	for _, kp := range starknetKeyPairs {
		k, err := c.DecodeScalar(starkBig(kp.priv).FillBytes(make([]byte, 32)))
		require.NoError(t, err)
		pub := c.ScalarBaseMult(k).Bytes()
		require.Equal(t, starkBig(kp.pubX).FillBytes(make([]byte, 32)), pub[1:], kp.priv)
	}
}

// TestStarkHashToScalar: the output is deterministic, depends on the tag
// and on the message, and equals the 48-byte expand_message_xmd output
// reduced mod n by math/big.
func TestStarkHashToScalar(t *testing.T) {
	c := Stark()
	dst := []byte("mosaic-test-stark")
	s := c.HashToScalar(dst, []byte("a"), []byte("b"))
	require.True(t, s.Equal(c.HashToScalar(dst, []byte("ab"))))
	require.False(t, s.Equal(c.HashToScalar([]byte("other"), []byte("ab"))))
	u := new(big.Int).SetBytes(ExpandMessageXMDSHA256(dst, 48, []byte("ab")))
	require.Equal(t, u.Mod(u, refStarkN).FillBytes(make([]byte, 32)), s.Bytes())
}

func TestStarkWideReduction(t *testing.T) {
	for _, n := range []int{0, 1, 30, 31, 32, 48, 62, 64, 100} {
		b := make([]byte, n)
		_, err := rand.Read(b)
		require.NoError(t, err)
		if n > 0 {
			b[0] = 0xff
		}
		want := new(big.Int).SetBytes(b)
		want.Mod(want, refStarkN)
		require.Equal(t, want.FillBytes(make([]byte, 32)), starkScalarField.wide(b).Bytes(), "len %d", n)
	}
}

// TestStarkDoubleMatchesAdd: the dedicated doubling agrees with the
// complete addition of a point to itself, the identity included.
func TestStarkDoubleMatchesAdd(t *testing.T) {
	c := Stark()
	pts := []*starkPoint{starkIdentity(), toStarkPoint(c.Generator())}
	for i := 0; i < 20; i++ {
		pts = append(pts, toStarkPoint(c.ScalarBaseMult(mustRandomStark(t))))
	}
	for _, p := range pts {
		var d, a starkPoint
		d.double(p)
		a.add(p, p)
		require.True(t, d.Equal(&a))
		require.Equal(t, a.Bytes(), d.Bytes())
	}
	require.True(t, new(starkPoint).double(starkIdentity()).IsIdentity())
}

func mustRandomStark(t *testing.T) Scalar {
	t.Helper()
	s, err := Stark().RandomScalar(rand.Reader)
	require.NoError(t, err)
	return s
}

// TestStarkBaseTableConcurrent: goroutines that race to the first use of
// the fixed-base table all get the same, correct results (run with -race).
func TestStarkBaseTableConcurrent(t *testing.T) {
	c := Stark()
	k := c.ScalarFromUint64(0xdeadbeef)
	want := refStarkEncode(refStarkMul(big.NewInt(0xdeadbeef), refStarkPoint{refStarkGx, refStarkGy}))
	got := make(chan []byte, 8)
	for i := 0; i < 8; i++ {
		go func() { got <- c.ScalarBaseMult(k).Bytes() }()
	}
	for i := 0; i < 8; i++ {
		require.Equal(t, want, <-got)
	}
}
