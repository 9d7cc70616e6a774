package bls

import (
	"context"
	"errors"
	"testing"

	circl "github.com/cloudflare/circl/ecc/bls12381"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
)

// TestThresholdSignVerifiesUnderGnark: a 3-of-5 DKG on BLS12-381 G1, each
// signer set of three signs, Combine verifies, and gnark-crypto accepts
// the group signature under the group key in both suites; the threshold
// proof of possession verifies under both libraries too.
func TestThresholdSignVerifiesUnderGnark(t *testing.T) {
	ids, shares := thresholdKey(t, 3, 5)
	key := shares[ids[0]]
	require.NoError(t, key.Validate())
	msg := []byte("attest slot 1234")
	for _, suite := range []Suite{POP(), Basic()} {
		for _, signers := range [][]transport.PartyID{ids[:3], ids[2:], {ids[4], ids[0], ids[2]}} {
			ps := partials(t, suite, shares, signers, msg)
			for _, p := range ps {
				require.NoError(t, suite.PartialVerify(key, msg, p))
			}
			sig, err := suite.Combine(key, msg, ps)
			require.NoError(t, err)
			require.NoError(t, suite.Verify(key.GroupKey, msg, sig))
			require.True(t, gnarkVerify(t, key.GroupKey.Bytes(), sig.Bytes(), msg, suite.DST()), suite.Name())
			require.False(t, gnarkVerify(t, key.GroupKey.Bytes(), sig.Bytes(), []byte("other"), suite.DST()))
		}
	}
	// More than t partials: the result is the same signature.
	all, err := POP().Combine(key, msg, partials(t, POP(), shares, ids, msg))
	require.NoError(t, err)
	three, err := POP().Combine(key, msg, partials(t, POP(), shares, ids[1:4], msg))
	require.NoError(t, err)
	require.True(t, all.Equal(three))

	var pops []*PartialSignature
	for _, id := range ids[1:4] {
		p, err := POP().ThresholdPopProve(shares[id])
		require.NoError(t, err)
		pops = append(pops, p)
	}
	proof, err := POP().CombinePop(key, pops)
	require.NoError(t, err)
	require.NoError(t, POP().PopVerify(key.GroupKey, proof))
	require.True(t, gnarkVerify(t, key.GroupKey.Bytes(), proof.Bytes(), key.GroupKey.Bytes(), DSTProof))
}

// TestAdversary40_InvalidPartialNamed: SECURITY.md case 40. Two of five
// signers send partial signatures that are valid G2 points but wrong (a
// partial on another message, and a correct partial scaled by two); the
// combiner's result fails, it checks every partial, and CombineError
// names exactly the two culprits. Without them, the honest partials
// combine into a valid signature.
func TestAdversary40_InvalidPartialNamed(t *testing.T) {
	ids, shares := thresholdKey(t, 3, 5)
	key := shares[ids[0]]
	msg := []byte("withdraw 32 ETH")
	ps := partials(t, POP(), shares, ids, msg)
	other, err := POP().PartialSign(shares[ids[1]], []byte("something else"))
	require.NoError(t, err)
	ps[1] = other
	doubled, err := Aggregate(ps[3].Sig, ps[3].Sig)
	require.NoError(t, err)
	ps[3] = &PartialSignature{Signer: ids[3], Sig: doubled}

	_, err = POP().Combine(key, msg, ps)
	require.ErrorIs(t, err, ErrInvalidPartial)
	var ce *CombineError
	require.True(t, errors.As(err, &ce))
	require.Equal(t, []transport.PartyID{ids[1], ids[3]}, ce.Culprits)
	for _, i := range []int{1, 3} {
		require.ErrorIs(t, POP().PartialVerify(key, msg, ps[i]), ErrInvalidPartial)
	}

	honest := []*PartialSignature{ps[0], ps[2], ps[4]}
	sig, err := POP().Combine(key, msg, honest)
	require.NoError(t, err)
	require.True(t, gnarkVerify(t, key.GroupKey.Bytes(), sig.Bytes(), msg, DSTPOP))

	// A partial claiming a signer outside the key is named as well.
	stranger := &PartialSignature{Signer: 99, Sig: ps[0].Sig}
	_, err = POP().Combine(key, msg, []*PartialSignature{ps[0], stranger, ps[2]})
	require.True(t, errors.As(err, &ce))
	require.Equal(t, []transport.PartyID{99}, ce.Culprits)
}

func TestCombineRefusesBadInput(t *testing.T) {
	ids, shares := thresholdKey(t, 2, 3)
	key := shares[ids[0]]
	msg := []byte("m")
	ps := partials(t, POP(), shares, ids, msg)
	cases := []struct {
		name     string
		partials []*PartialSignature
		err      error
	}{
		{"too few", ps[:1], ErrNotEnoughPartials},
		{"none", nil, ErrNotEnoughPartials},
		{"duplicate signer", []*PartialSignature{ps[0], ps[0]}, ErrInput},
		{"nil partial", []*PartialSignature{ps[0], nil}, ErrInput},
		{"nil point", []*PartialSignature{ps[0], {Signer: ids[1]}}, ErrInput},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := POP().Combine(key, msg, tc.partials)
			require.ErrorIs(t, err, tc.err)
		})
	}
	_, err := POP().Combine(nil, msg, ps)
	require.ErrorIs(t, err, ErrInput)
	_, err = Suite{}.Combine(key, msg, ps)
	require.ErrorIs(t, err, ErrInput)
	_, err = Suite{}.PartialSign(shares[ids[0]], msg)
	require.ErrorIs(t, err, ErrInput)
	_, err = POP().PartialSign(&dkg.KeyShare{}, msg)
	require.ErrorIs(t, err, ErrInput)
	_, err = Basic().ThresholdPopProve(shares[ids[0]])
	require.ErrorIs(t, err, ErrNotSupported)
}

// TestRefreshKeepsGroupKey: package refresh on the BLS12-381 curve (run
// through package local) gives new shares of the same group key; the new
// shares sign, the old share's partial no longer verifies against the new
// verification shares, and gnark accepts the result.
func TestRefreshKeepsGroupKey(t *testing.T) {
	ids, shares := thresholdKey(t, 2, 3)
	fresh, err := local.Refresh(context.Background(), shares)
	require.NoError(t, err)
	for _, id := range ids {
		require.True(t, fresh[id].GroupKey.Equal(shares[id].GroupKey))
		require.False(t, fresh[id].Secret.Equal(shares[id].Secret))
		require.NoError(t, fresh[id].Validate())
	}
	msg := []byte("after refresh")
	key := fresh[ids[0]]
	sig, err := POP().Combine(key, msg, partials(t, POP(), fresh, ids[1:], msg))
	require.NoError(t, err)
	require.True(t, gnarkVerify(t, key.GroupKey.Bytes(), sig.Bytes(), msg, DSTPOP))

	stale, err := POP().PartialSign(shares[ids[1]], msg)
	require.NoError(t, err)
	require.ErrorIs(t, POP().PartialVerify(key, msg, stale), ErrInvalidPartial)
}

func TestPartialSignatureEncoding(t *testing.T) {
	ids, shares := thresholdKey(t, 2, 3)
	p, err := POP().PartialSign(shares[ids[2]], []byte("m"))
	require.NoError(t, err)
	b, err := p.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, b, PartialSignatureSize)
	back, err := DecodePartialSignature(b)
	require.NoError(t, err)
	require.Equal(t, p.Signer, back.Signer)
	require.True(t, p.Sig.Equal(back.Sig))
	_, err = DecodePartialSignature(b[:len(b)-1])
	require.ErrorIs(t, err, ErrInvalidPoint)
	_, err = (*PartialSignature)(nil).MarshalBinary()
	require.ErrorIs(t, err, ErrInput)
}

// TestReshareKeepsGroupKey: resharing a 2-of-3 key to a 3-of-4 committee
// (package refresh through local) keeps the group key; the new committee
// signs under it.
func TestReshareKeepsGroupKey(t *testing.T) {
	ids, shares := thresholdKey(t, 2, 3)
	newIDs := []transport.PartyID{2, 3, 4, 5}
	fresh, err := local.Reshare(context.Background(), shares, ids[:2], newIDs, 3)
	require.NoError(t, err)
	key := fresh[newIDs[0]]
	require.True(t, key.GroupKey.Equal(shares[ids[0]].GroupKey))
	msg := []byte("after reshare")
	sig, err := POP().Combine(key, msg, partials(t, POP(), fresh, newIDs[1:], msg))
	require.NoError(t, err)
	require.True(t, gnarkVerify(t, key.GroupKey.Bytes(), sig.Bytes(), msg, DSTPOP))
}

// TestRepairKeepsGroupKey: a lost share of a 2-of-3 key is rebuilt by two
// helpers (package refresh through local) equal to the lost one, and it
// signs with a helper under the unchanged group key.
func TestRepairKeepsGroupKey(t *testing.T) {
	ids, shares := thresholdKey(t, 2, 3)
	pub := refresh.PublicOf(shares[ids[0]])
	lost := ids[2]
	helpers := map[transport.PartyID]*dkg.KeyShare{ids[0]: shares[ids[0]], ids[1]: shares[ids[1]]}
	rebuilt, err := local.Repair(context.Background(), helpers, pub, ids[:2], lost)
	require.NoError(t, err)
	require.True(t, rebuilt.Secret.Equal(shares[lost].Secret))
	require.True(t, rebuilt.GroupKey.Equal(shares[lost].GroupKey))
	withRebuilt := map[transport.PartyID]*dkg.KeyShare{ids[0]: shares[ids[0]], lost: rebuilt}
	msg := []byte("after repair")
	sig, err := POP().Combine(rebuilt, msg, partials(t, POP(), withRebuilt, []transport.PartyID{ids[0], lost}, msg))
	require.NoError(t, err)
	require.True(t, gnarkVerify(t, rebuilt.GroupKey.Bytes(), sig.Bytes(), msg, DSTPOP))
}

// TestMultiScalarMultG2 checks the variable-time Straus sum in G2 against
// circl's constant-time products.
func TestMultiScalarMultG2(t *testing.T) {
	c := curve.BLS12381G1()
	var scalars []curve.Scalar
	var points []*circl.G2
	want := new(circl.G2)
	want.SetIdentity()
	for i := 0; i < 5; i++ {
		s, err := c.RandomScalar(nil)
		require.NoError(t, err)
		if i == 2 {
			s = c.NewScalar()
		}
		p := HashToG2([]byte{byte(i)}, []byte(DSTPOP))
		scalars = append(scalars, s)
		points = append(points, &p.p)
		var term circl.G2
		term.ScalarMult(circlScalar(s), &p.p)
		want.Add(want, &term)
	}
	require.True(t, varTimeMultiScalarMultG2(scalars, points).IsEqual(want))
}
