package dkg

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/vss"
	"github.com/stretchr/testify/require"
)

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

func machines(t testing.TB, c curve.Curve, th int, ids []transport.PartyID) map[transport.PartyID]transport.Machine[*KeyShare] {
	nonce := make([]byte, NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := SessionID(Protocol, c, ids, th, nonce)
	require.NoError(t, err)
	ms := make(map[transport.PartyID]transport.Machine[*KeyShare], len(ids))
	for _, id := range ids {
		m, err := New(Config{Curve: c, Threshold: th, Parties: ids, Self: id, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

func run(t testing.TB, net *memnet.Network, ms map[transport.PartyID]transport.Machine[*KeyShare]) (map[transport.PartyID]*KeyShare, map[transport.PartyID]error) {
	return runWithTimeout(t, net, ms, 10*time.Second)
}

func runWithTimeout(t testing.TB, net *memnet.Network, ms map[transport.PartyID]transport.Machine[*KeyShare], round time.Duration) (map[transport.PartyID]*KeyShare, map[transport.PartyID]error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	return memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(round))
}

// checkShares asserts that all parties agree on the public data and that any
// t shares reconstruct the secret behind the group key.
func checkShares(t *testing.T, c curve.Curve, th int, out map[transport.PartyID]*KeyShare) {
	var first *KeyShare
	for _, ks := range out {
		require.NoError(t, ks.Validate())
		if first == nil {
			first = ks
			continue
		}
		require.True(t, ks.GroupKey.Equal(first.GroupKey))
		for id, p := range first.PublicShares {
			require.True(t, ks.PublicShares[id].Equal(p))
		}
	}
	var shares []vss.Share
	for _, id := range first.Parties[:th] {
		idS, err := vss.IDScalar(c, uint32(id))
		require.NoError(t, err)
		shares = append(shares, vss.Share{ID: idS, Value: out[id].Secret})
	}
	secret, err := vss.Reconstruct(c, shares)
	require.NoError(t, err)
	require.True(t, c.ScalarBaseMult(secret).Equal(first.GroupKey))
}

func TestDKG(t *testing.T) {
	dkgSizes(t, []struct{ t, n int }{{1, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 5}, {7, 10}})
}

// dkgSizes runs and checks a t-of-n key generation for each size on both
// curves; n = 32 is in TestSlowDKG (build tag slow).
func dkgSizes(t *testing.T, cases []struct{ t, n int }) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		for _, tc := range cases {
			t.Run(fmt.Sprintf("%s/%d-of-%d", c.Name(), tc.t, tc.n), func(t *testing.T) {
				ids := partyIDs(tc.n)
				net := memnet.New(ids)
				defer net.Close()
				out, errs := run(t, net, machines(t, c, tc.t, ids))
				require.Empty(t, errs)
				require.Len(t, out, tc.n)
				checkShares(t, c, tc.t, out)
			})
		}
	}
}

func TestKeyShareRoundTrip(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		ids := partyIDs(3)
		net := memnet.New(ids)
		out, errs := run(t, net, machines(t, c, 2, ids))
		net.Close()
		require.Empty(t, errs)
		ks := out[2]
		b, err := ks.MarshalBinary()
		require.NoError(t, err)
		var back KeyShare
		require.NoError(t, back.UnmarshalBinary(b))
		b2, err := back.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, b2)
		require.True(t, back.Secret.Equal(ks.Secret))

		// every truncation and every single flipped byte is refused or,
		// for a flipped byte that still decodes, yields a different share
		for i := 0; i < len(b); i++ {
			require.Error(t, new(KeyShare).UnmarshalBinary(b[:i]), "truncated at %d", i)
			mod := append([]byte{}, b...)
			mod[i] ^= 0x01
			var got KeyShare
			if err := got.UnmarshalBinary(mod); err == nil {
				// Only a change that keeps the share consistent can pass
				// (t = n leaves t unverifiable from public data, and nothing
				// else fixes the chain code: sealed backups add integrity);
				// it must not read as the original.
				again, err := got.MarshalBinary()
				require.NoError(t, err)
				require.NotEqual(t, b, again, "flipped byte %d", i)
				if bytes.Equal(ks.ChainCode, got.ChainCode) {
					require.NotEqual(t, ks.Threshold, got.Threshold, "flipped byte %d decoded", i)
				}
			}
		}
	}
}

func FuzzKeyShareUnmarshal(f *testing.F) {
	ids := partyIDs(2)
	net := memnet.New(ids)
	out, _ := run(f, net, machines(f, curve.Secp256k1(), 2, ids))
	net.Close()
	b, err := out[1].MarshalBinary()
	require.NoError(f, err)
	f.Add(b)
	// Format version 2: the same share with a record of identity keys.
	withIDs := out[1].Clone()
	_, withIDs.Identities = agreementtest.IdentityKeys(withIDs.Parties)
	b, err = withIDs.MarshalBinary()
	require.NoError(f, err)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var ks KeyShare
		if err := ks.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := ks.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, again)
		require.Equal(t, data[0] == keyShareV2, ks.Identities != nil, "version %d", data[0])
	})
}

func TestConfigRejects(t *testing.T) {
	c := curve.Secp256k1()
	sid := []byte("sid")
	cases := map[string]Config{
		"t=0":         {Curve: c, Threshold: 0, Parties: partyIDs(3), Self: 1, SessionID: sid},
		"t>n":         {Curve: c, Threshold: 4, Parties: partyIDs(3), Self: 1, SessionID: sid},
		"self absent": {Curve: c, Threshold: 2, Parties: partyIDs(3), Self: 9, SessionID: sid},
		"zero id":     {Curve: c, Threshold: 2, Parties: []transport.PartyID{0, 1, 2}, Self: 1, SessionID: sid},
		"duplicate":   {Curve: c, Threshold: 2, Parties: []transport.PartyID{1, 1, 2}, Self: 1, SessionID: sid},
		"no session":  {Curve: c, Threshold: 2, Parties: partyIDs(3), Self: 1},
		"no curve":    {Threshold: 2, Parties: partyIDs(3), Self: 1, SessionID: sid},
	}
	for name, cfg := range cases {
		_, err := New(cfg)
		require.ErrorIs(t, err, ErrConfig, name)
	}
	_, err := SessionID(Protocol, c, partyIDs(3), 2, make([]byte, 4))
	require.ErrorIs(t, err, ErrConfig)
}

func contextWithTimeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 20*time.Second)
}

// Once a party has its key share, the shares f_ℓ(i) it received are
// zeroized and the shares f_i(ℓ) it kept for reveals are gone, as refresh
// does with its own; the key share itself is untouched. The received
// scalars are caught when each party sends its round-3 broadcast, right
// after it accepted them, from the party's own goroutine.
func TestSecretsWipedAtEnd(t *testing.T) {
	cases := []struct {
		c    curve.Curve
		t, n int
	}{
		{curve.Secp256k1(), 2, 3},
		{curve.Edwards25519(), 3, 4},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/%d-of-%d", tc.c.Name(), tc.t, tc.n), func(t *testing.T) {
			ids := partyIDs(tc.n)
			sid := make([]byte, 32)
			_, err := rand.Read(sid)
			require.NoError(t, err)
			ms := map[transport.PartyID]transport.Machine[*KeyShare]{}
			states := map[transport.PartyID]*state{}
			for _, id := range ids {
				m, st, err := newMachine(Config{Curve: tc.c, Threshold: tc.t, Parties: ids, Self: id, SessionID: sid})
				require.NoError(t, err)
				ms[id], states[id] = m, st
			}
			net := memnet.New(ids)
			defer net.Close()
			received := make([][]curve.Scalar, tc.n) // by party, each written by that party only
			for _, id := range ids {
				st := states[id]
				net.Intercept(id, func(_ transport.PartyID, m *transport.Message) []*transport.Message {
					if m.Round == 3 && received[id-1] == nil {
						for _, s := range st.shareFrom {
							received[id-1] = append(received[id-1], s)
						}
					}
					return []*transport.Message{m}
				})
			}
			out, errs := run(t, net, ms)
			require.Empty(t, errs)
			checkShares(t, tc.c, tc.t, out)
			for _, id := range ids {
				require.Len(t, received[id-1], tc.n, "party %d", id)
				for _, s := range received[id-1] {
					require.True(t, s.IsZero(), "party %d kept a received share", id)
				}
				require.Nil(t, states[id].shareFrom, "party %d", id)
				require.Nil(t, states[id].shareTo, "party %d", id)
				require.False(t, out[id].Secret.IsZero(), "party %d's key share", id)
			}
		})
	}
}
