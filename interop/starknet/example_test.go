package starknet_test

import (
	"fmt"
	"math/big"

	snc "github.com/NethermindEth/starknet.go/curve"

	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// One published Starknet signature (the first message of StarkWare's
// rfc6979_signature_test_vector.json in starkex-resources), checked by
// mosaic's verifier and by Starknet's.
func Example() {
	dec := func(s string) *big.Int {
		v, _ := new(big.Int).SetString(s, 0)
		return v
	}
	pubX := dec("0x77a3b314db07c45076d11f62b6f9e748a39790441823307743cf00d6597ea43")
	hash := dec("0x1")
	r := dec("3162358736122783857144396205516927012128897537504463716197279730251407200037")
	s := dec("1447067116407676619871126378936374427636662490882969509559888874644844560850")

	sig, err := ecdsa.ParseStarkSignature(append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...))
	if err != nil {
		panic(err)
	}
	fmt.Println("mosaic:", ecdsa.VerifyStarkXVarTime(pubX.FillBytes(make([]byte, 32)), hash.FillBytes(make([]byte, 32)), sig))

	// Starknet's verifier takes the full point; the key is known by its x
	// alone, so either y may be the one.
	y := snc.Curve.GetYCoordinate(pubX)
	ok := snc.Curve.Verify(hash, r, s, pubX, y) || snc.Curve.Verify(hash, r, s, pubX, new(big.Int).Sub(snc.Curve.P, y))
	fmt.Println("starknet.go:", ok)
	// Output:
	// mosaic: <nil>
	// starknet.go: true
}
