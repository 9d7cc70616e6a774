package dkls23_test

import (
	"context"
	"crypto/sha256"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Signing with a non-hardened path signs for the child key that both
// hd.DeriveKeyShare (on a share) and hd.DeriveTweak (public derivation
// from the group key and chain code) give, and not for the root key.
func TestSignWithPath(t *testing.T) {
	ctx := context.Background()
	shares, keys := dklsKeys(t, 2, 3)
	root := shares[1].GroupKey
	require.NotEmpty(t, shares[1].ChainCode, "dkg agrees on a chain code")
	for _, tc := range []struct {
		name    string
		path    hd.Path
		signers []transport.PartyID
	}{
		{"one step", hd.Path{0}, []transport.PartyID{1, 2}},
		{"BIP-44 tail", hd.Path{0, 5}, []transport.PartyID{2, 3}},
		{"deep", hd.Path{1, 2, 3, 4, hd.HardenedOffset - 1}, []transport.PartyID{1, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			derived, _, err := hd.DeriveKeyShare(shares[1], tc.path)
			require.NoError(t, err)
			_, child, _, err := hd.DeriveTweak(root, shares[1].ChainCode, tc.path)
			require.NoError(t, err)
			require.True(t, child.Equal(derived.GroupKey), "public and share derivation disagree")
			require.False(t, child.Equal(root))

			digest := sha256.Sum256([]byte("pay from " + tc.path.String()))
			sig, err := local.SignDKLs23(ctx, keys, tc.signers, tc.path, digest[:])
			require.NoError(t, err)
			require.NoError(t, cggmp.VerifyLowS(child, digest[:], sig))
			require.Error(t, cggmp.VerifyLowS(root, digest[:], sig), "the signature verifies under the root key")
			rec, err := cggmp.RecoverPublicKey(digest[:], sig)
			require.NoError(t, err)
			require.True(t, rec.Equal(child), "the recovery id points at another key")
		})
	}
}

// Signers that disagree on the path (or sign with and without one) end
// at once with transport.ErrContextMismatch: every message carries a
// digest of the path.
func TestSignersDisagreeOnPath(t *testing.T) {
	_, keys := dklsKeys(t, 2, 3)
	signers := []transport.PartyID{1, 2, 3}
	digest := sha256.Sum256([]byte("which child?"))
	for _, tc := range []struct {
		name        string
		path, other hd.Path
	}{
		{"another index", hd.Path{0, 1}, hd.Path{0, 2}},
		{"root against child", nil, hd.Path{0}},
		{"prefix", hd.Path{7}, hd.Path{7, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
			for _, id := range signers {
				path := tc.path
				if id == 3 {
					path = tc.other
				}
				m, err := dkls23.NewSign(dkls23.SignConfig{Key: keys[id], Signers: signers,
					SessionID: []byte("path disagreement"), Digest: digest[:], Path: path})
				require.NoError(t, err)
				ms[id] = m
			}
			net := memnet.New(signers)
			defer net.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			out, errs := memnet.RunAll(ctx, net, ms)
			require.Empty(t, out, "a signer finished")
			for _, id := range signers {
				require.ErrorIs(t, errs[id], transport.ErrContextMismatch, "party %d", id)
			}
		})
	}
}
