package transport_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

func TestValidateParties(t *testing.T) {
	tests := []struct {
		name string
		ids  []transport.PartyID
		want error
	}{
		{"ok", []transport.PartyID{3, 1, 2}, nil},
		{"single", []transport.PartyID{7}, nil},
		{"empty", nil, transport.ErrNoParties},
		{"zero", []transport.PartyID{1, 0}, transport.ErrZeroParty},
		{"duplicate", []transport.PartyID{1, 2, 1}, transport.ErrDuplicateParty},
		{"too many", partyIDs(transport.MaxParties + 1), transport.ErrTooManyParties},
		{"max", partyIDs(transport.MaxParties), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := append([]transport.PartyID(nil), tc.ids...)
			err := transport.ValidateParties(tc.ids)
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tc.want)
			}
			require.Equal(t, before, tc.ids, "input is not modified")
		})
	}
	require.ErrorContains(t, transport.ValidateParties([]transport.PartyID{4, 9, 4}), "4")
}

func TestSortedCopyContains(t *testing.T) {
	ids := []transport.PartyID{5, 2, 9}
	require.Equal(t, []transport.PartyID{2, 5, 9}, transport.SortedCopy(ids))
	require.Equal(t, []transport.PartyID{5, 2, 9}, ids)
	require.True(t, transport.Contains(ids, 9))
	require.False(t, transport.Contains(ids, 3))
}

func TestAbortError(t *testing.T) {
	cause := errors.New("cause")
	e := transport.NewAbortError("dkg/v1", 2, "bad share", cause, 5, 3, 5, 1)
	require.Equal(t, []transport.PartyID{1, 3, 5}, e.Culprits)
	require.Equal(t, "transport: abort in dkg/v1 round 2, culprits 1, 3, 5: bad share: cause", e.Error())
	require.ErrorIs(t, e, cause)

	wrapped := errors.Join(errors.New("context"), e)
	require.Equal(t, []transport.PartyID{1, 3, 5}, transport.Culprits(wrapped))
	require.Nil(t, transport.Culprits(cause))
	require.Nil(t, transport.Culprits(nil))
	require.Nil(t, transport.NewAbortError("p", 1, "local", nil).Culprits)
	require.Equal(t, "transport: abort", (&transport.AbortError{}).Error())

	// Culprits returns a copy.
	c := transport.Culprits(e)
	c[0] = 99
	require.Equal(t, transport.PartyID(1), e.Culprits[0])

	me := &transport.MessageError{From: 4, Round: 1, Err: transport.ErrDuplicate}
	require.ErrorIs(t, me, transport.ErrDuplicate)
	require.Equal(t, "transport: refused message from 4, round 1: transport: duplicate message", me.Error())
	require.Nil(t, transport.Culprits(me))
}

func TestMessageStringHidesPayload(t *testing.T) {
	m := sampleMessage()
	m.Payload = []byte("SECRET-SHARE")
	require.NotContains(t, m.String(), "SECRET")
	require.Contains(t, m.String(), "payload 12 bytes")
	require.NotContains(t, m.LogValue().String(), "SECRET")
	var nilMsg *transport.Message
	require.Equal(t, "<nil message>", nilMsg.String())
	require.Nil(t, nilMsg.Clone())
	b := &transport.Message{Protocol: "p", Round: 1, From: 2}
	require.Contains(t, b.String(), "2->all")
}
