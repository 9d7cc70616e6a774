package bls

import (
	"context"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// gnarkVerify checks a signature with gnark-crypto, an implementation of
// BLS12-381 independent of circl, which this package uses: it decodes
// the key and the signature with gnark's strict decoders, hashes msg to G2
// with gnark's RFC 9380 code, and checks e(pk, H(m))·e(−G1, σ) = 1.
func gnarkVerify(t *testing.T, pk, sig, msg []byte, dst string) bool {
	t.Helper()
	var p gnark.G1Affine
	if _, err := p.SetBytes(pk); err != nil {
		return false
	}
	var s gnark.G2Affine
	if _, err := s.SetBytes(sig); err != nil {
		return false
	}
	h, err := gnark.HashToG2(msg, []byte(dst))
	require.NoError(t, err)
	_, _, g1, _ := gnark.Generators()
	var negG1 gnark.G1Affine
	negG1.Neg(&g1)
	ok, err := gnark.PairingCheck([]gnark.G1Affine{p, negG1}, []gnark.G2Affine{h, s})
	require.NoError(t, err)
	return ok
}

// thresholdKey runs a t-of-n DKG on BLS12-381 G1 (package dkg, all
// parties in this process through package local).
func thresholdKey(t testing.TB, threshold, n int) ([]transport.PartyID, map[transport.PartyID]*dkg.KeyShare) {
	t.Helper()
	ids := local.Parties(n)
	shares, err := local.Keygen(context.Background(), curve.BLS12381G1(), threshold, ids)
	require.NoError(t, err)
	return ids, shares
}

// partials returns the partial signatures of signers on msg.
func partials(t testing.TB, s Suite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg []byte) []*PartialSignature {
	t.Helper()
	out := make([]*PartialSignature, len(signers))
	for i, id := range signers {
		p, err := s.PartialSign(shares[id], msg)
		require.NoError(t, err)
		out[i] = p
	}
	return out
}

func randomKey(t testing.TB) (curve.Scalar, curve.Point) {
	t.Helper()
	sk, err := curve.BLS12381G1().RandomScalar(nil)
	require.NoError(t, err)
	pk, err := SkToPk(sk)
	require.NoError(t, err)
	return sk, pk
}

// dealtKey deals a t-of-n key with vss.Split and builds each party's
// KeyShare by hand, for benchmarks whose n makes a DKG slow to set up.
func dealtKey(t testing.TB, threshold, n int) (*dkg.KeyShare, map[transport.PartyID]*dkg.KeyShare) {
	t.Helper()
	c := curve.BLS12381G1()
	ids := local.Parties(n)
	xs := make([]curve.Scalar, n)
	for i, id := range ids {
		x, err := vss.IDScalar(c, uint32(id))
		require.NoError(t, err)
		xs[i] = x
	}
	secret, err := c.RandomScalar(nil)
	require.NoError(t, err)
	split, cm, err := vss.Split(c, secret, threshold, xs, nil)
	require.NoError(t, err)
	public := make(map[transport.PartyID]curve.Point, n)
	for i, id := range ids {
		public[id] = c.ScalarBaseMult(split[i].Value)
	}
	shares := make(map[transport.PartyID]*dkg.KeyShare, n)
	for i, id := range ids {
		shares[id] = &dkg.KeyShare{Curve: c, Threshold: threshold, Parties: ids, Self: id,
			Secret: split[i].Value, GroupKey: cm.Constant(), PublicShares: public}
	}
	return shares[ids[0]], shares
}
