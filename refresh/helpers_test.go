package refresh

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/vss"
)

var curves = []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}

type shares = map[transport.PartyID]*dkg.KeyShare

func partyIDs(n int) []transport.PartyID {
	out := make([]transport.PartyID, n)
	for i := range out {
		out[i] = transport.PartyID(i + 1)
	}
	return out
}

func pids(ids ...uint32) []transport.PartyID {
	out := make([]transport.PartyID, len(ids))
	for i, id := range ids {
		out[i] = transport.PartyID(id)
	}
	return out
}

func newNonce(t testing.TB) []byte {
	n := make([]byte, NonceSize)
	_, err := rand.Read(n)
	require.NoError(t, err)
	return n
}

// dealtKeys makes a t-of-n key with the trusted dealer (fast, for tests).
func dealtKeys(t testing.TB, c curve.Curve, th int, parties []transport.PartyID) shares {
	t.Helper()
	sk, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	list, err := dealer.Import(c, sk, th, parties, rand.Reader)
	require.NoError(t, err)
	out := shares{}
	for _, ks := range list {
		out[ks.Self] = ks
	}
	return out
}

// dkgKeys makes a t-of-n key with the distributed key generation.
func dkgKeys(t testing.TB, c curve.Curve, th int, parties []transport.PartyID) shares {
	t.Helper()
	sid, err := dkg.SessionID(dkg.Protocol, c, parties, th, newNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range parties {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: th, Parties: parties, Self: id, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	out, errs := run(t, parties, ms, nil)
	require.Empty(t, errs)
	return out
}

// roundTimeout is run's round timeout.
const roundTimeout = 20 * time.Second

// run runs machines over a fresh memnet network; intercept, if not nil,
// plays party 3 (see adversary_test.go). Once every party without an
// interceptor (the honest ones) has returned and one of them failed, the
// network is closed: party 3, left waiting for messages that will never
// come, returns at once instead of after its round timeout (its outcome is
// not what the tests check). No test here waits for a timeout, so the round
// timeout is only a safety net, long enough for a slow honest round under
// -race on a loaded machine (one second was not).
func run(t testing.TB, parties []transport.PartyID, ms map[transport.PartyID]transport.Machine[*dkg.KeyShare], intercept map[transport.PartyID]memnet.InterceptFunc) (shares, map[transport.PartyID]error) {
	t.Helper()
	net := memnet.New(parties)
	defer net.Close()
	for id, f := range intercept {
		net.Intercept(id, f)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	evil := make([]transport.PartyID, 0, len(intercept))
	for id := range intercept {
		evil = append(evil, id)
	}
	out, errs := memnet.RunAgainst(ctx, net, ms, evil, transport.WithRoundTimeout(roundTimeout))
	// RunAgainst closes the network once the honest parties are done; a
	// malicious party still waiting then fails with ErrClosed, or not,
	// depending on timing. That says nothing about the run.
	for _, id := range evil {
		if errors.Is(errs[id], memnet.ErrClosed) {
			delete(errs, id)
		}
	}
	return out, errs
}

// lockstep delivers msgs, and everything they cause, until none is left,
// without a network or goroutines (benchmarks and examples).
func lockstep[Out any](ms map[transport.PartyID]transport.Machine[Out], msgs []*transport.Message) error {
	for len(msgs) > 0 {
		m := msgs[0]
		msgs = msgs[1:]
		for id, mach := range ms {
			if id == m.From || (m.To != 0 && m.To != id) {
				continue
			}
			out, err := mach.Deliver(m.Clone())
			if err != nil {
				return fmt.Errorf("party %d: %w", id, err)
			}
			msgs = append(msgs, out...)
		}
	}
	return nil
}

// startAll starts every machine and returns the first messages.
func startAll[Out any](ms map[transport.PartyID]transport.Machine[Out]) ([]*transport.Message, error) {
	var msgs []*transport.Message
	for _, m := range ms {
		out, err := m.Start()
		if err != nil {
			return nil, err
		}
		msgs = append(msgs, out...)
	}
	return msgs, nil
}

// reconstruct interpolates the secret from the given shares.
func reconstruct(t testing.TB, list ...*dkg.KeyShare) curve.Scalar {
	t.Helper()
	c := list[0].Curve
	pts := make([]vss.Share, len(list))
	for i, ks := range list {
		pts[i] = vss.Share{ID: idScalar(c, ks.Self), Value: ks.Secret}
	}
	s, err := vss.Reconstruct(c, pts)
	require.NoError(t, err)
	return s
}

// pick returns the shares of ids.
func pick(from shares, ids []transport.PartyID) []*dkg.KeyShare {
	out := make([]*dkg.KeyShare, len(ids))
	for i, id := range ids {
		out[i] = from[id]
	}
	return out
}

// subsets returns every k-element subset of ids.
func subsets(ids []transport.PartyID, k int) [][]transport.PartyID {
	if k == 0 {
		return [][]transport.PartyID{nil}
	}
	if len(ids) < k {
		return nil
	}
	var out [][]transport.PartyID
	for _, rest := range subsets(ids[1:], k-1) {
		out = append(out, append([]transport.PartyID{ids[0]}, rest...))
	}
	return append(out, subsets(ids[1:], k)...)
}

// snapshot encodes every share, to check later that none was modified.
func snapshot(t testing.TB, s shares) map[transport.PartyID][]byte {
	t.Helper()
	out := map[transport.PartyID][]byte{}
	for id, ks := range s {
		b, err := ks.MarshalBinary()
		require.NoError(t, err)
		out[id] = b
	}
	return out
}

func requireUnchanged(t testing.TB, s shares, before map[transport.PartyID][]byte) {
	t.Helper()
	require.Equal(t, before, snapshot(t, s), "a key share was modified")
}

// requireSameKey checks that every share in out is valid, that all agree
// on the public data, that the group key is want, and that every subset of
// t shares reconstructs the secret of want.
func requireSameKey(t *testing.T, out shares, want curve.Point, th int) {
	t.Helper()
	var first *dkg.KeyShare
	var ids []transport.PartyID
	for _, ks := range out {
		require.NoError(t, ks.Validate())
		if first == nil {
			first = ks
		}
		require.True(t, PublicOf(ks).Equal(PublicOf(first)), "public data of party %d", ks.Self)
	}
	for _, id := range first.Parties {
		if _, ok := out[id]; ok {
			ids = append(ids, id)
		}
	}
	require.Equal(t, th, first.Threshold)
	require.Equal(t, want.Bytes(), first.GroupKey.Bytes(), "group key changed")
	c := first.Curve
	for _, set := range subsets(ids, th) {
		s := reconstruct(t, pick(out, set)...)
		require.True(t, c.ScalarBaseMult(s).Equal(want), "shares %v", set)
	}
}
