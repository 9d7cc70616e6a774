package ecdsa_test

import (
	"fmt"
	"math/big"

	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// A Starknet signature checked as Starknet checks it: the public key is
// an x-coordinate, the message is a 251-bit hash given as 32 bytes, and
// (r, s) are field elements. The values are the first message of
// StarkWare's rfc6979_signature_test_vector.json (starkex-resources) and
// the public key of its private key.
func ExampleVerifyStarkXVarTime() {
	dec := func(s string) []byte {
		v, _ := new(big.Int).SetString(s, 0)
		return v.FillBytes(make([]byte, 32))
	}
	pubX := dec("0x77a3b314db07c45076d11f62b6f9e748a39790441823307743cf00d6597ea43")
	hash := dec("0x1")
	r := dec("3162358736122783857144396205516927012128897537504463716197279730251407200037")
	s := dec("1447067116407676619871126378936374427636662490882969509559888874644844560850")

	sig, err := ecdsa.ParseStarkSignature(append(r, s...))
	if err != nil {
		panic(err)
	}
	fmt.Println(ecdsa.VerifyStarkXVarTime(pubX, hash, sig))
	fmt.Println(ecdsa.VerifyStarkXVarTime(pubX, dec("0x2"), sig))
	tooBig := dec("0x800000000000000000000000000000000000000000000000000000000000000") // 2^251
	fmt.Println(ecdsa.VerifyStarkXVarTime(pubX, tooBig, sig))
	// Output:
	// <nil>
	// ecdsa: invalid signature
	// ecdsa: invalid signature: ecdsa: value outside Starknet's signature ranges: message hash >= 2^251
}
