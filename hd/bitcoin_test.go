package hd

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/vss"
)

// bip341Vectors is the subset of bitcoin/bips bip-0341/wallet-test-vectors.json
// (copied unchanged to testdata/bip340, see testdata/SOURCES.md) that the
// taproot key tweak needs.
type bip341Vectors struct {
	ScriptPubKey []struct {
		Given struct {
			InternalPubkey string `json:"internalPubkey"`
		} `json:"given"`
		Intermediary struct {
			MerkleRoot    *string `json:"merkleRoot"`
			Tweak         string  `json:"tweak"`
			TweakedPubkey string  `json:"tweakedPubkey"`
		} `json:"intermediary"`
		Expected struct {
			ScriptPubKey            string   `json:"scriptPubKey"`
			ScriptPathControlBlocks []string `json:"scriptPathControlBlocks"`
		} `json:"expected"`
	} `json:"scriptPubKey"`
	KeyPathSpending []struct {
		InputSpending []struct {
			Given struct {
				InternalPrivkey string  `json:"internalPrivkey"`
				MerkleRoot      *string `json:"merkleRoot"`
			} `json:"given"`
			Intermediary struct {
				InternalPubkey string `json:"internalPubkey"`
				Tweak          string `json:"tweak"`
				TweakedPrivkey string `json:"tweakedPrivkey"`
			} `json:"intermediary"`
		} `json:"inputSpending"`
	} `json:"keyPathSpending"`
}

func loadBIP341(t *testing.T) *bip341Vectors {
	b, err := os.ReadFile("../testdata/bip340/bip-0341-wallet-test-vectors.json")
	require.NoError(t, err)
	var v bip341Vectors
	require.NoError(t, json.Unmarshal(b, &v))
	require.NotEmpty(t, v.ScriptPubKey)
	require.NotEmpty(t, v.KeyPathSpending)
	return &v
}

func unhex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func optHex(t *testing.T, s *string) []byte {
	if s == nil {
		return nil
	}
	return unhex(t, *s)
}

func TestTaprootOutputKeyVectors(t *testing.T) {
	v := loadBIP341(t)
	for i, tc := range v.ScriptPubKey {
		internal, err := curve.LiftX(unhex(t, tc.Given.InternalPubkey))
		require.NoError(t, err)
		// the internal key's parity must not matter: BIP-341 takes it x-only
		for _, p := range []curve.Point{internal, internal.Negate()} {
			q, odd, tweak, err := TaprootOutputKey(p, optHex(t, tc.Intermediary.MerkleRoot))
			require.NoError(t, err, "vector %d", i)
			require.Equal(t, tc.Intermediary.Tweak, hex.EncodeToString(tweak.Bytes()), "vector %d", i)
			require.Equal(t, tc.Intermediary.TweakedPubkey, hex.EncodeToString(XOnly(q)), "vector %d", i)
			require.Equal(t, "5120"+tc.Intermediary.TweakedPubkey, tc.Expected.ScriptPubKey)
			even, err := curve.HasEvenY(q)
			require.NoError(t, err)
			require.True(t, even, "output key is returned with even y")
			// the control block's low bit is the parity of Q
			for _, cb := range tc.Expected.ScriptPathControlBlocks {
				require.Equal(t, unhex(t, cb)[0]&1 == 1, odd, "vector %d", i)
			}
			// Q = lift_x(P) + t·G up to the sign fixed by parityOdd
			lifted, err := curve.LiftX(XOnly(p))
			require.NoError(t, err)
			full := lifted.Add(secp.ScalarBaseMult(tweak))
			if odd {
				full = full.Negate()
			}
			require.True(t, full.Equal(q))
		}
	}
}

// The key-path spending vectors give internal and tweaked private keys:
// TaprootKeyShare on a 2-of-3 sharing of the internal key must reconstruct
// the tweaked key (up to the BIP-340 sign fixed by the output key's parity).
func TestTaprootKeyShareVectors(t *testing.T) {
	v := loadBIP341(t)
	for i, in := range v.KeyPathSpending[0].InputSpending {
		d, err := secp.DecodeScalar(unhex(t, in.Given.InternalPrivkey))
		require.NoError(t, err)
		want, err := secp.DecodeScalar(unhex(t, in.Intermediary.TweakedPrivkey))
		require.NoError(t, err)
		require.Equal(t, in.Intermediary.InternalPubkey, hex.EncodeToString(XOnly(secp.ScalarBaseMult(d))))

		kss := dealerShares(t, d, 2, 3)
		var shares []vss.Share
		for _, ks := range kss {
			tk, err := TaprootKeyShare(ks, optHex(t, in.Given.MerkleRoot))
			require.NoError(t, err, "input %d", i)
			require.Nil(t, tk.ChainCode)
			id, err := tk.IDScalar(tk.Self)
			require.NoError(t, err)
			shares = append(shares, vss.Share{ID: id, Value: tk.Secret})
			even, err := curve.HasEvenY(tk.GroupKey)
			require.NoError(t, err)
			require.True(t, even)
		}
		got, err := vss.Reconstruct(secp, shares[:2])
		require.NoError(t, err)
		_, odd, tweak, err := TaprootOutputKey(secp.ScalarBaseMult(d), optHex(t, in.Given.MerkleRoot))
		require.NoError(t, err)
		require.Equal(t, in.Intermediary.Tweak, hex.EncodeToString(tweak.Bytes()))
		if odd {
			want = want.Negate() // BIP-340 signing negates for an odd-y key
		}
		require.True(t, got.Equal(want), "input %d", i)
	}
}

func TestTaprootRejects(t *testing.T) {
	k := testXpub(t)
	_, _, _, err := TaprootOutputKey(k.Key, make([]byte, 31))
	require.ErrorIs(t, err, ErrTaproot)
	_, _, _, err = TaprootOutputKey(k.Key, make([]byte, 33))
	require.ErrorIs(t, err, ErrTaproot)
	_, _, _, err = TaprootOutputKey(secp.Identity(), nil)
	require.ErrorIs(t, err, ErrKey)
	_, _, _, err = TaprootOutputKey(edPoint(t), nil)
	require.ErrorIs(t, err, ErrKey)
	// nil and empty merkle roots are the same (no script tree)
	a, _, _, err := TaprootOutputKey(k.Key, nil)
	require.NoError(t, err)
	b, _, _, err := TaprootOutputKey(k.Key, []byte{})
	require.NoError(t, err)
	require.True(t, a.Equal(b))
}

func TestXOnlyAndDER(t *testing.T) {
	k := testXpub(t)
	require.Equal(t, k.Key.Bytes()[1:], XOnly(k.Key))
	require.Nil(t, XOnly(nil))
	require.Nil(t, XOnly(secp.Identity()))
	require.Nil(t, XOnly(edPoint(t)))

	der := []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}
	got := BitcoinDERWithSighash(der, 0x01)
	require.Equal(t, append(append([]byte{}, der...), 0x01), got)
	got[0] = 0 // a new slice: the input is untouched
	require.Equal(t, byte(0x30), der[0])
	require.Equal(t, []byte{0x83}, BitcoinDERWithSighash(nil, 0x83))
}
