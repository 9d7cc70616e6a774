package frost_test

import (
	"context"
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// FROST keys keep their public key through refresh, repair and reshare,
// sign with any t (or t') of the new shares, and refuse old-new mixes.
func TestLifecycleKeepsKeyAndSigns(t *testing.T) {
	ctx := context.Background()
	msg := make([]byte, 32)
	for _, suite := range []frost.Ciphersuite{frost.Ed25519SHA512(), frost.Secp256k1TR()} {
		t.Run(suite.String(), func(t *testing.T) {
			shares, err := local.Keygen(ctx, suite.Curve(), 3, local.Parties(5))
			require.NoError(t, err)
			group := shares[1].GroupKey.Bytes()
			sign := func(set map[transport.PartyID]*dkg.KeyShare, signers ...transport.PartyID) {
				_, _, err := local.SignFROST(ctx, suite, set, signers, msg, nil)
				require.NoError(t, err, "signers %v", signers)
			}

			fresh, err := local.Refresh(ctx, shares)
			require.NoError(t, err)
			require.Equal(t, group, fresh[1].GroupKey.Bytes())
			sign(fresh, 1, 2, 3)
			sign(fresh, 3, 4, 5)
			sign(fresh, 1, 3, 5)
			// one stale share among new ones cannot sign for the key
			require.Error(t, signMixed(suite, shares[1], fresh[2], fresh[3]))

			pub := refresh.PublicOf(fresh[1])
			repaired, err := local.Repair(ctx, fresh, pub, []transport.PartyID{1, 3, 4}, 2)
			require.NoError(t, err)
			require.True(t, repaired.Secret.Equal(fresh[2].Secret))
			require.Equal(t, group, repaired.GroupKey.Bytes())
			fresh[2] = repaired
			sign(fresh, 2, 4, 5)

			reshared, err := local.Reshare(ctx, fresh, []transport.PartyID{1, 2, 3}, []transport.PartyID{3, 4, 5, 6}, 2)
			require.NoError(t, err)
			for _, s := range reshared {
				require.Equal(t, group, s.GroupKey.Bytes())
			}
			sign(reshared, 3, 6)
			sign(reshared, 4, 5)
		})
	}
}

// signMixed runs coordinator-style FROST with the given shares against the
// current key's public package and returns the aggregation error.
func signMixed(suite frost.Ciphersuite, shares ...*dkg.KeyShare) error {
	current := shares[len(shares)-1]
	_, pub, err := frost.KeysFromShare(suite, current)
	if err != nil {
		return err
	}
	var comms []*frost.SigningCommitments
	var kps []*frost.KeyPackage
	var nonces []*frost.SigningNonces
	for _, s := range shares {
		id, err := frost.IdentifierFromUint64(uint64(s.Self))
		if err != nil {
			return err
		}
		kp, err := frost.NewKeyPackage(suite, id, s.Secret, current.GroupKey, s.Threshold)
		if err != nil {
			return err
		}
		n, c, err := frost.Commit(suite, kp, rand.Reader)
		if err != nil {
			return err
		}
		kps, nonces, comms = append(kps, kp), append(nonces, n), append(comms, c)
	}
	pkg, err := frost.NewSigningPackage(suite, comms, make([]byte, 32))
	if err != nil {
		return err
	}
	sigShares := map[frost.Identifier]*frost.SignatureShare{}
	for i, kp := range kps {
		s, err := frost.Sign(suite, pkg, nonces[i], kp)
		if err != nil {
			return err
		}
		sigShares[kp.Identifier()] = s
	}
	_, err = frost.Aggregate(suite, pkg, sigShares, pub)
	return err
}
