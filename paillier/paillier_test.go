package paillier_test

import (
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func intFrom(v int64) *saferith.Int {
	x := new(saferith.Int).SetUint64(uint64(abs(v)))
	return x.Neg(saferith.Choice(b2u(v < 0)))
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// halfN returns (N−1)/2, the largest plaintext magnitude.
func halfN(pk *paillier.PublicKey) *saferith.Nat {
	return new(saferith.Nat).Rsh(pk.NNat(), 1, pk.BitLen())
}

func TestEncDecRoundTrip(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	pk := sk.PublicKey()
	h := halfN(pk)
	rnd, err := bigint.SampleIntBits(rand.Reader, 1500)
	require.NoError(t, err)
	tests := []struct {
		name string
		m    *saferith.Int
	}{
		{"zero", intFrom(0)},
		{"one", intFrom(1)},
		{"minus one", intFrom(-1)},
		{"max", new(saferith.Int).SetNat(h)},
		{"min", new(saferith.Int).SetNat(h).Neg(1)},
		{"random", rnd},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ct, rho, err := pk.Enc(rand.Reader, tc.m)
			require.NoError(t, err)
			m, err := sk.Dec(ct)
			require.NoError(t, err)
			require.Equal(t, 1, int(m.Eq(tc.m)), "got %v want %v", m, tc.m)

			m2, rho2, err := sk.DecWithNonce(ct)
			require.NoError(t, err)
			require.Equal(t, 1, int(m2.Eq(tc.m)))
			require.Equal(t, 1, int(rho2.Eq(rho)))

			rho3, err := sk.Nonce(ct)
			require.NoError(t, err)
			require.Equal(t, 1, int(rho3.Eq(rho)))

			// The owner's CRT encryption gives the same ciphertext.
			require.True(t, sk.EncWithNonce(tc.m, rho).Equal(ct))
			require.True(t, pk.EncWithNonce(tc.m, rho).Equal(ct))

			// Encoding round trip.
			back, err := pk.DecodeCiphertext(ct.Bytes())
			require.NoError(t, err)
			require.True(t, back.Equal(ct))
		})
	}
}

func TestSecretKeyEnc(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 1)
	ct, rho, err := sk.Enc(rand.Reader, intFrom(-42))
	require.NoError(t, err)
	m, r, err := sk.DecWithNonce(ct)
	require.NoError(t, err)
	require.Equal(t, 1, int(m.Eq(intFrom(-42))))
	require.Equal(t, 1, int(r.Eq(rho)))
}

func TestEncRange(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	pk := sk.PublicKey()
	over := new(saferith.Nat).Add(halfN(pk), new(saferith.Nat).SetUint64(1), pk.BitLen())
	for _, m := range []*saferith.Int{
		new(saferith.Int).SetNat(over),
		new(saferith.Int).SetNat(over).Neg(1),
		new(saferith.Int).SetNat(pk.NNat()),
		nil,
	} {
		_, _, err := pk.Enc(rand.Reader, m)
		require.ErrorIs(t, err, paillier.ErrPlaintextRange)
		_, _, err = sk.Enc(rand.Reader, m)
		require.ErrorIs(t, err, paillier.ErrPlaintextRange)
	}
}

func TestEncWithNonceReducesModN(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 2)
	pk := sk.PublicKey()
	rho, err := bigint.SampleUnit(rand.Reader, pk.N())
	require.NoError(t, err)
	// m + N encrypts like m: (1+N)^N = 1 mod N².
	m := intFrom(7)
	mPlusN := new(saferith.Int).Add(m, new(saferith.Int).SetNat(pk.NNat()), -1)
	require.True(t, pk.EncWithNonce(m, rho).Equal(pk.EncWithNonce(mPlusN, rho)))
	require.True(t, sk.EncWithNonce(mPlusN, rho).Equal(pk.EncWithNonce(m, rho)))
}

func TestHomomorphism(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 3)
	pk := sk.PublicKey()
	tests := []struct{ a, b, k int64 }{
		{5, 7, 3},
		{-5, 7, -3},
		{1 << 40, -(1 << 41), 0},
		{0, 0, 1},
	}
	for _, tc := range tests {
		ca, _, err := pk.Enc(rand.Reader, intFrom(tc.a))
		require.NoError(t, err)
		cb, _, err := pk.Enc(rand.Reader, intFrom(tc.b))
		require.NoError(t, err)
		check := func(ct *paillier.Ciphertext, want int64) {
			t.Helper()
			m, err := sk.Dec(ct)
			require.NoError(t, err)
			require.Equal(t, 1, int(m.Eq(intFrom(want))), "got %v want %d", m, want)
		}
		check(pk.Add(ca, cb), tc.a+tc.b)
		check(pk.Sub(ca, cb), tc.a-tc.b)
		check(pk.MulScalar(ca, intFrom(tc.k)), tc.a*tc.k)
		check(pk.AddPlain(ca, intFrom(tc.k)), tc.a+tc.k)
	}
}

func TestMulScalarWraps(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 4)
	pk := sk.PublicKey()
	// (−1)·(N−1)/2 stays centred; 2·(N−1)/2 = N−1 ≡ −1.
	h := new(saferith.Int).SetNat(halfN(pk))
	ct, _, err := pk.Enc(rand.Reader, h)
	require.NoError(t, err)
	m, err := sk.Dec(pk.MulScalar(ct, intFrom(2)))
	require.NoError(t, err)
	require.Equal(t, 1, int(m.Eq(intFrom(-1))))
}

func TestNewCiphertextRejects(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	pk := sk.PublicKey()
	n2 := pk.NSquared().Nat()
	size := pk.NSquared().BitLen() + 1
	one := new(saferith.Nat).SetUint64(1)
	tests := []struct {
		name string
		c    *saferith.Nat
	}{
		{"nil", nil},
		{"zero", new(saferith.Nat).SetUint64(0)},
		{"N squared", n2},
		{"N squared plus one", new(saferith.Nat).Add(n2, one, size)},
		{"N", pk.NNat()},
		{"multiple of p", new(saferith.Nat).Mul(sk.P(), new(saferith.Nat).SetUint64(3), size)},
		{"q", sk.Q()},
		{"huge", new(saferith.Nat).Lsh(one, 100000, -1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := paillier.NewCiphertext(pk, tc.c)
			require.ErrorIs(t, err, paillier.ErrInvalidCiphertext)
		})
	}
	ct, err := paillier.NewCiphertext(pk, one)
	require.NoError(t, err)
	m, err := sk.Dec(ct)
	require.NoError(t, err)
	require.Equal(t, 1, int(m.Eq(intFrom(0))))

	for _, l := range []int{0, pk.CiphertextSize() - 1, pk.CiphertextSize() + 1} {
		_, err := pk.DecodeCiphertext(make([]byte, l))
		require.ErrorIs(t, err, paillier.ErrEncoding)
	}
	_, err = pk.DecodeCiphertext(make([]byte, pk.CiphertextSize()))
	require.ErrorIs(t, err, paillier.ErrInvalidCiphertext)
}

func TestDecRejectsForeignCiphertext(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 0)
	// A ciphertext valid for the 3072-bit key is not below this N².
	big := testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[0]
	ct, _, err := big.PublicKey().Enc(rand.Reader, intFrom(1))
	require.NoError(t, err)
	if _, _, lt := ct.Nat().CmpMod(sk.PublicKey().NSquared()); lt != 1 {
		_, err = sk.Dec(ct)
		require.ErrorIs(t, err, paillier.ErrInvalidCiphertext)
	}
	_, err = sk.Dec(nil)
	require.ErrorIs(t, err, paillier.ErrInvalidCiphertext)
}

func TestExpAndRoots(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 5)
	pk := sk.PublicKey()
	x, err := bigint.SampleUnit(rand.Reader, pk.N())
	require.NoError(t, err)
	for _, bits := range []int{1, 256, 2048, 3000} {
		e, err := bigint.SampleIntBits(rand.Reader, bits)
		require.NoError(t, err)
		require.Equal(t, 1, int(sk.ExpN(x, e).Eq(pk.NOdd().ExpInt(x, e))), "ExpN %d", bits)
		require.Equal(t, 1, int(sk.ExpN2(x, e).Eq(pk.NSquaredOdd().ExpInt(x, e))), "ExpN2 %d", bits)
	}
	y := sk.NthRoot(x)
	require.Equal(t, 1, int(pk.NOdd().Exp(y, pk.NNat()).Eq(x)))
}

func TestSecretKeyAccessors(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 6)
	pk := sk.PublicKey()
	size := pk.BitLen()
	n := new(saferith.Nat).Mul(sk.P(), sk.Q(), size)
	require.Equal(t, 1, int(n.Eq(pk.NNat())))
	one := new(saferith.Nat).SetUint64(1)
	pm1 := new(saferith.Nat).Sub(sk.P(), one, size/2)
	qm1 := new(saferith.Nat).Sub(sk.Q(), one, size/2)
	require.Equal(t, 1, int(new(saferith.Nat).Mul(pm1, qm1, size).Eq(sk.Phi())))
	require.Equal(t, paillier.ModulusBits2048, pk.BitLen())
	require.Equal(t, paillier.ModulusBits2048, pk.N().BitLen())
	require.GreaterOrEqual(t, pk.NSquared().BitLen(), 2*paillier.ModulusBits2048-1)
	require.Equal(t, 2*paillier.ModulusBits2048/8, pk.CiphertextSize())
	require.True(t, sk.Equal(sk))
	require.False(t, sk.Equal(testfixtures.PaillierKey(t, 7)))
}

func TestAffineWithNonce(t *testing.T) {
	sk := testfixtures.PaillierKey(t, 1)
	pk := sk.PublicKey()
	k, err := bigint.SampleIntBits(rand.Reader, 256)
	require.NoError(t, err)
	ct, _, err := pk.Enc(rand.Reader, k)
	require.NoError(t, err)
	rho, err := bigint.SampleUnit(rand.Reader, pk.N())
	require.NoError(t, err)
	alpha, err := bigint.SampleIntBits(rand.Reader, 768)
	require.NoError(t, err)
	beta, err := bigint.SampleIntBits(rand.Reader, 1792)
	require.NoError(t, err)
	tests := []struct {
		name string
		x, m *saferith.Int
	}{
		{"MtA shape", intFrom(123456789), intFrom(-987654321)},
		{"Πaff-g shape", alpha, beta},
		{"negative x", alpha.Clone().Neg(1), beta},
		{"zero x and m", intFrom(0), intFrom(0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := pk.Add(pk.MulScalar(ct, tc.x), pk.EncWithNonce(tc.m, rho))
			got := pk.AffineWithNonce(ct, tc.x, tc.m, rho)
			require.True(t, got.Equal(want))
			// Its plaintext is x·k + m and its nonce ρ·ρ_ct^x.
			dec, err := sk.Dec(got)
			require.NoError(t, err)
			xk := new(saferith.Int).Mul(tc.x, k, -1)
			require.Equal(t, 1, int(dec.Eq(new(saferith.Int).Add(xk, tc.m, -1))))
		})
	}
}
