package mobile_test

import (
	"crypto/sha256"
	"testing"

	"github.com/btcsuite/btcd/btcec/v2/schnorr"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/mobile"
)

// TestKeyGenSignBackup: the whole API on the host, in both suites:
// key generation, signing, progress, and a sealed share that signs again
// once opened.
func TestKeyGenSignBackup(t *testing.T) {
	tests := []struct {
		curve, suite string
	}{
		{"edwards25519", "ed25519"},
		{"secp256k1", "taproot"},
	}
	for _, tt := range tests {
		t.Run(tt.suite, func(t *testing.T) {
			cfgs, err := configs(2, 3)
			require.NoError(t, err)
			h := newHub(3)
			nodes := make([]*mobile.Node, 4)
			shares := make([]*mobile.Share, 4)
			logs := make([]*progressLog, 4)
			for i := 1; i <= 3; i++ {
				nodes[i], err = mobile.NewNode(cfgs[i-1], &endpoint{h: h, self: i})
				require.NoError(t, err)
				logs[i] = &progressLog{}
			}
			require.NoError(t, all([]int{1, 2, 3}, func(self int) error {
				var err error
				shares[self], err = nodes[self].KeyGen(tt.curve, logs[self])
				return err
			}))
			require.Equal(t, []string{"dkg " + tt.curve}, logs[1].done)
			require.Equal(t, shares[1].GroupKey(), shares[3].GroupKey())
			require.Equal(t, tt.curve, shares[2].Curve())
			require.Equal(t, 2, shares[2].Self())

			// Party 3 restores its share from the sealed backup first.
			sealed, err := shares[3].Seal([]byte("passphrase"))
			require.NoError(t, err)
			_, err = mobile.OpenShare(sealed, []byte("wrong"))
			require.Error(t, err)
			shares[3], err = mobile.OpenShare(sealed, []byte("passphrase"))
			require.NoError(t, err)

			msg := sha256.Sum256([]byte("a sighash"))
			sigs := make([][]byte, 4)
			require.NoError(t, all([]int{1, 3}, func(self int) error {
				var err error
				sigs[self], err = nodes[self].SignFROST(shares[self], tt.suite, "1,3", msg[:], logs[self])
				return err
			}))
			require.Equal(t, sigs[1], sigs[3])
			require.Equal(t, []string{"dkg " + tt.curve, "frost " + tt.suite}, logs[3].done)
			if tt.suite == "taproot" {
				xonly, err := shares[1].TaprootKey()
				require.NoError(t, err)
				pub, err := schnorr.ParsePubKey(xonly)
				require.NoError(t, err)
				sig, err := schnorr.ParseSignature(sigs[1])
				require.NoError(t, err)
				require.True(t, sig.Verify(msg[:], pub), "btcec BIP-340")
			}
		})
	}
}

func TestConfigRefused(t *testing.T) {
	cfgs, err := configs(2, 3)
	require.NoError(t, err)
	tests := []struct {
		name string
		edit func(*mobile.Config)
	}{
		{"self 0", func(c *mobile.Config) { c.Self = 0 }},
		{"self beyond parties", func(c *mobile.Config) { c.Self = 4 }},
		{"threshold 0", func(c *mobile.Config) { c.Threshold = 0 }},
		{"threshold beyond parties", func(c *mobile.Config) { c.Threshold = 4 }},
		{"short seed", func(c *mobile.Config) { c.IdentitySeed = c.IdentitySeed[:31] }},
		{"identity keys missing", func(c *mobile.Config) { c.PeerIdentities = c.PeerIdentities[:64] }},
		{"negative timeout", func(c *mobile.Config) { c.RoundTimeoutMillis = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := *cfgs[0]
			tt.edit(&c)
			_, err := mobile.NewNode(&c, &endpoint{h: newHub(3), self: 1})
			require.ErrorIs(t, err, mobile.ErrInput)
		})
	}
	_, err = mobile.NewNode(nil, &endpoint{h: newHub(3), self: 1})
	require.ErrorIs(t, err, mobile.ErrInput)
	_, err = mobile.NewNode(cfgs[0], nil)
	require.ErrorIs(t, err, mobile.ErrInput)
}

func TestBadCallsRefused(t *testing.T) {
	cfgs, err := configs(2, 3)
	require.NoError(t, err)
	n, err := mobile.NewNode(cfgs[0], &endpoint{h: newHub(3), self: 1})
	require.NoError(t, err)
	_, err = n.KeyGen("curve25519-typo", nil)
	require.ErrorIs(t, err, mobile.ErrInput)
	_, err = n.SignFROST(nil, "ed25519", "1,2", []byte("m"), nil)
	require.ErrorIs(t, err, mobile.ErrInput)
	var empty *mobile.Share
	require.Empty(t, empty.GroupKey())
	require.Zero(t, empty.Self())
	require.Empty(t, empty.Curve())
	_, err = empty.Seal([]byte("p"))
	require.ErrorIs(t, err, mobile.ErrInput)
	_, err = empty.TaprootKey()
	require.ErrorIs(t, err, mobile.ErrInput)
	_, err = mobile.IdentityPublicKey([]byte{1})
	require.ErrorIs(t, err, mobile.ErrInput)
	_, err = mobile.OpenShare([]byte("not a backup"), []byte("p"))
	require.Error(t, err)
}

// The signer lists a caller may write wrong; each is refused before any
// message is sent.
func TestSignersRefused(t *testing.T) {
	cfgs, err := configs(2, 3)
	require.NoError(t, err)
	h := newHub(3)
	nodes := make([]*mobile.Node, 4)
	shares := make([]*mobile.Share, 4)
	for i := 1; i <= 3; i++ {
		nodes[i], err = mobile.NewNode(cfgs[i-1], &endpoint{h: h, self: i})
		require.NoError(t, err)
	}
	require.NoError(t, all([]int{1, 2, 3}, func(self int) error {
		var err error
		shares[self], err = nodes[self].KeyGen("edwards25519", nil)
		return err
	}))
	for _, signers := range []string{"", "1", "2,3", "1,1", "1,4", "1,x", "0,1"} {
		t.Run(signers, func(t *testing.T) {
			_, err := nodes[1].SignFROST(shares[1], "ed25519", signers, []byte("m"), nil)
			require.ErrorIs(t, err, mobile.ErrInput)
		})
	}
	_, err = nodes[1].SignFROST(shares[2], "ed25519", "1,2", []byte("m"), nil)
	require.ErrorIs(t, err, mobile.ErrInput, "another party's share")
	_, err = nodes[1].SignFROST(shares[1], "taproot", "1,2", []byte("m"), nil)
	require.ErrorIs(t, err, mobile.ErrInput, "an edwards25519 share in the taproot suite")
	_, err = nodes[1].SignFROST(shares[1], "rsa", "1,2", []byte("m"), nil)
	require.ErrorIs(t, err, mobile.ErrInput)
}
