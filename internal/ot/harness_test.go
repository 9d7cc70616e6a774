package ot

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

// testSession is a valid session for pair (1, 2).
func testSession(id string) Session {
	return Session{ID: []byte(id), Sender: 1, Receiver: 2}
}

// runSetup runs the base OTs of sess in process, passing every message
// through its encoding and strict decoder as a transport would.
func runSetup(t testing.TB, sess Session) (*Sender, *Receiver) {
	t.Helper()
	s, req, err := NewSender(sess, rand.Reader)
	require.NoError(t, err)
	r, err := NewReceiver(sess)
	require.NoError(t, err)
	resp, err := r.Setup(roundTripRequest(t, req), rand.Reader)
	require.NoError(t, err)
	require.NoError(t, s.FinishSetup(roundTripResponse(t, resp)))
	return s, r
}

func roundTripRequest(t testing.TB, m *SetupRequest) *SetupRequest {
	t.Helper()
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	out, err := ParseSetupRequest(b)
	require.NoError(t, err)
	return out
}

func roundTripResponse(t testing.TB, m *SetupResponse) *SetupResponse {
	t.Helper()
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	out, err := ParseSetupResponse(b)
	require.NoError(t, err)
	return out
}

func roundTripExtend(t testing.TB, m *ExtendMessage) *ExtendMessage {
	t.Helper()
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	out, err := ParseExtendMessage(b)
	require.NoError(t, err)
	return out
}

// requireCorrelated checks the OT relation: the receiver holds exactly the
// sender's message of its choice, and the other message differs.
func requireCorrelated(t testing.TB, so *SenderOutput, ro *ReceiverOutput) {
	t.Helper()
	require.Len(t, so.Messages, len(ro.Messages))
	for j, got := range ro.Messages {
		c := bit(ro.Choices, j)
		require.Equal(t, so.Messages[j][c], got, "OT %d", j)
		require.NotEqual(t, so.Messages[j][1-c], got, "OT %d", j)
	}
}
