package cggmp

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func TestDecodeEnvelope(t *testing.T) {
	t.Parallel()
	parties := partyIDs(4)
	v := byte(messageVersion)
	tests := []struct {
		name    string
		b       []byte
		kind    byte
		accused []transport.PartyID
		ok      bool
	}{
		{"regular", regularPayload([]byte("body")), kindRegular, nil, true},
		{"empty regular", regularPayload(nil), kindRegular, nil, true},
		{"claim", []byte{v, kindClaim, 1, 2}, kindClaim, nil, true},
		{"pending", envelopeBytes(pendingEnvelope()), kindPending, nil, true},
		{"complaint", complaintPayload([]transport.PartyID{4, 2}), kindComplaint, []transport.PartyID{2, 4}, true},
		{"empty", nil, 0, nil, false},
		{"version only", []byte{v}, 0, nil, false},
		{"next version", []byte{v + 1, kindRegular}, 0, nil, false},
		{"version 0", []byte{0, kindRegular}, 0, nil, false},
		{"unknown kind", []byte{v, 9}, 0, nil, false},
		{"pending with a body", []byte{v, kindPending, 0}, 0, nil, false},
		{"complaint without its count", []byte{v, kindComplaint}, 0, nil, false},
		{"complaint naming no one", []byte{v, kindComplaint, 0, 0}, 0, nil, false},
		{"complaint of 3 bytes", []byte{v, kindComplaint, 0, 0, 2}, 0, nil, false},
		{"complaint announcing 2 ids, holding 1", []byte{v, kindComplaint, 0, 2, 0, 0, 0, 3}, 0, nil, false},
		{"complaint against its sender", complaintPayload([]transport.PartyID{1}), 0, nil, false},
		{"complaint against a non-party", complaintPayload([]transport.PartyID{5}), 0, nil, false},
		{"complaint naming 0", complaintPayload([]transport.PartyID{0}), 0, nil, false},
		{"complaint not increasing", []byte{v, kindComplaint, 0, 2, 0, 0, 0, 3, 0, 0, 0, 2}, 0, nil, false},
		{"complaint with a duplicate", []byte{v, kindComplaint, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3}, 0, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, err := decodeEnvelope(tc.b, 1, parties)
			if !tc.ok {
				require.ErrorIs(t, err, errWire)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.kind, e.kind)
			require.Equal(t, tc.accused, e.accused)
		})
	}
}

// An envelope decodes only from its one encoding: every payload that
// decodes re-encodes to itself.
func FuzzDecodeEnvelope(f *testing.F) {
	parties := partyIDs(5)
	f.Add(regularPayload([]byte("x")))
	f.Add(complaintPayload([]transport.PartyID{2, 3}))
	f.Add(envelopeBytes(pendingEnvelope()))
	f.Add(envelopeBytes(claimEnvelope(nil)))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEnvelope(b, 1, parties)
		if err != nil {
			return
		}
		require.Equal(t, b, envelopeBytes(e))
	})
}
