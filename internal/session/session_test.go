package session

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

func id(t *testing.T, protocol string, parties []transport.PartyID, nonce []byte) []byte {
	t.Helper()
	tr, err := Start(protocol, nonce)
	require.NoError(t, err)
	require.NoError(t, AppendParties(tr, "party", parties))
	sid := Finish(tr, nonce)
	require.Len(t, sid, IDSize)
	return sid
}

// TestIDBindsFamilyNotVersion: two versions of one protocol derive one id
// (so the first message of the other version reaches the run and is named
// there); another family, party set or nonce derives another.
func TestIDBindsFamilyNotVersion(t *testing.T) {
	nonce := bytes.Repeat([]byte{7}, MinNonce)
	parties := []transport.PartyID{1, 2, 3}
	base := id(t, "mosaic/dkg/v2", parties, nonce)
	tests := []struct {
		name     string
		protocol string
		parties  []transport.PartyID
		nonce    []byte
		same     bool
	}{
		{"same inputs", "mosaic/dkg/v2", parties, nonce, true},
		{"parties in another order", "mosaic/dkg/v2", []transport.PartyID{3, 1, 2}, nonce, true},
		{"another version of the protocol", "mosaic/dkg/v3", parties, nonce, true},
		{"another family", "mosaic/refresh/v2", parties, nonce, false},
		{"the family written without a version", "mosaic/dkg", parties, nonce, true},
		{"an unversioned name is its own family", "mosaic/dkg/vX", parties, nonce, false},
		{"another party set", "mosaic/dkg/v2", []transport.PartyID{1, 2, 4}, nonce, false},
		{"another nonce", "mosaic/dkg/v2", parties, bytes.Repeat([]byte{8}, MinNonce), false},
		{"a longer nonce", "mosaic/dkg/v2", parties, bytes.Repeat([]byte{7}, MinNonce+1), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := id(t, tc.protocol, tc.parties, tc.nonce)
			require.Equal(t, tc.same, bytes.Equal(base, got))
		})
	}
}

// TestStartRefuses: a short nonce and an invalid party list are errors.
func TestStartRefuses(t *testing.T) {
	for _, n := range []int{0, 1, MinNonce - 1} {
		_, err := Start("mosaic/dkg/v2", make([]byte, n))
		require.ErrorIs(t, err, ErrShortNonce, "nonce of %d bytes", n)
	}
	tr, err := Start("mosaic/dkg/v2", make([]byte, MinNonce))
	require.NoError(t, err)
	for _, ids := range [][]transport.PartyID{nil, {1, 1}, {0, 1}} {
		require.Error(t, AppendParties(tr, "party", ids), "%v", ids)
	}
}
