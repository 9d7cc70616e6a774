package logstar_test

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/logstar"
)

// CGGMP21 presigning, Round 3: party i shows party j that Δ_i = k_i·Γ uses
// the k_i inside its Round 1 ciphertext K_i = enc_i(k_i; ρ_i).
func Example() {
	tb := &testing.T{} // fixtures are test-only; examples run in the test binary
	skI := testfixtures.PaillierKey(tb, 1)
	auxJ, _, err := testfixtures.PaillierKey(tb, 2).GeneratePedersen(nil)
	if err != nil {
		panic(err)
	}
	secp := curve.Secp256k1()
	kI, _ := secp.RandomScalar(rand.Reader)
	k := new(saferith.Int).SetNat(kI.Nat())
	capK, rho, _ := skI.Enc(nil, k)
	gammaSum, _ := secp.RandomScalar(rand.Reader)
	capGamma := secp.ScalarBaseMult(gammaSum) // Γ = Σ Γ_j

	pub := logstar.Public{
		N0: skI.PublicKey(), C: capK,
		X: capGamma.ScalarMult(kI), G: capGamma, Aux: auxJ,
	}
	session := []byte("presign session id")
	tp := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tp, session, 1, 2)
	proof, err := logstar.NewProof(tp, pub, logstar.Private{X: k, Rho: rho, SecretKey: skI}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	received, err := logstar.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	tv := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tv, session, 1, 2)
	fmt.Println("valid:", received.Verify(tv, pub) == nil)
	// Output: valid: true
}
