package bls_test

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/bls"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
)

// A 2-of-3 BLS key from the dealerless DKG signs with two of its parties;
// the combined signature is an ordinary BLS signature under the group key.
func Example() {
	ctx := context.Background()
	ids := local.Parties(3)
	shares, err := local.Keygen(ctx, curve.BLS12381G1(), 2, ids)
	if err != nil {
		panic(err)
	}
	msg := []byte("block root")
	suite := bls.POP()
	var partials []*bls.PartialSignature
	for _, id := range ids[1:] {
		p, err := suite.PartialSign(shares[id], msg)
		if err != nil {
			panic(err)
		}
		partials = append(partials, p)
	}
	key := shares[ids[0]]
	sig, err := suite.Combine(key, msg, partials)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(key.GroupKey.Bytes()), len(sig.Bytes()), suite.Verify(key.GroupKey, msg, sig))
	// Output: 48 96 <nil>
}

// The POP ciphersuite with one key: sign, prove possession, verify.
func ExampleSuite_Sign() {
	sk := curve.BLS12381G1().ScalarFromUint64(42)
	pk, _ := bls.SkToPk(sk)
	suite := bls.POP()
	sig, _ := suite.Sign(sk, []byte("hello"))
	proof, _ := suite.PopProve(sk)
	fmt.Println(suite.Name())
	fmt.Println(suite.Verify(pk, []byte("hello"), sig), suite.PopVerify(pk, proof))
	fmt.Println(suite.Verify(pk, []byte("hellO"), sig))
	// Output:
	// BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_
	// <nil> <nil>
	// bls: invalid signature
}
