package dkg

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/midround"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// FuzzDKGMidRound runs 2-of-3 key generation on both curves and changes
// one message of one round, from any party to any other: the commitments
// and proofs of round 1, the shares of round 2, the complaints and
// chain-code reveals of round 3, the echo-only round 4 and, when a changed
// share starts the complaint phase, its reveals (SECURITY.md rules 6 and
// 9; internal/midround lists the checks). A party that finishes holds a
// valid share of the key the other honest parties hold.
func FuzzDKGMidRound(f *testing.F) {
	curves := []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}
	const th = 2
	ids := partyIDs(3)
	midround.Fuzz(f, midround.Protocol[*KeyShare]{
		Variants: len(curves),
		New: func(tb testing.TB, v int) map[transport.PartyID]transport.Machine[*KeyShare] {
			c := curves[v]
			sid, err := SessionID(Protocol, c, ids, th, bytes.Repeat([]byte{0xd5}, NonceSize))
			require.NoError(tb, err)
			ms := map[transport.PartyID]transport.Machine[*KeyShare]{}
			for _, id := range ids {
				rnd := midround.Rand(tb, fmt.Sprintf("dkg %s party %d", c.Name(), id))
				m, err := New(Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid, Rand: rnd})
				require.NoError(tb, err)
				ms[id] = m
			}
			return ms
		},
		Check: func(tb testing.TB, v int, outs map[transport.PartyID]*KeyShare, liar transport.PartyID) {
			c := curves[v]
			var first *KeyShare
			var shares []vss.Share
			for _, id := range ids {
				ks, ok := outs[id]
				if !ok || id == liar {
					continue
				}
				require.NoError(tb, ks.Validate(), "party %d", id)
				require.True(tb, c.ScalarBaseMult(ks.Secret).Equal(ks.PublicShares[id]), "party %d: share and public share differ", id)
				if first == nil {
					first = ks
				}
				require.True(tb, ks.GroupKey.Equal(first.GroupKey), "parties %d and %d: group keys differ", first.Self, id)
				for j, p := range first.PublicShares {
					require.True(tb, ks.PublicShares[j].Equal(p), "parties %d and %d: public shares of %d differ", first.Self, id, j)
				}
				require.Equal(tb, first.ChainCode, ks.ChainCode, "parties %d and %d: chain codes differ", first.Self, id)
				idS, err := vss.IDScalar(c, uint32(id))
				require.NoError(tb, err)
				shares = append(shares, vss.Share{ID: idS, Value: ks.Secret})
			}
			if len(shares) < th {
				return
			}
			secret, err := vss.Reconstruct(c, shares[:th])
			require.NoError(tb, err)
			require.True(tb, c.ScalarBaseMult(secret).Equal(first.GroupKey), "the honest shares do not reconstruct the group key")
		},
	})
}
