package curve

import (
	"crypto/rand"
	"math/big"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

// Reference values and helpers shared by the secp256k1 tests. The reference
// for every fast path is decred's variable-time arithmetic, which this
// package does not reimplement.

var (
	secpN = secp256k1.Params().N
	secpP = secp256k1.Params().P
)

// modNFromBig reduces v mod n into a ModNScalar.
func modNFromBig(v *big.Int) secp256k1.ModNScalar {
	r := new(big.Int).Mod(v, secpN)
	var b [32]byte
	r.FillBytes(b[:])
	var s secp256k1.ModNScalar
	s.SetBytes(&b)
	return s
}

func bigFromModN(s *secp256k1.ModNScalar) *big.Int {
	b := s.Bytes()
	return new(big.Int).SetBytes(b[:])
}

func bigFromU256(k *u256) *big.Int {
	r := new(big.Int)
	for i := 3; i >= 0; i-- {
		r.Lsh(r, 64).Or(r, new(big.Int).SetUint64(k[i]))
	}
	return r
}

// edgeScalars are the scalars most likely to expose carry, rounding and
// window bugs: the ends of the range, halves of n, powers of two around the
// GLV bound, λ and its neighbours, and bit patterns of all ones.
func edgeScalars(t testing.TB) []secp256k1.ModNScalar {
	t.Helper()
	one := big.NewInt(1)
	half := new(big.Int).Rsh(secpN, 1)
	lambda := bigFromModN(&glvLambda)
	vals := []*big.Int{
		big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(3), big.NewInt(15),
		big.NewInt(16), big.NewInt(17), big.NewInt(31), big.NewInt(32), big.NewInt(33),
		new(big.Int).Sub(secpN, one), new(big.Int).Sub(secpN, big.NewInt(2)),
		new(big.Int).Sub(secpN, big.NewInt(16)), new(big.Int).Sub(secpN, big.NewInt(17)),
		half, new(big.Int).Add(half, one), new(big.Int).Sub(half, one),
		lambda, new(big.Int).Add(lambda, one), new(big.Int).Sub(secpN, lambda),
		new(big.Int).Mul(lambda, lambda),
		new(big.Int).Lsh(one, 127), new(big.Int).Lsh(one, 128), new(big.Int).Lsh(one, 129),
		new(big.Int).Sub(new(big.Int).Lsh(one, 128), one),
		new(big.Int).Sub(new(big.Int).Lsh(one, 255), one), new(big.Int).Lsh(one, 255),
		new(big.Int).Sub(new(big.Int).Lsh(one, 256), one), // reduces to 2^256 - 1 - n
		new(big.Int).Lsh(big.NewInt(0x5555), 240),
		bigFromU256(&glvA1), bigFromU256(&glvA2), bigFromU256(&glvB1Abs),
	}
	out := make([]secp256k1.ModNScalar, 0, len(vals))
	for _, v := range vals {
		out = append(out, modNFromBig(v))
	}
	return out
}

func randomModN(t testing.TB) secp256k1.ModNScalar {
	t.Helper()
	s, err := Secp256k1().RandomScalar(rand.Reader)
	require.NoError(t, err)
	return toSecpScalar(s).s
}

// refMult is k·P with decred's variable-time multiplication.
func refMult(k *secp256k1.ModNScalar, p *secpPoint) *secpPoint {
	var j, r secp256k1.JacobianPoint
	p.toJacobian(&j)
	secp256k1.ScalarMultNonConst(k, &j, &r)
	return fromJacobian(&r)
}

// refBaseMult is k·G with decred's variable-time multiplication.
func refBaseMult(k *secp256k1.ModNScalar) *secpPoint {
	var r secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(k, &r)
	return fromJacobian(&r)
}

// testPoints are inputs for the multiplication tests: the identity, G, -G,
// 2G, a point with Z = 1 from decoding and points with unrelated Z from
// projective arithmetic.
func testPoints(t testing.TB) []*secpPoint {
	t.Helper()
	c := Secp256k1()
	g := toSecpPoint(c.Generator())
	k := randomModN(t)
	r := secpBaseMult(&k)
	dec, err := c.DecodePoint(r.Bytes(), false)
	require.NoError(t, err)
	return []*secpPoint{
		secpIdentity(), g, toSecpPoint(g.Negate()), toSecpPoint(g.Add(g)),
		r, toSecpPoint(dec), toSecpPoint(r.Add(g)),
	}
}

func requireSamePoint(t testing.TB, want, got Point, msgAndArgs ...any) {
	t.Helper()
	require.Equal(t, want.Bytes(), got.Bytes(), msgAndArgs...)
	require.True(t, want.Equal(got), msgAndArgs...)
}
