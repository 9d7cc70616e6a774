package tlsnet

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
	"github.com/mosaic-mpc/mosaic/transport"
)

// requireWireVersionError checks that err reports party peer's frame in
// wire version WireVersion+1 the way Session.Receive does.
func requireWireVersionError(t *testing.T, err error, peer transport.PartyID) {
	t.Helper()
	require.ErrorIs(t, err, ErrBadFrame)
	require.ErrorIs(t, err, transport.ErrMalformed)
	require.ErrorIs(t, err, transport.ErrVersionMismatch)
	var ve *transport.VersionError
	require.ErrorAs(t, err, &ve)
	require.Equal(t, peer, ve.Peer)
	require.Equal(t, transport.WireFamily, ve.Family)
	require.Contains(t, err.Error(), fmt.Sprintf("party %d sends wire version %d, this party reads wire version %d only",
		peer, transport.WireVersion+1, transport.WireVersion))
}

// An authenticated peer whose frames are in another wire version gets its
// connection closed, as for any bad frame, and the runs it is a party of
// end at once with an *AbortError naming it and both wire versions, rather
// than timing out on its silence. Sessions opened later report it too,
// until the peer connects again or a readable frame from it arrives;
// sessions without the peer are not affected.
func TestWireVersionMismatchNamesPeerAndBothVersions(t *testing.T) {
	noLeak(t)
	c := newCluster(t, 3, nil)
	// Play party 1 towards party 2, with party 1's own certificate.
	c.nodes[1].Close()
	pair := []transport.PartyID{1, 2}

	// Party 2 starts a real run with party 1 and waits far longer than the
	// test may take.
	nonce := make([]byte, dkg.NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), pair, 2, nonce)
	require.NoError(t, err)
	m, err := dkg.New(dkg.Config{Curve: curve.Secp256k1(), Threshold: 2, Parties: pair, Self: 2, SessionID: sid})
	require.NoError(t, err)
	s2, err := c.nodes[2].Open(sid, pair)
	require.NoError(t, err)
	defer s2.Close()
	const roundTimeout = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 2*roundTimeout)
	defer cancel()
	runErr := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := transport.Run(ctx, m, s2, transport.WithRoundTimeout(roundTimeout))
		runErr <- err
	}()

	// Party 1 speaks the next wire version.
	conn := rawClient(t, c.addrs[2], c.certs[1].TLS)
	frame, err := encodeFrame(&transport.Message{Protocol: dkg.Protocol, Round: 1, SessionID: sid, From: 1, Payload: []byte("from the future")})
	require.NoError(t, err)
	frame[frameHeader] = transport.WireVersion + 1
	_, err = conn.Write(frame)
	require.NoError(t, err)

	var got error
	select {
	case got = <-runErr:
	case <-time.After(roundTimeout / 2):
		t.Fatal("the run did not end on the other wire version")
	}
	require.Less(t, time.Since(start), roundTimeout/2)
	var ae *transport.AbortError
	require.ErrorAs(t, got, &ae)
	require.Equal(t, []transport.PartyID{1}, ae.Culprits)
	require.Equal(t, dkg.Protocol, ae.Protocol)
	requireWireVersionError(t, got, 1)

	// The bad frame closed only that connection, reported as usual.
	requireClosedByPeer(t, conn)
	e := c.waitConnError(t, 2, transport.ErrVersionMismatch)
	require.Equal(t, transport.PartyID(1), e.Peer)
	require.ErrorIs(t, e, ErrBadFrame)

	receive := func(s *Session, wait time.Duration) error {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		_, err := s.Receive(ctx)
		return err
	}
	open := func(id string, parties []transport.PartyID) *Session {
		s, err := c.nodes[2].Open([]byte(id), parties)
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	// A session with party 1 opened after the frame reports it at once; one
	// without party 1 does not.
	requireWireVersionError(t, receive(open("later", pair), 5*time.Second), 1)
	require.ErrorIs(t, receive(open("without 1", []transport.PartyID{2, 3}), 50*time.Millisecond), context.DeadlineExceeded)

	// Party 1 comes back speaking this version. Its new connection alone
	// clears the record: a session opened now does not report the frame of
	// its former build.
	conn = rawClient(t, c.addrs[2], c.certs[1].TLS)
	require.Eventually(t, func() bool { return c.nodes[2].Connected(1) }, 5*time.Second, 5*time.Millisecond)
	require.ErrorIs(t, receive(open("after reconnect", pair), 50*time.Millisecond), context.DeadlineExceeded)
	// And its first readable frame is delivered.
	good, err := encodeFrame(&transport.Message{Protocol: "test/v1", Round: 1, SessionID: []byte("fixed"), From: 1})
	require.NoError(t, err)
	_, err = conn.Write(good)
	require.NoError(t, err)
	fixed := open("fixed", pair)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	for {
		// Until the good frame is routed, Receive may still report the
		// old frame.
		msg, err := fixed.Receive(ctx2)
		if err == nil {
			require.Equal(t, transport.PartyID(1), msg.From)
			break
		}
		require.True(t, errors.Is(err, transport.ErrVersionMismatch), "%v", err)
		time.Sleep(5 * time.Millisecond)
	}
	require.ErrorIs(t, receive(open("after the fix", pair), 50*time.Millisecond), context.DeadlineExceeded)
}
