package cggmp

import (
	"context"
	"crypto/rand"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// fixtureAuxSecret returns an AuxSecret from the test-only Paillier
// fixtures (fresh ring-Pedersen parameters every call).
func fixtureAuxSecret(t testing.TB, i int) *AuxSecret {
	sec, err := NewAuxSecret(testfixtures.PaillierKey(t, i), rand.Reader)
	require.NoError(t, err)
	return sec
}

func auxMachines(t testing.TB, ids []transport.PartyID, secrets map[transport.PartyID]*AuxSecret) map[transport.PartyID]transport.Machine[*AuxInfo] {
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*AuxInfo]{}
	for _, id := range ids {
		m, err := NewAux(AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id]})
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

func runAux(t testing.TB, ids []transport.PartyID) map[transport.PartyID]*AuxInfo {
	secrets := map[transport.PartyID]*AuxSecret{}
	for i, id := range ids {
		secrets[id] = fixtureAuxSecret(t, i)
	}
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, auxMachines(t, ids, secrets), transport.WithRoundTimeout(time.Minute))
	require.Empty(t, errs)
	return out
}

func TestAux(t *testing.T) {
	t.Parallel()
	ids := partyIDs(3)
	out := runAux(t, ids)
	require.Len(t, out, 3)
	for _, id := range ids {
		require.NoError(t, out[id].validate())
		for _, j := range ids {
			require.True(t, out[id].Paillier[j].Equal(out[1].Paillier[j]))
			require.True(t, out[id].Pedersen[j].Equal(out[1].Pedersen[j]))
		}
	}
}
