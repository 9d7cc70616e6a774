package fac_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/fac"
)

// Party 3 proves to party 1 that its Paillier modulus has no small factor,
// against party 1's ring-Pedersen parameters.
func Example() {
	prover := testfixtures.ExampleKey(0)
	aux1, _, err := testfixtures.ExampleKey(1).GeneratePedersen(nil)
	if err != nil {
		panic(err)
	}

	bound := func(prover, verifier uint32) *transcript.Transcript {
		t := transcript.New("mosaic/example")
		zk.BindContext(t, []byte("session-1"), prover, verifier)
		return t
	}
	pub := fac.Public{N0: prover.PublicKey(), Aux: aux1}

	proof, err := fac.NewProof(bound(3, 1), pub, fac.Private{P: prover.P(), Q: prover.Q()}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	received, err := fac.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("party 1:", received.Verify(bound(3, 1), pub))
	fmt.Println("party 2 (replay):", received.Verify(bound(3, 2), pub) != nil)
	// Output:
	// party 1: <nil>
	// party 2 (replay): true
}
