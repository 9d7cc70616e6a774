package bls

import (
	"encoding/hex"
	"encoding/json"
	"strings"
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
	// The first key signs 32 zero bytes; the verify case gives its public
	// key.
	var v struct{ Privkey, Message string }
	signCase := ethReadCase(t, "sign", "sign_case_c82df61aa3ee60fb")
	require.NoError(t, json.Unmarshal(signCase.Input, &v))
	want, ok := ethHexOrNull(t, signCase.Output)
	require.True(t, ok)
	var pub struct{ Pubkey string }
	require.NoError(t, json.Unmarshal(ethReadCase(t, "verify", "verify_valid_case_e8a50c445c855360").Input, &pub))
	sk, err := c.DecodeScalar(ethHex(t, v.Privkey))
	require.NoError(t, err)
	ids := []transport.PartyID{1, 2, 3, 4, 5}
	list, err := dealer.Import(c, sk, 3, ids, nil)
	require.NoError(t, err)
	shares := make(map[transport.PartyID]*dkg.KeyShare, len(list))
	for _, s := range list {
		shares[s.Self] = s
	}
	key := shares[1]
	require.Equal(t, strings.TrimPrefix(pub.Pubkey, "0x"), hex.EncodeToString(key.GroupKey.Bytes()))
	msg := ethHex(t, v.Message)
	sig, err := POP().Combine(key, msg, partials(t, POP(), shares, []transport.PartyID{5, 2, 4}, msg))
	require.NoError(t, err)
	require.Equal(t, want, hex.EncodeToString(sig.Bytes()))

	back, err := dealer.Export([]*dkg.KeyShare{shares[1], shares[3], shares[5]})
	require.NoError(t, err)
	require.True(t, back.Equal(sk))
}
