package hd

import (
	"crypto/rand"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
)

// dealerShares shares secret t-of-n with a trusted dealer and a random
// chain code (a test stand-in for a DKG).
func dealerShares(t *testing.T, secret curve.Scalar, th, n int) []*dkg.KeyShare {
	cc := make([]byte, ChainCodeSize)
	_, err := rand.Read(cc)
	require.NoError(t, err)
	xprv := encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, append([]byte{0}, secret.Bytes()...))
	kss, err := SplitExtendedPrivateKey(xprv, th, partyIDs(n), rand.Reader)
	require.NoError(t, err)
	return kss
}

func TestSplitExtendedPrivateKey(t *testing.T) {
	chain := bip32Vectors["vector 2"]
	master, err := ParseExtendedPrivateKey(chain[0].xprv)
	require.NoError(t, err)
	parties := []transport.PartyID{9, 4, 7, 100} // any order
	kss, err := SplitExtendedPrivateKey(chain[0].xprv, 3, parties, nil)
	require.NoError(t, err)
	require.Len(t, kss, 4)
	var shares []vss.Share
	for i, ks := range kss {
		require.NoError(t, ks.Validate())
		require.Equal(t, []transport.PartyID{4, 7, 9, 100}, ks.Parties)
		require.Equal(t, ks.Parties[i], ks.Self)
		require.Equal(t, master.ChainCode, ks.ChainCode)
		require.True(t, ks.GroupKey.Equal(secp.ScalarBaseMult(master.Secret)))
		id, err := ks.IDScalar(ks.Self)
		require.NoError(t, err)
		shares = append(shares, vss.Share{ID: id, Value: ks.Secret})
		// shares round-trip through the key-share encoding, chain code kept
		b, err := ks.MarshalBinary()
		require.NoError(t, err)
		var back dkg.KeyShare
		require.NoError(t, back.UnmarshalBinary(b))
		require.Equal(t, ks.ChainCode, back.ChainCode)
	}
	// the key shares do not share mutable state
	kss[0].ChainCode[0] ^= 1
	kss[0].Parties[0] = 5
	require.Equal(t, master.ChainCode, kss[1].ChainCode)
	require.Equal(t, transport.PartyID(4), kss[1].Parties[0])

	got, err := vss.Reconstruct(secp, shares[1:])
	require.NoError(t, err)
	require.True(t, got.Equal(master.Secret))

	xpub, err := MasterPublicKey(kss[2], MainnetPublic())
	require.NoError(t, err)
	require.Equal(t, chain[0].xpub, xpub.String())
}

func TestSplitExtendedPrivateKeyRejects(t *testing.T) {
	xprv := bip32Vectors["vector 1"][0].xprv
	xpub := bip32Vectors["vector 1"][0].xpub
	_, err := SplitExtendedPrivateKey(xpub, 2, partyIDs(3), nil)
	require.ErrorIs(t, err, ErrExtendedKey)
	_, err = SplitExtendedPrivateKey(xprv, 0, partyIDs(3), nil)
	require.ErrorIs(t, err, vss.ErrThreshold)
	_, err = SplitExtendedPrivateKey(xprv, 4, partyIDs(3), nil)
	require.ErrorIs(t, err, vss.ErrThreshold)
	_, err = SplitExtendedPrivateKey(xprv, 2, []transport.PartyID{1, 1, 2}, nil)
	require.ErrorIs(t, err, transport.ErrDuplicateParty)
	_, err = SplitExtendedPrivateKey(xprv, 2, []transport.PartyID{0, 1, 2}, nil)
	require.ErrorIs(t, err, transport.ErrZeroParty)
	_, err = SplitExtendedPrivateKey(xprv, 2, partyIDs(3), failingReader{})
	require.Error(t, err)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errFail }

var errFail = errors.New("test: randomness source failed")

func TestDeriveKeyShareRejects(t *testing.T) {
	kss := dealerShares(t, secp.ScalarFromUint64(7), 2, 3)
	noCC := kss[0].Clone()
	noCC.ChainCode = nil
	_, _, err := DeriveKeyShare(noCC, Path{1})
	require.ErrorIs(t, err, ErrChainCode)
	_, err = MasterPublicKey(noCC, MainnetPublic())
	require.ErrorIs(t, err, ErrChainCode)
	_, _, err = DeriveKeyShare(kss[0], Path{HardenedOffset})
	require.ErrorIs(t, err, ErrHardened)
	_, _, err = DeriveKeyShare(nil, Path{1})
	require.ErrorIs(t, err, ErrKey)
	bad := kss[0].Clone()
	bad.Secret = bad.Secret.Add(secp.ScalarFromUint64(1))
	_, _, err = DeriveKeyShare(bad, Path{1})
	require.ErrorIs(t, err, dkg.ErrKeyShareInconsistent)
	_, err = MasterPublicKey(kss[0], [4]byte{})
	require.ErrorIs(t, err, ErrExtendedKey)

	// an input share is not modified
	before, err := kss[1].MarshalBinary()
	require.NoError(t, err)
	_, _, err = DeriveKeyShare(kss[1], Path{1, 2})
	require.NoError(t, err)
	_, err = TaprootKeyShare(kss[1], nil)
	require.NoError(t, err)
	after, err := kss[1].MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, before, after)
}

// Derivation composes: deriving m/a then /b equals deriving m/a/b, for the
// key shares, the tweak and the xpub.
func TestDeriveKeyShareComposes(t *testing.T) {
	kss := dealerShares(t, secp.ScalarFromUint64(123456789), 2, 3)
	ab, tab, err := DeriveKeyShare(kss[0], Path{3, 1 << 30})
	require.NoError(t, err)
	a, ta, err := DeriveKeyShare(kss[0], Path{3})
	require.NoError(t, err)
	b, tb, err := DeriveKeyShare(a, Path{1 << 30})
	require.NoError(t, err)
	require.True(t, tab.Equal(ta.Add(tb)))
	require.True(t, ab.Secret.Equal(b.Secret))
	require.True(t, ab.GroupKey.Equal(b.GroupKey))
	require.Equal(t, ab.ChainCode, b.ChainCode)

	xpub, err := MasterPublicKey(kss[0], TestnetPublic())
	require.NoError(t, err)
	child, err := xpub.Derive(Path{3, 1 << 30})
	require.NoError(t, err)
	require.True(t, child.Key.Equal(ab.GroupKey))
	require.Equal(t, child.ChainCode, ab.ChainCode)
}
