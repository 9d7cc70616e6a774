package hd

import (
	"crypto/rand"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/vss"
)

// bip32Node is one node of a BIP-32 test vector chain.
type bip32Node struct {
	path, xpub, xprv string
}

// Test vectors 1, 2 and 3 of BIP-32 (repo bitcoin/bips, file
// bip-0032.mediawiki, section "Test Vectors"). The seeds are not needed:
// each chain starts from its master xprv.
var bip32Vectors = map[string][]bip32Node{
	"vector 1": {
		{"m",
			"xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8",
			"xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"},
		{"m/0H",
			"xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw",
			"xprv9uHRZZhk6KAJC1avXpDAp4MDc3sQKNxDiPvvkX8Br5ngLNv1TxvUxt4cV1rGL5hj6KCesnDYUhd7oWgT11eZG7XnxHrnYeSvkzY7d2bhkJ7"},
		{"m/0H/1",
			"xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ",
			"xprv9wTYmMFdV23N2TdNG573QoEsfRrWKQgWeibmLntzniatZvR9BmLnvSxqu53Kw1UmYPxLgboyZQaXwTCg8MSY3H2EU4pWcQDnRnrVA1xe8fs"},
		{"m/0H/1/2H",
			"xpub6D4BDPcP2GT577Vvch3R8wDkScZWzQzMMUm3PWbmWvVJrZwQY4VUNgqFJPMM3No2dFDFGTsxxpG5uJh7n7epu4trkrX7x7DogT5Uv6fcLW5",
			"xprv9z4pot5VBttmtdRTWfWQmoH1taj2axGVzFqSb8C9xaxKymcFzXBDptWmT7FwuEzG3ryjH4ktypQSAewRiNMjANTtpgP4mLTj34bhnZX7UiM"},
		{"m/0H/1/2H/2",
			"xpub6FHa3pjLCk84BayeJxFW2SP4XRrFd1JYnxeLeU8EqN3vDfZmbqBqaGJAyiLjTAwm6ZLRQUMv1ZACTj37sR62cfN7fe5JnJ7dh8zL4fiyLHV",
			"xprvA2JDeKCSNNZky6uBCviVfJSKyQ1mDYahRjijr5idH2WwLsEd4Hsb2Tyh8RfQMuPh7f7RtyzTtdrbdqqsunu5Mm3wDvUAKRHSC34sJ7in334"},
		{"m/0H/1/2H/2/1000000000",
			"xpub6H1LXWLaKsWFhvm6RVpEL9P4KfRZSW7abD2ttkWP3SSQvnyA8FSVqNTEcYFgJS2UaFcxupHiYkro49S8yGasTvXEYBVPamhGW6cFJodrTHy",
			"xprvA41z7zogVVwxVSgdKUHDy1SKmdb533PjDz7J6N6mV6uS3ze1ai8FHa8kmHScGpWmj4WggLyQjgPie1rFSruoUihUZREPSL39UNdE3BBDu76"},
	},
	"vector 2": {
		{"m",
			"xpub661MyMwAqRbcFW31YEwpkMuc5THy2PSt5bDMsktWQcFF8syAmRUapSCGu8ED9W6oDMSgv6Zz8idoc4a6mr8BDzTJY47LJhkJ8UB7WEGuduB",
			"xprv9s21ZrQH143K31xYSDQpPDxsXRTUcvj2iNHm5NUtrGiGG5e2DtALGdso3pGz6ssrdK4PFmM8NSpSBHNqPqm55Qn3LqFtT2emdEXVYsCzC2U"},
		{"m/0",
			"xpub69H7F5d8KSRgmmdJg2KhpAK8SR3DjMwAdkxj3ZuxV27CprR9LgpeyGmXUbC6wb7ERfvrnKZjXoUmmDznezpbZb7ap6r1D3tgFxHmwMkQTPH",
			"xprv9vHkqa6EV4sPZHYqZznhT2NPtPCjKuDKGY38FBWLvgaDx45zo9WQRUT3dKYnjwih2yJD9mkrocEZXo1ex8G81dwSM1fwqWpWkeS3v86pgKt"},
		{"m/0/2147483647H",
			"xpub6ASAVgeehLbnwdqV6UKMHVzgqAG8Gr6riv3Fxxpj8ksbH9ebxaEyBLZ85ySDhKiLDBrQSARLq1uNRts8RuJiHjaDMBU4Zn9h8LZNnBC5y4a",
			"xprv9wSp6B7kry3Vj9m1zSnLvN3xH8RdsPP1Mh7fAaR7aRLcQMKTR2vidYEeEg2mUCTAwCd6vnxVrcjfy2kRgVsFawNzmjuHc2YmYRmagcEPdU9"},
		{"m/0/2147483647H/1",
			"xpub6DF8uhdarytz3FWdA8TvFSvvAh8dP3283MY7p2V4SeE2wyWmG5mg5EwVvmdMVCQcoNJxGoWaU9DCWh89LojfZ537wTfunKau47EL2dhHKon",
			"xprv9zFnWC6h2cLgpmSA46vutJzBcfJ8yaJGg8cX1e5StJh45BBciYTRXSd25UEPVuesF9yog62tGAQtHjXajPPdbRCHuWS6T8XA2ECKADdw4Ef"},
		{"m/0/2147483647H/1/2147483646H",
			"xpub6ERApfZwUNrhLCkDtcHTcxd75RbzS1ed54G1LkBUHQVHQKqhMkhgbmJbZRkrgZw4koxb5JaHWkY4ALHY2grBGRjaDMzQLcgJvLJuZZvRcEL",
			"xprvA1RpRA33e1JQ7ifknakTFpgNXPmW2YvmhqLQYMmrj4xJXXWYpDPS3xz7iAxn8L39njGVyuoseXzU6rcxFLJ8HFsTjSyQbLYnMpCqE2VbFWc"},
		{"m/0/2147483647H/1/2147483646H/2",
			"xpub6FnCn6nSzZAw5Tw7cgR9bi15UV96gLZhjDstkXXxvCLsUXBGXPdSnLFbdpq8p9HmGsApME5hQTZ3emM2rnY5agb9rXpVGyy3bdW6EEgAtqt",
			"xprvA2nrNbFZABcdryreWet9Ea4LvTJcGsqrMzxHx98MMrotbir7yrKCEXw7nadnHM8Dq38EGfSh6dqA9QWTyefMLEcBYJUuekgW4BYPJcr9E7j"},
	},
	// Vector 3 checks that leading zeros of the private key are kept.
	"vector 3": {
		{"m",
			"xpub661MyMwAqRbcEZVB4dScxMAdx6d4nFc9nvyvH3v4gJL378CSRZiYmhRoP7mBy6gSPSCYk6SzXPTf3ND1cZAceL7SfJ1Z3GC8vBgp2epUt13",
			"xprv9s21ZrQH143K25QhxbucbDDuQ4naNntJRi4KUfWT7xo4EKsHt2QJDu7KXp1A3u7Bi1j8ph3EGsZ9Xvz9dGuVrtHHs7pXeTzjuxBrCmmhgC6"},
		{"m/0H",
			"xpub68NZiKmJWnxxS6aaHmn81bvJeTESw724CRDs6HbuccFQN9Ku14VQrADWgqbhhTHBaohPX4CjNLf9fq9MYo6oDaPPLPxSb7gwQN3ih19Zm4Y",
			"xprv9uPDJpEQgRQfDcW7BkF7eTya6RPxXeJCqCJGHuCJ4GiRVLzkTXBAJMu2qaMWPrS7AANYqdq6vcBcBUdJCVVFceUvJFjaPdGZ2y9WACViL4L"},
	},
}

// suffix returns the part of path below prefix and whether prefix is a
// proper prefix of path.
func suffix(prefix, path Path) (Path, bool) {
	if len(prefix) >= len(path) {
		return nil, false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return nil, false
		}
	}
	return path[len(prefix):], true
}

func mustPrivatePath(t testing.TB, s string) Path {
	p, err := ParsePrivatePath(s)
	require.NoError(t, err, s)
	return p
}

// The master xprv, derived privately (hardened steps included), gives every
// node's xprv fields and xpub exactly.
func TestBIP32VectorsPrivate(t *testing.T) {
	for name, chain := range bip32Vectors {
		t.Run(name, func(t *testing.T) {
			master, err := ParseExtendedPrivateKey(chain[0].xprv)
			require.NoError(t, err)
			for _, node := range chain {
				got, err := master.Derive(mustPrivatePath(t, node.path))
				require.NoError(t, err, node.path)
				want, err := ParseExtendedPrivateKey(node.xprv)
				require.NoError(t, err, node.path)
				require.True(t, got.Secret.Equal(want.Secret), node.path)
				require.Equal(t, want.ChainCode, got.ChainCode, node.path)
				require.Equal(t, want.Depth, got.Depth, node.path)
				require.Equal(t, want.ParentFingerprint, got.ParentFingerprint, node.path)
				require.Equal(t, want.ChildNumber, got.ChildNumber, node.path)
				require.Equal(t, want.Version, got.Version, node.path)
				pub, err := got.Public()
				require.NoError(t, err)
				require.Equal(t, node.xpub, pub.String(), node.path)
			}
		})
	}
}

// Every xpub round-trips, and public derivation from any node along a
// non-hardened remainder reaches the later node's xpub exactly.
func TestBIP32VectorsPublic(t *testing.T) {
	for name, chain := range bip32Vectors {
		t.Run(name, func(t *testing.T) {
			for i, from := range chain {
				parent, err := ParseExtendedKey(from.xpub)
				require.NoError(t, err, from.path)
				require.Equal(t, from.xpub, parent.String())
				for _, to := range chain[i+1:] {
					rest, ok := suffix(mustPrivatePath(t, from.path), mustPrivatePath(t, to.path))
					require.True(t, ok)
					child, err := parent.Derive(rest)
					if rest.IsHardened() {
						require.ErrorIs(t, err, ErrHardened, "%s -> %s", from.path, to.path)
						continue
					}
					require.NoError(t, err)
					require.Equal(t, to.xpub, child.String(), "%s -> %s", from.path, to.path)
				}
			}
		})
	}
}

// Threshold-style derivation: the private key of each node is split 2-of-3
// with vss.Split; DeriveTweak on the group key along a non-hardened
// remainder gives a tweak that every party adds to its share; any two
// tweaked shares reconstruct the later node's private key, and the derived
// public data serializes to the vector's xpub.
func TestBIP32VectorsThreshold(t *testing.T) {
	c := curve.Secp256k1()
	ids, err := vss.IDScalars(c, []uint32{1, 2, 3})
	require.NoError(t, err)
	checked := 0
	for name, chain := range bip32Vectors {
		for i, from := range chain {
			node, err := ParseExtendedPrivateKey(from.xprv)
			require.NoError(t, err)
			for _, to := range chain[i+1:] {
				rest, ok := suffix(mustPrivatePath(t, from.path), mustPrivatePath(t, to.path))
				require.True(t, ok)
				if rest.IsHardened() {
					continue
				}
				t.Run(fmt.Sprintf("%s/%s->%s", name, from.path, to.path), func(t *testing.T) {
					shares, cm, err := vss.Split(c, node.Secret, 2, ids, rand.Reader)
					require.NoError(t, err)
					group := cm.Constant()

					tweak, child, cc, err := DeriveTweak(group, node.ChainCode, rest)
					require.NoError(t, err)
					require.True(t, child.Equal(group.Add(c.ScalarBaseMult(tweak))))
					for k := range shares {
						shares[k].Value = shares[k].Value.Add(tweak)
					}
					// the parent of the last step, for the fingerprint
					_, parentKey, _, err := DeriveTweak(group, node.ChainCode, rest[:len(rest)-1])
					require.NoError(t, err)
					fp, err := Fingerprint(parentKey)
					require.NoError(t, err)

					want, err := ParseExtendedPrivateKey(to.xprv)
					require.NoError(t, err)
					for _, pair := range [][2]int{{0, 1}, {0, 2}, {1, 2}} {
						secret, err := vss.Reconstruct(c, []vss.Share{shares[pair[0]], shares[pair[1]]})
						require.NoError(t, err)
						require.True(t, secret.Equal(want.Secret), "shares %v", pair)
						xpub := &ExtendedKey{
							Version:           MainnetPublic(),
							Depth:             node.Depth + byte(len(rest)),
							ParentFingerprint: fp,
							ChildNumber:       rest[len(rest)-1],
							ChainCode:         cc,
							Key:               c.ScalarBaseMult(secret),
						}
						require.Equal(t, to.xpub, xpub.String())
					}
				})
				checked++
			}
		}
	}
	require.Equal(t, 7, checked) // 4 remainders in vector 1, 3 in vector 2
}

// The same through the key-share API: import an xprv with the dealer, then
// DeriveKeyShare on every share.
func TestBIP32VectorsKeyShares(t *testing.T) {
	c := curve.Secp256k1()
	chain := bip32Vectors["vector 1"]
	from, to := chain[3], chain[5] // m/0H/1/2H -> m/0H/1/2H/2/1000000000
	parties := partyIDs(3)
	kss, err := SplitExtendedPrivateKey(from.xprv, 2, parties, nil)
	require.NoError(t, err)
	rest, ok := suffix(mustPrivatePath(t, from.path), mustPrivatePath(t, to.path))
	require.True(t, ok)
	var shares []vss.Share
	var tweak curve.Scalar
	for _, ks := range kss {
		d, tw, err := DeriveKeyShare(ks, rest)
		require.NoError(t, err)
		require.NoError(t, d.Validate())
		if tweak != nil {
			require.True(t, tweak.Equal(tw))
		}
		tweak = tw
		want, err := ParseExtendedKey(to.xpub)
		require.NoError(t, err)
		require.True(t, d.GroupKey.Equal(want.Key))
		require.Equal(t, want.ChainCode, d.ChainCode)
		id, err := d.IDScalar(d.Self)
		require.NoError(t, err)
		shares = append(shares, vss.Share{ID: id, Value: d.Secret})
	}
	secret, err := vss.Reconstruct(c, shares[1:])
	require.NoError(t, err)
	want, err := ParseExtendedPrivateKey(to.xprv)
	require.NoError(t, err)
	require.True(t, secret.Equal(want.Secret))
}

func TestPathStringRoundTrip(t *testing.T) {
	for _, chain := range bip32Vectors {
		for _, node := range chain {
			p := mustPrivatePath(t, node.path)
			require.Equal(t, strings.ReplaceAll(node.path, "H", "h"), p.String())
		}
	}
}
