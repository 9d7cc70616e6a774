package curve

import (
	"math/big"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/stretchr/testify/require"
)

// TestGLVConstants re-derives every property of the endomorphism constants
// that glvSplit and the multiplications rely on.
func TestGLVConstants(t *testing.T) {
	one := big.NewInt(1)
	beta := func() *big.Int {
		b := glvBeta
		return new(big.Int).SetBytes(b.Bytes()[:])
	}()
	lambda := bigFromModN(&glvLambda)
	require.Zero(t, new(big.Int).Exp(beta, big.NewInt(3), secpP).Cmp(one), "β³ = 1 mod p")
	require.Zero(t, new(big.Int).Exp(lambda, big.NewInt(3), secpN).Cmp(one), "λ³ = 1 mod n")

	// λ·G = (β·x, y)
	var lg secp256k1.JacobianPoint
	secp256k1.ScalarBaseMultNonConst(&glvLambda, &lg)
	lg.ToAffine()
	g := toSecpPoint(Secp256k1().Generator())
	gx, gy := g.affine()
	var bx secp256k1.FieldVal
	bx.Mul2(&gx, &glvBeta).Normalize()
	require.True(t, lg.X.Equals(&bx))
	require.True(t, lg.Y.Equals(&gy))

	a1, b1abs, a2, b2 := bigFromU256(&glvA1), bigFromU256(&glvB1Abs), bigFromU256(&glvA2), bigFromU256(&glvB2)
	mod := func(v *big.Int) *big.Int { return new(big.Int).Mod(v, secpN) }
	// v1 = (a1, -b1abs), v2 = (a2, b2) are in the lattice
	require.Zero(t, mod(new(big.Int).Sub(a1, new(big.Int).Mul(b1abs, lambda))).Sign())
	require.Zero(t, mod(new(big.Int).Add(a2, new(big.Int).Mul(b2, lambda))).Sign())
	// and span it: det = a1·b2 + a2·b1abs = n
	det := new(big.Int).Add(new(big.Int).Mul(a1, b2), new(big.Int).Mul(a2, b1abs))
	require.Zero(t, det.Cmp(secpN))

	round := func(num *big.Int) *big.Int { // round(num·2^384 / n)
		v := new(big.Int).Lsh(num, 385)
		v.Add(v, secpN)
		return v.Div(v, new(big.Int).Lsh(secpN, 1))
	}
	require.Zero(t, round(b2).Cmp(bigFromU256(&glvG1)))
	require.Zero(t, round(b1abs).Cmp(bigFromU256(&glvG2)))
}

func checkSplit(t *testing.T, k *secp256k1.ModNScalar) {
	t.Helper()
	k1, k2, n1, n2 := glvSplit(k)
	bound := new(big.Int).Lsh(big.NewInt(1), 128)
	v1, v2 := bigFromU256(&k1), bigFromU256(&k2)
	require.Negative(t, v1.Cmp(bound), "|k1| < 2^128 for k = %v", k)
	require.Negative(t, v2.Cmp(bound), "|k2| < 2^128 for k = %v", k)
	if v1.Sign() == 0 {
		require.Zero(t, n1)
	}
	if v2.Sign() == 0 {
		require.Zero(t, n2)
	}
	if n1 == 1 {
		v1.Neg(v1)
	}
	if n2 == 1 {
		v2.Neg(v2)
	}
	sum := new(big.Int).Mul(v2, bigFromModN(&glvLambda))
	sum.Add(sum, v1).Mod(sum, secpN)
	require.Zero(t, sum.Cmp(bigFromModN(k)), "k1 + k2·λ = k for k = %v", k)
}

func TestGLVSplit(t *testing.T) {
	for _, k := range edgeScalars(t) {
		checkSplit(t, &k)
	}
	for i := 0; i < 2000; i++ {
		k := randomModN(t)
		checkSplit(t, &k)
	}
}

func TestSignedDigits(t *testing.T) {
	check := func(k *u256, w int, digits []int32) {
		t.Helper()
		sum := new(big.Int)
		for i := len(digits) - 1; i >= 0; i-- {
			require.LessOrEqual(t, digits[i], int32(1)<<(w-1))
			require.GreaterOrEqual(t, digits[i], -(int32(1) << (w - 1)))
			sum.Lsh(sum, uint(w)).Add(sum, big.NewInt(int64(digits[i])))
		}
		require.Zero(t, sum.Cmp(bigFromU256(k)), "w=%d", w)
	}
	all := u256{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	for _, s := range append(edgeScalars(t), randomModN(t), randomModN(t)) {
		b := s.Bytes()
		k := u256FromBE(&b)
		var d [baseWindows]int32
		signedDigits(&k, baseWidth, d[:])
		check(&k, baseWidth, d[:])
		k1, k2, _, _ := glvSplit(&s)
		var e [glvDigits]int32
		signedDigits(&k1, 5, e[:])
		check(&k1, 5, e[:])
		signedDigits(&k2, 5, e[:])
		check(&k2, 5, e[:])
		for w := 2; w <= 8; w++ {
			out := make([]int32, (256+w)/w)
			signedDigits(&k, w, out)
			check(&k, w, out)
		}
	}
	// the largest value each use must take: 2^128 - 1 for a GLV half and
	// 2^256 - 1 for any width
	maxGLV := u256{^uint64(0), ^uint64(0), 0, 0}
	var e [glvDigits]int32
	signedDigits(&maxGLV, 5, e[:])
	check(&maxGLV, 5, e[:])
	for w := 2; w <= 8; w++ {
		out := make([]int32, (256+w)/w)
		signedDigits(&all, w, out)
		check(&all, w, out)
	}
}
