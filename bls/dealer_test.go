package bls

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
)

// TestImportedValidatorKey: an existing validator key (the first private
// key of Ethereum's BLS tests) imported with refresh/dealer into a 3-of-5
// sharing signs as before. BLS signatures are deterministic, so the
// threshold signature equals the published single-key signature byte for
// byte; dealer.Export gives the key back (emergency export).
func TestImportedValidatorKey(t *testing.T) {
	c := curve.BLS12381G1()
	v := ethSignVectors[4]
	sk, err := c.DecodeScalar(mustDecodeHex(t, v.sk))
	require.NoError(t, err)
	ids := []transport.PartyID{1, 2, 3, 4, 5}
	list, err := dealer.Import(c, sk, 3, ids, nil)
	require.NoError(t, err)
	shares := make(map[transport.PartyID]*dkg.KeyShare, len(list))
	for _, s := range list {
		shares[s.Self] = s
	}
	key := shares[1]
	require.Equal(t, ethPubkey0, hex.EncodeToString(key.GroupKey.Bytes()))
	msg := mustDecodeHex(t, v.msg)
	sig, err := POP().Combine(key, msg, partials(t, POP(), shares, []transport.PartyID{5, 2, 4}, msg))
	require.NoError(t, err)
	require.Equal(t, v.sig, hex.EncodeToString(sig.Bytes()))

	back, err := dealer.Export([]*dkg.KeyShare{shares[1], shares[3], shares[5]})
	require.NoError(t, err)
	require.True(t, back.Equal(sk))
}
