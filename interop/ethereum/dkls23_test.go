package ethereum_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// dkls23Keys runs the DKLs23 setup (the pairwise oblivious-transfer
// bases) on the shares.
func dkls23Keys(ctx context.Context, t *testing.T, shares map[transport.PartyID]*dkg.KeyShare) map[transport.PartyID]*dkls23.Key {
	t.Helper()
	keys, err := local.SetupDKLs23(ctx, shares)
	require.NoError(t, err)
	return keys
}

// dkls23Signer signs with DKLs23's signing, which needs no presignature.
func dkls23Signer(keys map[transport.PartyID]*dkls23.Key) signFunc {
	return func(ctx context.Context, path hd.Path, digest []byte) (*cggmp.Signature, error) {
		return local.SignDKLs23(ctx, keys, signers, path, digest)
	}
}

// The rows of TestGoEthereumRecoversCGGMP21Signatures, signed by a 2-of-3
// DKLs23 key: go-ethereum recovers the signer from each and refuses each
// for anything else.
func TestGoEthereumRecoversDKLs23Signatures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	shares := newShares(ctx, t)
	runEthCases(ctx, t, shares[1], dkls23Signer(dkls23Keys(ctx, t, shares)))
}

// The same key shares from one key generation sign the same digests with
// CGGMP21 and with DKLs23; go-ethereum recovers the same address from both
// signatures, the key's, for the group key and for a BIP-32 child. The two
// signatures differ (each protocol draws its own nonce), so the address
// comes from two independent signatures, not one twice.
func TestGoEthereumRecoversOneAddressFromBothProtocols(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	shares := newShares(ctx, t)
	protocols := []struct {
		name string
		sign signFunc
	}{
		{"CGGMP21", cggmpSigner(cggmpKeys(ctx, t, shares))},
		{"DKLs23", dkls23Signer(dkls23Keys(ctx, t, shares))},
	}
	for _, tc := range []struct {
		name, path string
		msg        string
	}{
		{name: "group key", path: "m", msg: "mosaic: one key, two protocols"},
		{name: "child m/0/1", path: "m/0/1", msg: "mosaic: one child key, two protocols"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, err := hd.ParsePath(tc.path)
			require.NoError(t, err)
			pub := childKey(t, shares[1], path)
			want := hd.EthereumAddress(pub)
			digest := crypto.Keccak256([]byte(tc.msg))

			var sigs [][]byte
			for _, p := range protocols {
				sig, err := p.sign(ctx, path, digest)
				require.NoError(t, err, p.name)
				require.Equal(t, curve.IDSecp256k1, sig.R.Curve().ID(), p.name)
				ecPub, err := crypto.SigToPub(digest, rsv(t, sig))
				require.NoError(t, err, p.name)
				require.Equal(t, want, crypto.PubkeyToAddress(*ecPub).Hex(), "%s: go-ethereum recovers another address", p.name)
				requireGoEthereumAccepts(t, pub, digest, sig)
				sigs = append(sigs, sig.Bytes())
			}
			require.NotEqual(t, sigs[0], sigs[1], "the two protocols gave the same signature")
		})
	}
}
