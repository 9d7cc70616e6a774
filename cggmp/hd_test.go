package cggmp

import (
	"crypto/sha256"
	"testing"

	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// Signing at a BIP-32 child key: the path is fixed before presigning, the
// signature verifies under the derived public key, and the presignature
// refuses any other path (Groth-Shoup).
func TestPresignDerivedPath(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	share := keys[1].Share
	require.Len(t, share.ChainCode, 32)
	path, err := hd.ParsePath("m/0/7")
	require.NoError(t, err)
	_, child, _, err := hd.DeriveTweak(share.GroupKey, share.ChainCode, path)
	require.NoError(t, err)

	signers := []transport.PartyID{1, 2}
	pres := presignAll(t, keys, signers, nil, path...)
	require.True(t, pres[1].PublicKey().Equal(child))
	digest := sha256.Sum256([]byte("pay from m/0/7"))

	other, err := hd.ParsePath("m/0/8")
	require.NoError(t, err)
	_, err = pres[1].SignShareAt(other, digest[:])
	require.ErrorIs(t, err, ErrPathMismatch)
	_, err = pres[1].SignShareAt(nil, digest[:])
	require.ErrorIs(t, err, ErrPathMismatch)
	_, err = NewSign(SignConfig{Presignature: pres[2], Digest: digest[:], SessionID: []byte("s"), Path: other})
	require.ErrorIs(t, err, ErrPathMismatch)
	require.False(t, pres[1].Used(), "a refused path does not consume the presignature")

	var partials []*PartialSignature
	for _, id := range signers {
		ps, err := pres[id].SignShareAt(path, digest[:])
		require.NoError(t, err)
		partials = append(partials, ps)
	}
	sig, err := pres[1].Combine(digest[:], partials)
	require.NoError(t, err)
	require.NoError(t, VerifyLowS(child, digest[:], sig))
	require.Error(t, Verify(share.GroupKey, digest[:], sig), "the root key must not verify a child signature")
	rec, err := RecoverPublicKey(digest[:], sig)
	require.NoError(t, err)
	require.True(t, rec.Equal(child))
}
