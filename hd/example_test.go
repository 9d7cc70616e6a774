package hd_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// A wallet's master xprv (BIP-32 test vector 1) is imported 2-of-3 by a
// trusted dealer; each party derives its share of m/7/1 locally, and the
// group publishes the child's Ethereum address without any party learning
// the key.
func Example() {
	const xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"
	shares, err := hd.SplitExtendedPrivateKey(xprv, 2, []transport.PartyID{1, 2, 3}, nil)
	if err != nil {
		panic(err)
	}
	path, err := hd.ParsePath("m/7/1")
	if err != nil {
		panic(err)
	}
	var addresses []string
	for _, ks := range shares {
		child, _, err := hd.DeriveKeyShare(ks, path)
		if err != nil {
			panic(err)
		}
		addresses = append(addresses, hd.EthereumAddress(child.GroupKey))
	}
	fmt.Println("all parties agree:", addresses[0] == addresses[1] && addresses[1] == addresses[2])

	// A watch-only wallet derives the same key from the group's xpub.
	xpub, err := hd.MasterPublicKey(shares[0], hd.MainnetPublic())
	if err != nil {
		panic(err)
	}
	watch, err := xpub.Derive(path)
	if err != nil {
		panic(err)
	}
	fmt.Println("watch-only agrees:", hd.EthereumAddress(watch.Key) == addresses[0])
	fmt.Println(xpub)

	_, err = hd.ParsePath("m/44'/60'/0'/0/0")
	fmt.Println(err)
	// Output:
	// all parties agree: true
	// watch-only agrees: true
	// xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8
	// hd: hardened derivation needs the private key: component 0 "44'" is hardened
}
