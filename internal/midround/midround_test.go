package midround

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

func read(t *testing.T, r io.Reader, n int) []byte {
	b := make([]byte, n)
	_, err := io.ReadFull(r, b)
	require.NoError(t, err)
	return b
}

// The same label gives the same stream in every call (and process); other
// labels give other streams, and the stream does not repeat its start.
func TestRandIsDeterministicPerLabel(t *testing.T) {
	a, b := Rand(t, "party 1"), Rand(t, "party 1")
	first := read(t, a, 64)
	require.Equal(t, first, read(t, b, 64))
	require.NotEqual(t, first, read(t, Rand(t, "party 2"), 64))
	require.NotEqual(t, first, read(t, a, 64))
	require.False(t, bytes.Equal(first, make([]byte, 64)))
}

func TestPick(t *testing.T) {
	parties := []transport.PartyID{1, 2, 5}
	honest := []Delivery{
		{Round: 1, From: 1, To: 2}, {Round: 1, From: 1, To: 5},
		{Round: 2, From: 2, To: 5, Direct: true}, {Round: 2, From: 2, To: 5},
		{Round: 3, From: 5, To: 1},
	}
	tests := []struct {
		name            string
		round, from, to uint8
		direct          bool
		want            Delivery
		ok              bool
	}{
		{"every honest delivery names itself", 2, 2, 5, true, honest[2], true},
		{"the broadcast of the same round", 2, 2, 5, false, honest[3], true},
		{"a kind the round lacks gives the other", 1, 1, 5, true, honest[1], true},
		{"round 0 is the last round", 0, 5, 1, false, honest[4], true},
		{"a round past the last wraps", 4 + 3, 5, 1, false, honest[4], true},
		{"a non-party sender is mapped onto a party", 1, 3, 2, false, honest[0], true},
		{"the sender as recipient is mapped onto another party", 1, 1, 1, false, honest[1], true},
		{"a sender silent in the round", 3, 1, 2, false, Delivery{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := pick(honest, parties, tc.round, tc.from, tc.to, tc.direct)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
		})
	}
}

// A changed echo slot may name its party; a changed length names nobody
// but the echoer.
func TestFramed(t *testing.T) {
	parties := []transport.PartyID{1, 2, 3}
	orig := Delivery{Echo: make([]byte, 3*transport.EchoSize)}
	echo := bytes.Clone(orig.Echo)
	echo[transport.EchoSize] ^= 1 // party 2's slot
	echo[len(echo)-1] ^= 1        // party 3's slot
	require.Equal(t, map[transport.PartyID]bool{2: true, 3: true}, framed(&Lie{Echo: echo}, orig, parties))
	require.Empty(t, framed(&Lie{Echo: echo[:transport.EchoSize]}, orig, parties))
	require.Empty(t, framed(&Lie{Echo: orig.Echo}, orig, parties))
}
