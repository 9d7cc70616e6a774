package dkls23_test

import (
	"context"
	"crypto/sha256"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/keytest"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// decredVerify checks sig under pub with decred's ECDSA verification, an
// implementation this module's signing code does not share.
func decredVerify(tb testing.TB, pub curve.Point, digest []byte, sig *cggmp.Signature) bool {
	tb.Helper()
	pk, err := secp256k1.ParsePubKey(pub.Bytes())
	require.NoError(tb, err)
	var r, s secp256k1.ModNScalar
	require.False(tb, r.SetByteSlice(sig.R.Bytes()), "r overflows")
	require.False(tb, s.SetByteSlice(sig.S.Bytes()), "s overflows")
	return decredecdsa.NewSignature(&r, &s).Verify(digest, pk)
}

// One key generation, two protocols: the same dkg shares sign with DKLs23
// and with CGGMP21 (aux info from the Paillier fixtures), and both
// signatures verify under the one group key, with this module's checks
// and with decred's, and recover to it.
func TestOneKeyTwoProtocols(t *testing.T) {
	ctx := context.Background()
	cg := keytest.ECDSAKeys(t, 2, 3, paillier.Level112)
	shares := map[transport.PartyID]*dkg.KeyShare{}
	for id, k := range cg {
		shares[id] = k.Share
	}
	pub := shares[1].GroupKey
	dk, err := local.SetupDKLs23(ctx, shares)
	require.NoError(t, err)
	for id, k := range dk {
		require.True(t, k.GroupKey().Equal(pub), "party %d: DKLs23 key of another group key", id)
		require.True(t, cg[id].PublicKey().Equal(pub), "party %d", id)
	}

	signers := []transport.PartyID{1, 3}
	digest := sha256.Sum256([]byte("one key, two protocols"))
	pres, err := local.Presign(ctx, cg, signers, nil)
	require.NoError(t, err)
	cggmpSig, err := local.SignECDSA(ctx, pres, signers, digest[:])
	require.NoError(t, err)
	dklsSig, err := local.SignDKLs23(ctx, dk, signers, nil, digest[:])
	require.NoError(t, err)

	other := sha256.Sum256([]byte("another message"))
	for _, tc := range []struct {
		name string
		sig  *cggmp.Signature
	}{
		{"CGGMP21", cggmpSig},
		{"DKLs23", dklsSig},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, cggmp.VerifyLowS(pub, digest[:], tc.sig))
			require.True(t, decredVerify(t, pub, digest[:], tc.sig), "decred refuses the signature")
			require.False(t, decredVerify(t, pub, other[:], tc.sig), "decred accepts it for another digest")
			rec, err := cggmp.RecoverPublicKey(digest[:], tc.sig)
			require.NoError(t, err)
			require.True(t, rec.Equal(pub), "recovers another key")
		})
	}
	require.NotEqual(t, cggmpSig.Bytes(), dklsSig.Bytes(), "two runs with fresh nonces gave one signature")
}
