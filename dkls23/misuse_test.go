package dkls23_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Every configuration NewSign cannot run is refused with its sentinel
// before a machine exists, and none panics.
func TestNewSignMisuse(t *testing.T) {
	shares, keys := dklsKeys(t, 2, 3)
	noChain := map[transport.PartyID]*dkg.KeyShare{}
	for id, s := range shares {
		c := s.Clone()
		c.ChainCode = nil
		noChain[id] = c
	}
	noChainKeys := setupKeys(t, noChain)
	digest := sha256.Sum256([]byte("misuse"))
	good := func() dkls23.SignConfig {
		return dkls23.SignConfig{Key: keys[1], Signers: []transport.PartyID{1, 2}, SessionID: []byte("misuse session"), Digest: digest[:]}
	}
	// The good configuration runs: the cases below fail for their change.
	m, err := dkls23.NewSign(good())
	require.NoError(t, err)
	require.NotNil(t, m)

	cases := []struct {
		name string
		edit func(c *dkls23.SignConfig)
		want error
	}{
		{"zero config", func(c *dkls23.SignConfig) { *c = dkls23.SignConfig{} }, dkls23.ErrKey},
		{"nil key", func(c *dkls23.SignConfig) { c.Key = nil }, dkls23.ErrKey},
		{"zero key", func(c *dkls23.SignConfig) { c.Key = &dkls23.Key{} }, dkls23.ErrKey},
		{"digest of 31 bytes", func(c *dkls23.SignConfig) { c.Digest = digest[:31] }, dkls23.ErrConfig},
		{"digest of 33 bytes", func(c *dkls23.SignConfig) { c.Digest = append(digest[:], 0) }, dkls23.ErrConfig},
		{"no digest", func(c *dkls23.SignConfig) { c.Digest = nil }, dkls23.ErrConfig},
		{"no signers", func(c *dkls23.SignConfig) { c.Signers = nil }, dkls23.ErrConfig},
		{"below the threshold", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{1} }, dkls23.ErrConfig},
		{"without self", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{2, 3} }, dkls23.ErrConfig},
		{"unknown signer", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{1, 9} }, dkls23.ErrConfig},
		{"signer 0", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{0, 1} }, dkls23.ErrConfig},
		{"duplicate signer", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{1, 2, 2} }, dkls23.ErrConfig},
		{"self twice", func(c *dkls23.SignConfig) { c.Signers = []transport.PartyID{1, 1} }, dkls23.ErrConfig},
		{"empty session id", func(c *dkls23.SignConfig) { c.SessionID = nil }, dkls23.ErrConfig},
		{"oversized session id", func(c *dkls23.SignConfig) {
			c.SessionID = bytes.Repeat([]byte{1}, transport.MaxSessionID+1)
		}, dkls23.ErrConfig},
		{"hardened path", func(c *dkls23.SignConfig) { c.Path = hd.Path{0, hd.HardenedOffset} }, dkls23.ErrConfig},
		{"path on a key without chain code", func(c *dkls23.SignConfig) {
			c.Key = noChainKeys[1]
			c.Path = hd.Path{0, 1}
		}, dkls23.ErrConfig},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good()
			tc.edit(&cfg)
			require.NotPanics(t, func() {
				m, err := dkls23.NewSign(cfg)
				require.ErrorIs(t, err, tc.want)
				require.Nil(t, m)
			})
		})
	}

	t.Run("largest session id", func(t *testing.T) {
		cfg := good()
		cfg.SessionID = bytes.Repeat([]byte{1}, transport.MaxSessionID)
		_, err := dkls23.NewSign(cfg)
		require.NoError(t, err)
	})
	t.Run("no path on a key without chain code", func(t *testing.T) {
		cfg := good()
		cfg.Key = noChainKeys[1]
		_, err := dkls23.NewSign(cfg)
		require.NoError(t, err)
	})
}

// setupKeys runs the DKLs23 setup on given shares.
func setupKeys(tb testing.TB, shares map[transport.PartyID]*dkg.KeyShare) map[transport.PartyID]*dkls23.Key {
	tb.Helper()
	keys, err := local.SetupDKLs23(context.Background(), shares)
	require.NoError(tb, err)
	return keys
}

func TestNewSetupMisuse(t *testing.T) {
	shares, _ := dklsKeys(t, 2, 3)
	good := func() dkls23.SetupConfig {
		return dkls23.SetupConfig{Share: shares[1], SessionID: []byte("setup misuse")}
	}
	m, err := dkls23.NewSetup(good())
	require.NoError(t, err)
	require.NotNil(t, m)
	broken := shares[1].Clone()
	broken.Threshold = 0
	cases := []struct {
		name string
		edit func(c *dkls23.SetupConfig)
		want error
	}{
		{"zero config", func(c *dkls23.SetupConfig) { *c = dkls23.SetupConfig{} }, dkls23.ErrKey},
		{"nil share", func(c *dkls23.SetupConfig) { c.Share = nil }, dkls23.ErrKey},
		{"zero share", func(c *dkls23.SetupConfig) { c.Share = &dkg.KeyShare{} }, dkls23.ErrKey},
		{"invalid share", func(c *dkls23.SetupConfig) { c.Share = broken }, dkls23.ErrKey},
		{"P-256 share", func(c *dkls23.SetupConfig) { c.Share = testfixtures.SoloShare(t, curve.P256()) }, dkls23.ErrKey},
		{"Ed25519 share", func(c *dkls23.SetupConfig) { c.Share = testfixtures.SoloShare(t, curve.Edwards25519()) }, dkls23.ErrKey},
		{"empty session id", func(c *dkls23.SetupConfig) { c.SessionID = nil }, dkls23.ErrConfig},
		{"oversized session id", func(c *dkls23.SetupConfig) {
			c.SessionID = bytes.Repeat([]byte{1}, transport.MaxSessionID+1)
		}, dkls23.ErrConfig},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good()
			tc.edit(&cfg)
			require.NotPanics(t, func() {
				m, err := dkls23.NewSetup(cfg)
				require.ErrorIs(t, err, tc.want)
				require.Nil(t, m)
			})
		})
	}
}

// The session-id helpers refuse short nonces and keys they cannot use as
// configuration errors, and bind what they say they bind.
func TestSessionIDMisuse(t *testing.T) {
	shares, keys := dklsKeys(t, 2, 3)
	nonce := bytes.Repeat([]byte{0x42}, session.MinNonce)
	digest := sha256.Sum256([]byte("session ids"))
	signers := []transport.PartyID{1, 2}

	setupCases := []struct {
		name  string
		share *dkg.KeyShare
		nonce []byte
		want  error
	}{
		{"nil nonce", shares[1], nil, dkls23.ErrConfig},
		{"short nonce", shares[1], nonce[:session.MinNonce-1], dkls23.ErrConfig},
		{"nil share", nil, nonce, dkls23.ErrKey},
		{"P-256 share", testfixtures.SoloShare(t, curve.P256()), nonce, dkls23.ErrKey},
	}
	for _, tc := range setupCases {
		t.Run("setup: "+tc.name, func(t *testing.T) {
			sid, err := dkls23.SetupSessionID(tc.share, tc.nonce)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, sid)
		})
	}
	signCases := []struct {
		name    string
		key     *dkls23.Key
		signers []transport.PartyID
		nonce   []byte
		want    error
	}{
		{"nil nonce", keys[1], signers, nil, dkls23.ErrConfig},
		{"short nonce", keys[1], signers, nonce[:session.MinNonce-1], dkls23.ErrConfig},
		{"nil key", nil, signers, nonce, dkls23.ErrKey},
		{"zero key", &dkls23.Key{}, signers, nonce, dkls23.ErrKey},
		{"duplicate signers", keys[1], []transport.PartyID{1, 1}, nonce, dkls23.ErrConfig},
		{"signer 0", keys[1], []transport.PartyID{0, 1}, nonce, dkls23.ErrConfig},
	}
	for _, tc := range signCases {
		t.Run("sign: "+tc.name, func(t *testing.T) {
			sid, err := dkls23.SignSessionID(tc.key, tc.signers, nil, digest[:], tc.nonce)
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, sid)
		})
	}

	t.Run("binding", func(t *testing.T) {
		base, err := dkls23.SignSessionID(keys[1], signers, nil, digest[:], nonce)
		require.NoError(t, err)
		same, err := dkls23.SignSessionID(keys[2], []transport.PartyID{2, 1}, nil, digest[:], nonce)
		require.NoError(t, err)
		require.Equal(t, base, same, "signers in another order, or another signer's key")
		other := sha256.Sum256([]byte("other"))
		for name, f := range map[string]func() ([]byte, error){
			"nonce": func() ([]byte, error) {
				return dkls23.SignSessionID(keys[1], signers, nil, digest[:], append(nonce, 0))
			},
			"signers": func() ([]byte, error) {
				return dkls23.SignSessionID(keys[1], []transport.PartyID{1, 3}, nil, digest[:], nonce)
			},
			"path":   func() ([]byte, error) { return dkls23.SignSessionID(keys[1], signers, hd.Path{0}, digest[:], nonce) },
			"digest": func() ([]byte, error) { return dkls23.SignSessionID(keys[1], signers, nil, other[:], nonce) },
		} {
			sid, err := f()
			require.NoError(t, err, name)
			require.NotEqual(t, base, sid, "the session id does not bind the %s", name)
		}
		s1, err := dkls23.SetupSessionID(shares[1], nonce)
		require.NoError(t, err)
		s2, err := dkls23.SetupSessionID(shares[3], nonce)
		require.NoError(t, err)
		require.Equal(t, s1, s2)
		s3, err := dkls23.SetupSessionID(shares[1], append(nonce, 1))
		require.NoError(t, err)
		require.NotEqual(t, s1, s3)
	})
}
