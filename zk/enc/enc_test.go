package enc

import (
	"math/big"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestCompleteness(t *testing.T) {
	f := getFixture(t)
	require.NoError(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), f.public()))

	edge := new(big.Int).Lsh(big.NewInt(1), zk.L)
	plaintexts := []struct {
		name string
		k    *saferith.Int
	}{
		{"0", new(saferith.Int)},
		{"1", new(saferith.Int).SetUint64(1)},
		{"-1", new(saferith.Int).SetUint64(1).Neg(1)},
		{"2^ℓ", zktest.IntFromBig(edge)},
		{"-2^ℓ", zktest.IntFromBig(new(big.Int).Neg(edge))},
	}
	for _, withKey := range []bool{true, false} {
		for _, pt := range plaintexts {
			name := pt.name + "/public-key prover"
			if withKey {
				name = pt.name + "/CRT prover"
			}
			t.Run(name, func(t *testing.T) {
				ct, rho, err := f.sk.Enc(nil, pt.k)
				require.NoError(t, err)
				pub := Public{N0: f.sk.PublicKey(), K: ct.Nat(), Aux: f.aux1}
				priv := Private{Plaintext: pt.k, Nonce: rho}
				if withKey {
					priv.SecretKey = f.sk
				}
				p, err := NewProof(zktest.Transcript("s2", 2, 1), pub, priv, nil)
				require.NoError(t, err)
				b, err := p.MarshalBinary()
				require.NoError(t, err)
				q, err := DecodeProof(pub, b)
				require.NoError(t, err)
				require.NoError(t, verifyBoth(t, q, zktest.Transcript("s2", 2, 1), pub))
			})
		}
	}
}

// The owner's prover and the public-key prover draw the same masks from the
// same randomness and differ only in how the nonce r of A is drawn (the
// owner's comes from paillier's fixed-base nonce tables): S and C agree, A
// encrypts the same α under both (the challenge, hence the responses,
// differ with A), and both proofs verify. The owner's prover is
// reproducible from a fixed seed.
func TestCRTMatchesPublicKeyProver(t *testing.T) {
	f := getFixture(t)
	withKey, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.Seeded("42"))
	require.NoError(t, err)
	again, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.Seeded("42"))
	require.NoError(t, err)
	priv := f.private()
	priv.SecretKey = nil
	without, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), priv, zktest.Seeded("42"))
	require.NoError(t, err)

	a, err := withKey.MarshalBinary()
	require.NoError(t, err)
	b, err := again.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, a, b, "owner's prover not reproducible")

	for _, p := range []*Proof{withKey, without} {
		require.NoError(t, verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), f.public()))
	}
	require.Equal(t, 1, int(withKey.S.Eq(without.S)))
	require.Equal(t, 1, int(withKey.C.Eq(without.C)))
	alphas := make([]*saferith.Int, 2)
	for i, p := range []*Proof{withKey, without} {
		ct, err := paillier.NewCiphertext(f.sk.PublicKey(), p.A)
		require.NoError(t, err)
		alphas[i], err = f.sk.Dec(ct)
		require.NoError(t, err)
	}
	require.Equal(t, 1, int(alphas[0].Eq(alphas[1])))
}

// Every field of a valid proof, changed, makes Verify fail.
func TestTamperEachField(t *testing.T) {
	f := getFixture(t)
	one := new(saferith.Int).SetUint64(1)
	bumpMod := func(x *saferith.Nat, m *saferith.Modulus) *saferith.Nat {
		return new(saferith.Nat).ModAdd(x, new(saferith.Nat).SetUint64(1), m)
	}
	bumpInt := func(x *saferith.Int) *saferith.Int { return new(saferith.Int).Add(x, one, -1) }
	n0, n0Sq, nHat := f.sk.PublicKey().N(), f.sk.PublicKey().NSquared(), f.aux1.N()
	cases := []struct {
		name string
		mut  func(p *Proof)
	}{
		{"S", func(p *Proof) { p.S = bumpMod(p.S, nHat) }},
		{"A", func(p *Proof) { p.A = bumpMod(p.A, n0Sq) }},
		{"C", func(p *Proof) { p.C = bumpMod(p.C, nHat) }},
		{"z1", func(p *Proof) { p.Z1 = bumpInt(p.Z1) }},
		{"z2", func(p *Proof) { p.Z2 = bumpMod(p.Z2, n0) }},
		{"z3", func(p *Proof) { p.Z3 = bumpInt(p.Z3) }},
		{"z1 + N0", func(p *Proof) { p.Z1 = new(saferith.Int).Add(p.Z1, new(saferith.Int).SetNat(n0.Nat()), -1) }},
		{"negate z1", func(p *Proof) { p.Z1 = new(saferith.Int).SetInt(p.Z1).Neg(1) }},
		{"negate z3", func(p *Proof) { p.Z3 = new(saferith.Int).SetInt(p.Z3).Neg(1) }},
		{"swap S and C", func(p *Proof) { p.S, p.C = p.C, p.S }},
		{"z2 → N0−z2", func(p *Proof) { p.Z2 = new(saferith.Nat).ModNeg(p.Z2, n0) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := zktest.Clone(t, f.proof)
			tc.mut(p)
			err := verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), f.public())
			zktest.RequireErrorIs(t, err, zk.ErrVerify, zk.ErrOutOfRange, zk.ErrNotUnit)
		})
	}
	// A different ciphertext in the statement.
	pub := f.public()
	pub.K = bumpMod(pub.K, n0Sq)
	zktest.RequireErrorIs(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), pub), zk.ErrVerify)
}

// z1 and z3 just outside their ranges are refused with ErrOutOfRange; on the
// bound they pass the range check and fail the equations.
func TestResponseBounds(t *testing.T) {
	f := getFixture(t)
	one := big.NewInt(1)
	z1Bound := new(big.Int).Lsh(one, zk.L+zk.Epsilon)
	z3Bound := zktest.ScaledBound(zk.L+zk.Epsilon+1, f.aux1.N())
	cases := []struct {
		name  string
		set   func(p *Proof, v *saferith.Int)
		bound *big.Int
	}{
		{"z1", func(p *Proof, v *saferith.Int) { p.Z1 = v }, z1Bound},
		{"z3", func(p *Proof, v *saferith.Int) { p.Z3 = v }, z3Bound},
	}
	for _, tc := range cases {
		above := new(big.Int).Add(tc.bound, one)
		for _, v := range []struct {
			name string
			x    *big.Int
			want error
		}{
			{"bound+1", above, zk.ErrOutOfRange},
			{"-(bound+1)", new(big.Int).Neg(above), zk.ErrOutOfRange},
			{"2^20000", new(big.Int).Lsh(one, 20000), zk.ErrOutOfRange},
			{"bound", tc.bound, zk.ErrVerify},
			{"-bound", new(big.Int).Neg(tc.bound), zk.ErrVerify},
		} {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				p := zktest.Clone(t, f.proof)
				tc.set(p, zktest.IntFromBig(v.x))
				require.ErrorIs(t, verifyBoth(t, p, zktest.Transcript(testSession, testProver, testVerifier), f.public()), v.want)
			})
		}
	}
}

func TestNewProofRejectsBadWitness(t *testing.T) {
	f := getFixture(t)
	tooBig := zktest.IntFromBig(new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), zk.L), big.NewInt(1)))
	n0 := f.sk.PublicKey().NNat()
	p := f.sk.P()
	cases := []struct {
		name string
		priv Private
	}{
		{"nil", Private{}},
		{"nil nonce", Private{Plaintext: f.k}},
		{"k = 2^ℓ+1", Private{Plaintext: tooBig, Nonce: f.rho}},
		{"k = -(2^ℓ+1)", Private{Plaintext: new(saferith.Int).SetInt(tooBig).Neg(1), Nonce: f.rho}},
		{"ρ = 0", Private{Plaintext: f.k, Nonce: new(saferith.Nat)}},
		{"ρ = N0", Private{Plaintext: f.k, Nonce: n0}},
		{"ρ = p", Private{Plaintext: f.k, Nonce: p}},
		{"other party's key", Private{Plaintext: f.k, Nonce: f.rho, SecretKey: f.other}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), tc.priv, nil)
			require.ErrorIs(t, err, ErrInvalidWitness)
		})
	}
}

func TestStatementRejects(t *testing.T) {
	f := getFixture(t)
	good := f.public()
	for _, pub := range []Public{{}, {N0: good.N0, K: good.K}, {N0: good.N0, Aux: good.Aux}, {K: good.K, Aux: good.Aux}} {
		_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, f.private(), nil)
		require.ErrorIs(t, err, zk.ErrMalformed)
		require.ErrorIs(t, verifyBoth(t, f.proof, zktest.Transcript(testSession, testProver, testVerifier), pub), zk.ErrMalformed)
	}
	require.ErrorIs(t, verifyBoth(t, f.proof, nil, good), zk.ErrMalformed)
	_, err := NewProof(nil, good, f.private(), nil)
	require.ErrorIs(t, err, zk.ErrMalformed)
}

// An RNG failure aborts the proof; nothing falls back (SECURITY.md rule 8).
func TestRandomnessFailure(t *testing.T) {
	f := getFixture(t)
	_, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), f.public(), f.private(), zktest.FailingReader{})
	require.ErrorIs(t, err, bigint.ErrRandom)
}
