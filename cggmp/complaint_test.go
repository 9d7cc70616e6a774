package cggmp

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

func TestDecodePayload(t *testing.T) {
	t.Parallel()
	parties := partyIDs(4)
	tests := []struct {
		name    string
		b       []byte
		tag     byte
		accused []transport.PartyID
		ok      bool
	}{
		{"regular", regularPayload([]byte("body")), tagRegular, nil, true},
		{"empty regular", regularPayload(nil), tagRegular, nil, true},
		{"claim", []byte{tagClaim, 1, 2}, tagClaim, nil, true},
		{"pending", pendingPayload(), tagPending, nil, true},
		{"complaint", complaintPayload([]transport.PartyID{4, 2}), tagComplaint, []transport.PartyID{2, 4}, true},
		{"empty", nil, 0, nil, false},
		{"unknown tag", []byte{9}, 0, nil, false},
		{"pending with a body", []byte{tagPending, 0}, 0, nil, false},
		{"complaint naming no one", []byte{tagComplaint}, 0, nil, false},
		{"complaint of 3 bytes", []byte{tagComplaint, 0, 0, 2}, 0, nil, false},
		{"complaint against its sender", complaintPayload([]transport.PartyID{1}), 0, nil, false},
		{"complaint against a non-party", complaintPayload([]transport.PartyID{5}), 0, nil, false},
		{"complaint naming 0", complaintPayload([]transport.PartyID{0}), 0, nil, false},
		{"complaint not increasing", []byte{tagComplaint, 0, 0, 0, 3, 0, 0, 0, 2}, 0, nil, false},
		{"complaint with a duplicate", []byte{tagComplaint, 0, 0, 0, 3, 0, 0, 0, 3}, 0, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := decodePayload(tc.b, 1, parties)
			if !tc.ok {
				require.ErrorIs(t, err, errWire)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.tag, p.tag)
			require.Equal(t, tc.accused, p.accused)
		})
	}
}

// A complaint decodes only from its one encoding, and every payload that
// decodes re-encodes to itself.
func FuzzDecodePayload(f *testing.F) {
	parties := partyIDs(5)
	f.Add(regularPayload([]byte("x")))
	f.Add(complaintPayload([]transport.PartyID{2, 3}))
	f.Add(pendingPayload())
	f.Add([]byte{tagClaim})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodePayload(b, 1, parties)
		if err != nil {
			return
		}
		var again []byte
		switch p.tag {
		case tagComplaint:
			again = complaintPayload(p.accused)
		case tagPending:
			again = pendingPayload()
		default:
			again = append([]byte{p.tag}, p.body...)
		}
		require.Equal(t, b, again)
	})
}
