package mod_test

import (
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/mod"
)

// Party 1 proves to everyone that its Paillier modulus is a Paillier-Blum
// integer; party 2 decodes and verifies the proof.
func Example() {
	// Blum safe primes of 1024 bits (test values; real ones come from
	// paillier.GenerateKey and its SecretKey.P, SecretKey.Q).
	p, _ := new(saferith.Nat).SetHex("CD19EFA07FB2F5EC905B4D4DCAB8D32B81717849A6AD6FA02B27574B54146CC0E22E76B4AFA1F39EF5CF774D5A09DF02A8231F505A709ABDB94DC2DF5D3437AE6AA2B64A5E0BCB761A2A564251378FC7BC6F16CF282E70EC75606A276197213633901F61C43658E4B1D141DAEEE38B029EDD3E4CF1A7120F2FFDD7DD8D3F410F")
	q, _ := new(saferith.Nat).SetHex("EF0612B0EE7885479819BBE37BF7F530A7F97C76B7FA18C34BC9C9CF958A83AF3C370A5A6D3098F050CC4DD9D5F066E2EE7E8EA8EF0D0BBC72132BCBFBCDC26E41C5058745C1486FFC7047512664998CBEB34DF2E8BBBF4EDAC8E59A82F8F4CF669822C571E638CF8A8DF1B7A115E18CC04E0EA9D72BF8574FF192FA86234147")
	pub := mod.Public{N: saferith.ModulusFromNat(new(saferith.Nat).Mul(p, q, 2048))}
	session := []byte("aux-info session 7")

	// Prover (party 1, broadcast: verifier 0).
	tp := transcript.New("mosaic/cggmp/aux-info/v1")
	zk.BindContext(tp, session, 1, 0)
	proof, err := mod.NewProof(tp, pub, mod.Private{P: p, Q: q}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	// Verifier (party 2), on its own transcript bound to the same context.
	tv := transcript.New("mosaic/cggmp/aux-info/v1")
	zk.BindContext(tv, session, 1, 0)
	received, err := mod.DecodeProof(wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("proof bytes:", len(wire))
	fmt.Println("valid:", received.Verify(tv, pub) == nil)
	// Output:
	// proof bytes: 65925
	// valid: true
}
