package cggmp

import (
	"crypto/rand"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// AuxConfig.Level: zero takes the own key's level; a level that the own
// key does not have, or that is not a level, is refused before the run.
func TestAuxConfigLevel(t *testing.T) {
	sec2048 := fixtureAuxSecret(t, 0)
	sec3072, err := NewAuxSecret(testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[0], rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name   string
		secret *AuxSecret
		level  paillier.SecurityLevel
		want   paillier.SecurityLevel // 0: refused with ErrConfig
	}{
		{"2048-bit key, level from the key", sec2048, 0, paillier.Level112},
		{"3072-bit key, level from the key", sec3072, 0, paillier.Level128},
		{"2048-bit key at level 112", sec2048, paillier.Level112, paillier.Level112},
		{"3072-bit key at level 128", sec3072, paillier.Level128, paillier.Level128},
		{"2048-bit key at level 128", sec2048, paillier.Level128, 0},
		{"3072-bit key at level 112", sec3072, paillier.Level112, 0},
		{"not a level", sec2048, 80, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := newAuxState(AuxConfig{Parties: partyIDs(3), Self: 1, SessionID: []byte("sid"), Secret: tc.secret, Level: tc.level})
			if tc.want == 0 {
				require.ErrorIs(t, err, ErrConfig)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, st.cfg.Level)
		})
	}
}

// Parties configured for different levels share no run context: the run
// stops with a key mismatch before any proof is made (SECURITY.md case 1).
func TestAuxLevelsDifferInContext(t *testing.T) {
	parties := partyIDs(3)
	c112, err := auxContext(paillier.Level112.ModulusBits(), parties, nil)
	require.NoError(t, err)
	c128, err := auxContext(paillier.Level128.ModulusBits(), parties, nil)
	require.NoError(t, err)
	require.NotEqual(t, c112, c128)
}

// A key reports its level, and an AuxInfo that mixes levels is refused.
func TestKeyLevel(t *testing.T) {
	keys := testKeys(t, 2, 3)
	for _, k := range keys {
		require.Equal(t, paillier.Level112, k.Level())
	}
	require.Zero(t, (*Key)(nil).Level())
	require.Zero(t, (&Key{}).Level())
	require.Zero(t, (*AuxInfo)(nil).Level())

	// Party 2's entry swapped for a 3072-bit key and parameters.
	k := keys[1]
	big := testfixtures.PaillierKeys(t, paillier.ModulusBits3072)[1]
	ped, _, err := big.GeneratePedersen(rand.Reader)
	require.NoError(t, err)
	mixed := *k.Aux
	mixed.Paillier = map[transport.PartyID]*paillier.PublicKey{}
	mixed.Pedersen = map[transport.PartyID]*paillier.PedersenParams{}
	for id := range k.Aux.Paillier {
		mixed.Paillier[id], mixed.Pedersen[id] = k.Aux.Paillier[id], k.Aux.Pedersen[id]
	}
	mixed.Paillier[2], mixed.Pedersen[2] = big.PublicKey(), ped
	bad := &Key{Share: k.Share, Aux: &mixed}
	err = bad.Validate()
	require.Error(t, err)
	require.Contains(t, err.Error(), "party 2's moduli are not of the key's 2048 bits")
}

// A stored key keeps its level: a 2048-bit key from before 3072 became
// the default still loads, and ParseKey refuses it when asked for 128.
func TestKeyEncodingKeepsLevel(t *testing.T) {
	golden, err := os.ReadFile("../testdata/cggmp/key-v1-2of3-party2.bin")
	require.NoError(t, err)
	var k Key
	require.NoError(t, k.UnmarshalBinary(golden))
	require.Equal(t, paillier.Level112, k.Level())

	_, err = ParseKey(golden, paillier.WithLevel(paillier.Level128))
	require.ErrorIs(t, err, ErrKeyFormat)
	require.ErrorIs(t, err, paillier.ErrModulusSize)
	got, err := ParseKey(golden, paillier.WithLevel(paillier.Level112))
	require.NoError(t, err)
	require.Equal(t, paillier.Level112, got.Level())
}
