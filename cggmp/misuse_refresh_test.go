package cggmp

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// TestMisuse_PresignatureAfterRefresh: a presignature held in memory
// across a refresh of the key is refused by NewSign given the key as it is
// now (ErrPresignatureGeneration), and is not consumed by the refusal; so
// is one offered with another party's key. Given the key it was made with,
// or no key (the check is opt-in), NewSign accepts it. One presignature
// goes through every case: none of them consumes it (NewSign consumes in
// Start).
func TestMisuse_PresignatureAfterRefresh(t *testing.T) {
	keys := sharedKeys(t)
	signers := []transport.PartyID{1, 2}
	refreshed := refreshedKey(t, keys[1])
	p := presignAll(t, keys, signers, nil)[1]
	defer p.Discard()
	for _, tc := range []struct {
		name string
		key  *Key
		want error
	}{
		{"key refreshed since presigning", refreshed, ErrPresignatureGeneration},
		{"another party's key", keys[2], ErrPresignatureGeneration},
		{"zero key", &Key{}, ErrKey},
		{"the key it was made with", keys[1], nil},
		{"no key given", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := NewSign(SignConfig{Presignature: p, Digest: misuseDigest[:], SessionID: []byte("sign"), Key: tc.key})
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				require.Nil(t, m)
				require.False(t, p.Used(), "a refused presignature is not consumed")
				return
			}
			require.NoError(t, err)
			require.NotNil(t, m)
			require.False(t, p.Used(), "NewSign consumes the presignature in Start, not before")
		})
	}
}
