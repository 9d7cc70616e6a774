package transport_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// The protocol of these tests: one broadcast round whose result is the
// number of peers heard from. Its name is versioned, so that a peer can
// speak another version of it.
const (
	countFamily   = "mosaic/count"
	countProtocol = countFamily + "/v2"
)

var countSession = []byte("count session")

type countRound struct{}

func (countRound) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, SkipFinalEcho: true}
}

func (countRound) Start() ([]*transport.Message, error) {
	return []*transport.Message{{Payload: []byte("here")}}, nil
}

func (countRound) Finalize(in *transport.Inbox) transport.Step[int] {
	return transport.Finish(len(in.Senders()))
}

// newCountMachine returns party self's started machine among parties 1..3.
func newCountMachine(t *testing.T, self transport.PartyID) transport.Machine[int] {
	t.Helper()
	m, err := transport.NewMachine(transport.Config{Protocol: countProtocol, SessionID: countSession,
		Self: self, Parties: []transport.PartyID{1, 2, 3}}, transport.FirstRound[int](countRound{}))
	require.NoError(t, err)
	return m
}

// countMessage is party from's round-1 broadcast, in protocol.
func countMessage(from transport.PartyID, protocol string) *transport.Message {
	return &transport.Message{Protocol: protocol, Round: 1, SessionID: countSession, From: from, Payload: []byte("here")}
}

func TestParseProtocol(t *testing.T) {
	tests := []struct {
		name    string
		family  string
		version int
		ok      bool
	}{
		{"mosaic/dkg/v2", "mosaic/dkg", 2, true},
		{"mosaic/cggmp/full-sign/v1", "mosaic/cggmp/full-sign", 1, true},
		{"a/v0", "a", 0, true},
		{"a/v10", "a", 10, true},
		{"a/v999999999", "a", 999999999, true},
		{"a/v1/v7", "a/v1", 7, true}, // the last "/v" counts
		{"a//v1", "a/", 1, true},
		{"x", "", 0, false},
		{"", "", 0, false},
		{"v1", "", 0, false},
		{"/v1", "", 0, false},
		{"a/v", "", 0, false},
		{"a/vX", "", 0, false},
		{"a/v1x", "", 0, false},
		{"a/v-1", "", 0, false},
		{"a/v+1", "", 0, false},
		{"a/v01", "", 0, false}, // not canonical: "a/v01" and "a/v1" would be one version
		{"a/v1234567890", "", 0, false},
		{"a/v1/b", "", 0, false},
		{"a/V1", "", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			family, version, ok := transport.ParseProtocol(tc.name)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.family, family)
			require.Equal(t, tc.version, version)
		})
	}
}

// A message of another version of the run's protocol is refused with a
// *VersionError naming its sender and both versions; anything else that is
// not the run's protocol stays a plain ErrWrongProtocol refusal.
func TestVersionMismatchNamesPeerAndBothVersions(t *testing.T) {
	tests := []struct {
		name     string
		protocol string
		from     transport.PartyID
		version  bool   // a *VersionError is expected
		session  []byte // the message's session id, if not the run's
	}{
		{"newer version", countFamily + "/v3", 2, true, nil},
		{"older version", countFamily + "/v1", 3, true, nil},
		{"far version", countFamily + "/v123456789", 2, true, nil},
		{"other family same version", "mosaic/other/v2", 2, false, nil},
		{"family is a prefix", countFamily + "-x/v3", 2, false, nil},
		{"unversioned name", "x", 2, false, nil},
		{"non-digit version", countFamily + "/vX", 2, false, nil},
		{"empty version", countFamily + "/v", 2, false, nil},
		{"leading zero", countFamily + "/v03", 2, false, nil},
		{"version from a non-party", countFamily + "/v3", 9, false, nil},
		{"another version in another session", countFamily + "/v3", 2, false, []byte("another run")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := newCountMachine(t, 1)
			_, err := m.Start()
			require.NoError(t, err)

			msg := countMessage(tc.from, tc.protocol)
			if tc.session != nil {
				msg.SessionID = tc.session
			}
			out, err := m.Deliver(msg)
			require.Empty(t, out)
			var me *transport.MessageError
			require.ErrorAs(t, err, &me)
			require.Equal(t, tc.from, me.From)
			require.ErrorIs(t, err, transport.ErrWrongProtocol)
			require.Nil(t, transport.Culprits(err), "the machine itself blames nobody")
			require.Equal(t, []transport.PartyID{2, 3}, m.(transport.Waiter).Waiting(), "state unchanged")

			var ve *transport.VersionError
			if !tc.version {
				require.False(t, errors.As(err, &ve), "unexpected %v", err)
				require.NotErrorIs(t, err, transport.ErrVersionMismatch)
				require.Contains(t, err.Error(), fmt.Sprintf("%q", tc.protocol))
				return
			}
			require.ErrorAs(t, err, &ve)
			require.ErrorIs(t, err, transport.ErrVersionMismatch)
			require.NotErrorIs(t, err, transport.ErrMalformed)
			require.Equal(t, transport.VersionError{Peer: tc.from, Family: countFamily, Local: countProtocol, Remote: tc.protocol}, *ve)
			require.Equal(t, fmt.Sprintf("transport: party %d speaks %s, this party speaks %s", tc.from, tc.protocol, countProtocol), ve.Error())
		})
	}
}

// scriptConn is a Conn that hands out a fixed list of messages, then a
// fixed error if any, then waits for ctx; it records what is sent.
type scriptConn struct {
	mu   sync.Mutex
	in   []*transport.Message
	err  error
	sent []*transport.Message
}

func (c *scriptConn) Send(_ context.Context, m *transport.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, m.Clone())
	return nil
}

func (c *scriptConn) Receive(ctx context.Context) (*transport.Message, error) {
	c.mu.Lock()
	if len(c.in) > 0 {
		m := c.in[0]
		c.in = c.in[1:]
		c.mu.Unlock()
		return m, nil
	}
	err := c.err
	c.mu.Unlock()
	if err != nil {
		return nil, err
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

// runCount runs party 1 over conn with a round timeout far longer than the
// test may take, requires that it ended well before that timeout, and
// returns its result, the refusals it reported and its error.
func runCount(t *testing.T, conn transport.Conn) (int, []*transport.MessageError, error) {
	t.Helper()
	const roundTimeout = time.Minute
	ctx, cancel := context.WithTimeout(context.Background(), 2*roundTimeout)
	defer cancel()
	var refused []*transport.MessageError
	start := time.Now()
	res, err := transport.Run(ctx, newCountMachine(t, 1), conn,
		transport.WithRoundTimeout(roundTimeout),
		transport.WithRefused(func(me *transport.MessageError) { refused = append(refused, me) }))
	require.Less(t, time.Since(start), roundTimeout/2, "the run waited for its round timeout")
	return res, refused, err
}

// Run ends the run on the first message of another protocol version,
// naming its sender in an *AbortError that states both versions, without
// waiting for the round timeout; a message of another protocol family is
// only refused, and the run completes.
func TestRunAbortsAtOnceOnProtocolVersionMismatch(t *testing.T) {
	t.Run("other version ends the run", func(t *testing.T) {
		conn := &scriptConn{in: []*transport.Message{
			countMessage(3, countFamily+"/v3"),
			countMessage(2, countProtocol),
		}}
		_, refused, err := runCount(t, conn)
		var ae *transport.AbortError
		require.ErrorAs(t, err, &ae)
		require.Equal(t, []transport.PartyID{3}, ae.Culprits)
		require.Equal(t, countProtocol, ae.Protocol)
		require.Equal(t, 1, ae.Round)
		var ve *transport.VersionError
		require.ErrorAs(t, err, &ve)
		require.Equal(t, transport.PartyID(3), ve.Peer)
		require.ErrorIs(t, err, transport.ErrVersionMismatch)
		require.ErrorIs(t, err, transport.ErrWrongProtocol)
		require.Contains(t, err.Error(), "party 3 speaks "+countFamily+"/v3, this party speaks "+countProtocol)
		require.Len(t, refused, 1, "the refusal is still reported")
		require.Len(t, conn.in, 1, "the run stopped at the mismatch")
	})
	t.Run("other family is only refused", func(t *testing.T) {
		conn := &scriptConn{in: []*transport.Message{
			countMessage(3, "mosaic/other/v3"),
			countMessage(2, countProtocol),
			countMessage(3, countProtocol),
		}}
		res, refused, err := runCount(t, conn)
		require.NoError(t, err)
		require.Equal(t, 2, res)
		require.Len(t, refused, 1)
		require.ErrorIs(t, refused[0], transport.ErrWrongProtocol)
		require.NotErrorIs(t, refused[0], transport.ErrVersionMismatch)
	})
}

// A Conn that reports a peer's other wire version makes Run end the run
// naming that peer; without a peer the error is returned as a receive
// error that blames nobody.
func TestRunAbortsOnConnWireVersionError(t *testing.T) {
	wire := func(peer transport.PartyID) error {
		return fmt.Errorf("conn: bad frame: %w", &transport.VersionError{Peer: peer, Family: transport.WireFamily,
			Local: transport.WireFamily + "/v1", Remote: transport.WireFamily + "/v7"})
	}
	tests := []struct {
		name     string
		err      error
		culprits []transport.PartyID
	}{
		{"peer named", wire(2), []transport.PartyID{2}},
		{"peer unknown", wire(0), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCount(t, &scriptConn{err: tc.err})
			require.ErrorIs(t, err, transport.ErrMalformed)
			require.ErrorIs(t, err, transport.ErrVersionMismatch)
			require.NotErrorIs(t, err, transport.ErrWrongProtocol)
			require.Equal(t, tc.culprits, transport.Culprits(err))
			require.Contains(t, err.Error(), "wire version 7, this party reads wire version 1")
			var ae *transport.AbortError
			require.Equal(t, tc.culprits != nil, errors.As(err, &ae))
		})
	}
}

// UnmarshalBinary refuses every other version byte with an error that
// states both wire versions and is still ErrMalformed; m is unchanged.
func TestUnmarshalBinaryStatesBothWireVersions(t *testing.T) {
	good, err := countMessage(2, countProtocol).MarshalBinary()
	require.NoError(t, err)
	for _, v := range []byte{0, transport.WireVersion + 1, 0x7f, 0xff} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			b := append([]byte(nil), good...)
			b[0] = v
			m := countMessage(3, "unchanged/v1")
			err := m.UnmarshalBinary(b)
			require.ErrorIs(t, err, transport.ErrMalformed)
			require.ErrorIs(t, err, transport.ErrVersionMismatch)
			var ve *transport.VersionError
			require.ErrorAs(t, err, &ve)
			require.Equal(t, transport.VersionError{Family: transport.WireFamily,
				Local:  fmt.Sprintf("%s/v%d", transport.WireFamily, transport.WireVersion),
				Remote: fmt.Sprintf("%s/v%d", transport.WireFamily, v)}, *ve)
			require.Equal(t, fmt.Sprintf("transport: malformed message: a peer sends wire version %d, this party reads wire version %d only",
				v, transport.WireVersion), err.Error())
			require.Equal(t, countMessage(3, "unchanged/v1"), m)
		})
	}
}
