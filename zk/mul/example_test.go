package mul_test

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/mul"
)

// Presigning identification: party i publishes H_i = (k_i ⊙ G_i) ⊕ enc(0; ρ)
// and proves that it encrypts k_i·γ_i, where K_i = enc(k_i; ρ_i) and
// G_i = enc(γ_i; ν_i) are its Round 1 ciphertexts.
func Example() {
	tb := &testing.T{} // fixtures are test-only; examples run in the test binary
	sk := testfixtures.PaillierKey(tb, 1)
	pk := sk.PublicKey()
	secp := curve.Secp256k1()
	kS, _ := secp.RandomScalar(rand.Reader)
	gS, _ := secp.RandomScalar(rand.Reader)
	k := new(saferith.Int).SetNat(kS.Nat())
	gamma := new(saferith.Int).SetNat(gS.Nat())
	capK, rhoK, _ := sk.Enc(nil, k)
	capG, _, _ := sk.Enc(nil, gamma)
	rho, _ := bigint.SampleUnit(nil, pk.N())
	capH := pk.Add(pk.MulScalar(capG, k), sk.EncWithNonce(new(saferith.Int), rho))

	pub := mul.Public{N: pk, X: capK, Y: capG, C: capH}
	session := []byte("presign session id")
	tp := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tp, session, 1, 0)
	proof, err := mul.NewProof(tp, pub, mul.Private{X: k, Rho: rho, RhoX: rhoK, SecretKey: sk}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()
	received, err := mul.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	tv := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tv, session, 1, 0)
	fmt.Println("valid:", received.Verify(tv, pub) == nil)

	h, _ := sk.Dec(capH)
	want := new(saferith.Int).Mul(k, gamma, -1)
	fmt.Println("H encrypts k·γ:", h.Eq(want) == 1)
	// Output:
	// valid: true
	// H encrypts k·γ: true
}
