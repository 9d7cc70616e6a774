package prm_test

import (
	"crypto/rand"
	"fmt"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/prm"
)

// Party 1 makes ring-Pedersen parameters (N̂, s, t) as CGGMP21 does, t a random
// square and s = t^λ, and proves s ∈ ⟨t⟩; party 2 decodes and verifies.
func Example() {
	// Blum safe primes of 1024 bits (test values; real ones come from
	// paillier.GenerateKey).
	p, _ := new(saferith.Nat).SetHex("CD19EFA07FB2F5EC905B4D4DCAB8D32B81717849A6AD6FA02B27574B54146CC0E22E76B4AFA1F39EF5CF774D5A09DF02A8231F505A709ABDB94DC2DF5D3437AE6AA2B64A5E0BCB761A2A564251378FC7BC6F16CF282E70EC75606A276197213633901F61C43658E4B1D141DAEEE38B029EDD3E4CF1A7120F2FFDD7DD8D3F410F")
	q, _ := new(saferith.Nat).SetHex("EF0612B0EE7885479819BBE37BF7F530A7F97C76B7FA18C34BC9C9CF958A83AF3C370A5A6D3098F050CC4DD9D5F066E2EE7E8EA8EF0D0BBC72132BCBFBCDC26E41C5058745C1486FFC7047512664998CBEB34DF2E8BBBF4EDAC8E59A82F8F4CF669822C571E638CF8A8DF1B7A115E18CC04E0EA9D72BF8574FF192FA86234147")
	n := saferith.ModulusFromNat(new(saferith.Nat).Mul(p, q, 2048))
	one := new(saferith.Nat).SetUint64(1)
	phi := saferith.ModulusFromNat(new(saferith.Nat).Mul(
		new(saferith.Nat).Sub(p, one, 1024), new(saferith.Nat).Sub(q, one, 1024), 2048))

	r, _ := bigint.SampleUnit(rand.Reader, n)
	t := new(saferith.Nat).ModMul(r, r, n)
	lambda, _ := bigint.SampleNat(rand.Reader, phi)
	s := new(saferith.Nat).Exp(t, lambda, n)
	pub := prm.Public{N: n, S: s, T: t}
	session := []byte("aux-info session 7")

	tp := transcript.New("mosaic/cggmp/aux-info/v1")
	zk.BindContext(tp, session, 1, 0)
	proof, err := prm.NewProof(tp, pub, prm.Private{P: p, Q: q, Lambda: lambda}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	tv := transcript.New("mosaic/cggmp/aux-info/v1")
	zk.BindContext(tv, session, 1, 0)
	received, err := prm.DecodeProof(wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("proof bytes:", len(wire))
	fmt.Println("valid:", received.Verify(tv, pub) == nil)
	// Output:
	// proof bytes: 65541
	// valid: true
}
