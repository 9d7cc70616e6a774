package enc_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/enc"
)

// Party 3 encrypts its nonce share k under its own Paillier key and proves
// to party 1, against party 1's ring-Pedersen parameters, that the
// plaintext is small (CGGMP21 presigning, round 1).
func Example() {
	prover := testfixtures.ExampleKey(0)
	aux1, _, err := testfixtures.ExampleKey(1).GeneratePedersen(nil)
	if err != nil {
		panic(err)
	}

	k := new(saferith.Int).SetUint64(123456789)
	ct, rho, err := prover.Enc(nil, k)
	if err != nil {
		panic(err)
	}
	pub := enc.Public{N0: prover.PublicKey(), K: ct.Nat(), Aux: aux1}

	bound := func(session string) *transcript.Transcript {
		t := transcript.New("mosaic/example")
		zk.BindContext(t, []byte(session), 3, 1)
		return t
	}
	proof, err := enc.NewProof(bound("session-1"), pub, enc.Private{Plaintext: k, Nonce: rho, SecretKey: prover}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	received, err := enc.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("verified:", received.Verify(bound("session-1"), pub))
	fmt.Println("other session rejected:", received.Verify(bound("session-2"), pub) != nil)
	// Output:
	// verified: <nil>
	// other session rejected: true
}
