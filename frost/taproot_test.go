package frost

import (
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/schnorr"
)

// BIP-340 test vectors: bitcoin/bips bip-0340/test-vectors.csv, commit
// 7fe0b034 (testdata/bip340). Verify of the taproot suite must
// agree with every verification result.
func TestBIP340VerifyVectors(t *testing.T) {
	f, err := os.Open(filepath.Join(testdataDir, "bip340/test-vectors.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	suite := Secp256k1TR()
	for _, row := range rows[1:] {
		index, secHex, pubHex, msgHex, sigHex, want, comment := row[0], row[1], row[2], row[4], row[5], row[6], row[7]
		t.Run("vector"+index, func(t *testing.T) {
			msg := mustHex(t, msgHex)
			sig := mustHex(t, sigHex)
			pk, err := curve.LiftX(mustHex(t, pubHex))
			if err != nil {
				require.Equal(t, "FALSE", want, "public key rejected: %s", comment)
				return
			}
			err = Verify(suite, pk, msg, sig)
			if want == "TRUE" {
				require.NoError(t, err, comment)
			} else {
				require.ErrorIs(t, err, ErrInvalidSignature, comment)
			}
			// With the secret key, a 1-of-1 FROST signature verifies under
			// the same x-only key (the key's y parity is fixed by Sign).
			if secHex == "" {
				return
			}
			sk, err := suite.Curve().DecodeScalar(mustHex(t, secHex))
			require.NoError(t, err)
			kps, pub, err := TrustedDealerKeygen(suite, sk, 1, 1, nil)
			require.NoError(t, err)
			x, err := curve.XOnlyBytes(pub.GroupKey())
			require.NoError(t, err)
			require.Equal(t, strings.ToLower(pubHex), hex.EncodeToString(x))
			run := runRounds(t, suite, kps, msg)
			frostSig, err := Aggregate(suite, run.pkg, run.shares, pub)
			require.NoError(t, err)
			require.NoError(t, Verify(suite, pk, msg, frostSig))
		})
	}
}

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
				SigHash        string `json:"sigHash"`
			} `json:"intermediary"`
			Expected struct {
				Witness []string `json:"witness"`
			} `json:"expected"`
		} `json:"inputSpending"`
	} `json:"keyPathSpending"`
}

// BIP-341 wallet test vectors: bitcoin/bips bip-0341/wallet-test-vectors.json,
// commit 7fe0b034. Tweak must give the listed tweaks, output keys and
// tweaked secret keys, and the listed key-path signatures must verify under
// the tweaked key.
func TestBIP341TweakVectors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(testdataDir, "bip340/bip-0341-wallet-test-vectors.json"))
	require.NoError(t, err)
	var v bip341Vectors
	require.NoError(t, json.Unmarshal(raw, &v))
	suite := Secp256k1TR()
	c := suite.Curve()
	root := func(s *string) []byte {
		if s == nil {
			return nil
		}
		return mustHex(t, *s)
	}

	for i, sp := range v.ScriptPubKey {
		internal, err := curve.LiftX(mustHex(t, sp.Given.InternalPubkey))
		require.NoError(t, err)
		tw, err := tapTweak(internal, root(sp.Intermediary.MerkleRoot))
		require.NoError(t, err)
		require.Equal(t, sp.Intermediary.Tweak, hex.EncodeToString(tw.Bytes()), "scriptPubKey %d", i)
		pub, err := NewPublicKeyPackage(suite, internal, map[Identifier]curve.Point{mustID(t, 1): internal}, 1)
		require.NoError(t, err)
		tweaked, err := pub.Tweak(root(sp.Intermediary.MerkleRoot))
		require.NoError(t, err)
		x, err := curve.XOnlyBytes(tweaked.GroupKey())
		require.NoError(t, err)
		require.Equal(t, sp.Intermediary.TweakedPubkey, hex.EncodeToString(x), "scriptPubKey %d", i)
	}

	n := 0
	for _, kps := range v.KeyPathSpending {
		for i, in := range kps.InputSpending {
			sk, err := c.DecodeScalar(mustHex(t, in.Given.InternalPrivkey))
			require.NoError(t, err)
			keys, pub, err := TrustedDealerKeygen(suite, sk, 1, 1, nil)
			require.NoError(t, err)
			x, err := curve.XOnlyBytes(pub.GroupKey())
			require.NoError(t, err)
			require.Equal(t, in.Intermediary.InternalPubkey, hex.EncodeToString(x))
			tkp, err := keys[0].Tweak(root(in.Given.MerkleRoot))
			require.NoError(t, err)
			require.Equal(t, in.Intermediary.TweakedPrivkey, hex.EncodeToString(tkp.SigningShare().Bytes()), "input %d", i)
			tpub, err := pub.Tweak(root(in.Given.MerkleRoot))
			require.NoError(t, err)
			require.True(t, tpub.GroupKey().Equal(tkp.GroupKey()))

			sigHash := mustHex(t, in.Intermediary.SigHash)
			witness := mustHex(t, in.Expected.Witness[0])
			require.NoError(t, Verify(suite, tpub.GroupKey(), sigHash, witness[:64]), "input %d", i)

			// Our own signature with the tweaked key verifies too.
			run := runRounds(t, suite, []*KeyPackage{tkp}, sigHash)
			sig, err := Aggregate(suite, run.pkg, run.shares, tpub)
			require.NoError(t, err)
			require.NoError(t, Verify(suite, tpub.GroupKey(), sigHash, sig))
			n++
		}
	}
	require.Positive(t, n)
}

func TestTweakErrors(t *testing.T) {
	kps, pub, err := TrustedDealerKeygen(Secp256k1SHA256(), nil, 3, 2, nil)
	require.NoError(t, err)
	_, err = kps[0].Tweak(nil)
	require.ErrorIs(t, err, ErrNotTaproot)
	_, err = pub.Tweak(nil)
	require.ErrorIs(t, err, ErrNotTaproot)
	kps, pub, err = TrustedDealerKeygen(Secp256k1TR(), nil, 3, 2, nil)
	require.NoError(t, err)
	_, err = kps[0].Tweak(make([]byte, 31))
	require.ErrorIs(t, err, ErrInvalidParameters)
	_, err = pub.Tweak(make([]byte, 33))
	require.ErrorIs(t, err, ErrInvalidParameters)
}

// TestAdversary24_BIP340 is SECURITY.md case 24: with the group key (after
// any tweak) of odd and of even y, and the group commitment R of odd and of
// even y, untweaked, tweaked without a script tree and tweaked with a
// merkle root, the taproot suite produces valid BIP-340 signatures; a bad
// share from party 3 is attributed to party 3. Keys and nonces are drawn
// until all four parity combinations have been seen in every mode.
func TestAdversary24_BIP340(t *testing.T) {
	suite := Secp256k1TR()
	merkleRoot := mustHex(t, "5b75adecf53548f3ec6ad7d78383bf84cc57b55a3127c72b9a2481752dd88b21")
	modes := []struct {
		name string
		root []byte
		tw   bool
	}{
		{"untweaked", nil, false},
		{"tweak-no-script-tree", nil, true},
		{"tweak-merkle-root", merkleRoot, true},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			seen := map[string]bool{}
			for iter := 0; iter < 400 && len(seen) < 4; iter++ {
				kps, pub, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
				require.NoError(t, err)
				if mode.tw {
					for i := range kps {
						kps[i], err = kps[i].Tweak(mode.root)
						require.NoError(t, err)
					}
					pub, err = pub.Tweak(mode.root)
					require.NoError(t, err)
				}
				msg := []byte(fmt.Sprintf("case 24 %s %d", mode.name, iter))
				signers := []*KeyPackage{kps[0], kps[2]} // parties 1 and 3
				run := runRounds(t, suite, signers, msg)

				keyEven, err := curve.HasEvenY(pub.GroupKey())
				require.NoError(t, err)
				sc, err := newSigningContext(suite, run.pkg, pub.key)
				require.NoError(t, err)
				seen[fmt.Sprintf("key-odd=%v R-odd=%v", !keyEven, sc.rNegated)] = true

				sig, err := Aggregate(suite, run.pkg, run.shares, pub)
				require.NoError(t, err)
				require.NoError(t, Verify(suite, pub.GroupKey(), msg, sig))
				// BIP-340 verification from the x-only key alone.
				x, err := curve.XOnlyBytes(pub.GroupKey())
				require.NoError(t, err)
				even, err := curve.LiftX(x)
				require.NoError(t, err)
				require.NoError(t, Verify(suite, even, msg, sig))
				// And by the independent BIP-340 verifier of package schnorr.
				require.NoError(t, schnorr.Verify(x, msg, sig))

				// Party 3 cheats: blamed, and only party 3.
				id3 := kps[2].Identifier()
				run.shares[id3] = tamper(t, run.shares[id3])
				_, err = Aggregate(suite, run.pkg, run.shares, pub)
				var ce *CheatersError
				require.ErrorAs(t, err, &ce)
				require.Equal(t, []Identifier{id3}, ce.Identifiers)
			}
			require.Len(t, seen, 4, "parity combinations seen: %v", seen)
		})
	}
}
