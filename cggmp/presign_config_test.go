package cggmp

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// TestNewPresignRefusesConfig: NewPresign and NewFullSign refuse what
// PresignSessionID refuses in the signing set, path and tweak, and a
// signing set without Self, with an error wrapping ErrConfig, never a
// panic (a tweak of another curve used to panic in the curve arithmetic).
func TestNewPresignRefusesConfig(t *testing.T) {
	t.Parallel()
	keys := sharedKeys(t)
	ed := curve.Edwards25519()
	tests := []struct {
		name    string
		signers []transport.PartyID
		path    hd.Path
		tweak   curve.Scalar
	}{
		{"tweak on another curve", []transport.PartyID{1, 2}, nil, ed.ScalarFromUint64(1)},
		{"tweak on another curve with a path", []transport.PartyID{1, 2}, hd.Path{3}, ed.ScalarFromUint64(1)},
		{"no signers", nil, nil, nil},
		{"duplicate signer", []transport.PartyID{1, 1}, nil, nil},
		{"fewer than t signers", []transport.PartyID{1}, nil, nil},
		{"signer without a share", []transport.PartyID{1, 9}, nil, nil},
		{"self not a signer", []transport.PartyID{2, 3}, nil, nil},
		{"hardened path", []transport.PartyID{1, 2}, hd.Path{hd.HardenedOffset}, nil},
		{"path too deep", []transport.PartyID{1, 2}, make(hd.Path, hd.MaxDepth+1), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := PresignConfig{Key: keys[1], Signers: tc.signers, SessionID: randomSID(t), Path: tc.path, Tweak: tc.tweak}
			require.NotPanics(t, func() {
				m, err := NewPresign(cfg)
				require.ErrorIs(t, err, ErrConfig)
				require.Nil(t, m)
			})
			require.NotPanics(t, func() {
				m, err := NewFullSign(FullSignConfig{PresignConfig: cfg, Digest: make([]byte, 32)})
				require.ErrorIs(t, err, ErrConfig)
				require.Nil(t, m)
			})
		})
	}
}
