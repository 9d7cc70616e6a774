package hd

import (
	"crypto/rand"
	"encoding/binary"
	mrand "math/rand/v2"
	"testing"

	"github.com/btcsuite/btcd/btcutil/hdkeychain"
	"github.com/btcsuite/btcd/chaincfg"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/vss"
)

// btcutil's hdkeychain (github.com/btcsuite/btcd/btcutil v1.2.0, test-only
// dependency) is an independent BIP-32 implementation. For random master
// keys and random non-hardened paths, public derivation, DeriveTweak and
// threshold derivation must all agree with it.
func TestCompareHDKeychain(t *testing.T) {
	c := curve.Secp256k1()
	ids, err := vss.IDScalars(c, []uint32{1, 2, 3})
	require.NoError(t, err)
	var seed [32]byte
	_, err = rand.Read(seed[:])
	require.NoError(t, err)
	rng := mrand.New(mrand.NewChaCha8(seed))
	t.Logf("seed %x", seed)

	for iter := 0; iter < 100; iter++ {
		var s [32]byte
		binary.LittleEndian.PutUint64(s[:], rng.Uint64())
		binary.LittleEndian.PutUint64(s[8:], rng.Uint64())
		binary.LittleEndian.PutUint64(s[16:], rng.Uint64())
		ref, err := hdkeychain.NewMaster(s[:], &chaincfg.MainNetParams)
		require.NoError(t, err)

		// a random path of 1..6 non-hardened steps; small and huge indices
		path := make(Path, 1+rng.IntN(6))
		for i := range path {
			if rng.IntN(2) == 0 {
				path[i] = uint32(rng.IntN(10))
			} else {
				path[i] = rng.Uint32N(HardenedOffset)
			}
		}
		want := ref
		for _, i := range path {
			want, err = want.Derive(i)
			require.NoError(t, err)
		}
		wantPub, err := want.Neuter()
		require.NoError(t, err)

		// public derivation from the master xpub
		refPub, err := ref.Neuter()
		require.NoError(t, err)
		xpub, err := ParseExtendedKey(refPub.String())
		require.NoError(t, err)
		got, err := xpub.Derive(path)
		require.NoError(t, err)
		require.Equal(t, wantPub.String(), got.String(), "path %s", path)

		// private derivation from the master xprv
		xprv, err := ParseExtendedPrivateKey(ref.String())
		require.NoError(t, err)
		gotPriv, err := xprv.Derive(path)
		require.NoError(t, err)
		refPriv, err := want.ECPrivKey()
		require.NoError(t, err)
		require.Equal(t, refPriv.Serialize(), gotPriv.Secret.Bytes())

		// threshold: split the master key, tweak the shares, reconstruct
		shares, cm, err := vss.Split(c, xprv.Secret, 2, ids, nil)
		require.NoError(t, err)
		tweak, child, cc, err := DeriveTweak(cm.Constant(), xprv.ChainCode, path)
		require.NoError(t, err)
		require.True(t, child.Equal(got.Key))
		require.Equal(t, want.ChainCode(), cc)
		pair := rng.Perm(3)[:2]
		sub := []vss.Share{shares[pair[0]], shares[pair[1]]}
		for k := range sub {
			sub[k].Value = sub[k].Value.Add(tweak)
		}
		secret, err := vss.Reconstruct(c, sub)
		require.NoError(t, err)
		require.Equal(t, refPriv.Serialize(), secret.Bytes())
	}
}

// Hardened private derivation against hdkeychain too.
func TestCompareHDKeychainHardened(t *testing.T) {
	ref, err := hdkeychain.NewMaster(make([]byte, 32), &chaincfg.TestNet3Params)
	require.NoError(t, err)
	path := Path{44 + HardenedOffset, 1 + HardenedOffset, HardenedOffset, 0, 5}
	want := ref
	for _, i := range path {
		want, err = want.Derive(i)
		require.NoError(t, err)
	}
	xprv, err := ParseExtendedPrivateKey(ref.String())
	require.NoError(t, err)
	got, err := xprv.Derive(path)
	require.NoError(t, err)
	pub, err := got.Public()
	require.NoError(t, err)
	wantPub, err := want.Neuter()
	require.NoError(t, err)
	require.Equal(t, wantPub.String(), pub.String())
	require.Equal(t, "tpub", pub.String()[:4])
}
