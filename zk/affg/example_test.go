package affg_test

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
	"github.com/mosaic-mpc/mosaic/zk/affg"
)

// One MtA step of CGGMP21 presigning: party i (prover, Paillier key N_i)
// answers party j's K_j = enc_j(k_j) with D = (γ_i ⊙ K_j) ⊕ enc_j(−β; s) and
// F = enc_i(−β; r), and proves it to party j (verifier, Paillier key N_j and
// ring-Pedersen parameters R_j). The proof's y is −β.
func Example() {
	tb := &testing.T{} // fixtures are test-only; examples run in the test binary
	skJ, skI := testfixtures.PaillierKey(tb, 0), testfixtures.PaillierKey(tb, 1)
	pkJ, pkI := skJ.PublicKey(), skI.PublicKey()
	auxJ, _, err := testfixtures.PaillierKey(tb, 2).GeneratePedersen(nil)
	if err != nil {
		panic(err)
	}
	secp := curve.Secp256k1()

	// Round 1, party j: K_j = enc_j(k_j).
	kJ, _ := secp.RandomScalar(rand.Reader)
	capK, _, _ := pkJ.Enc(nil, new(saferith.Int).SetNat(kJ.Nat()))

	// Round 2, party i: γ_i, β ← ±2^ℓ', D and F.
	gammaI, _ := secp.RandomScalar(rand.Reader)
	gamma := new(saferith.Int).SetNat(gammaI.Nat())
	beta, _ := bigint.SampleIntBits(nil, zk.LPrime)
	negBeta := new(saferith.Int).SetInt(beta).Neg(1)
	s, _ := bigint.SampleUnit(nil, pkJ.N())
	r, _ := bigint.SampleUnit(nil, pkI.N())
	capD := pkJ.Add(pkJ.MulScalar(capK, gamma), pkJ.EncWithNonce(negBeta, s))
	capF := skI.EncWithNonce(negBeta, r)

	pub := affg.Public{
		N0: pkJ, N1: pkI, C: capK, D: capD, Y: capF,
		X: secp.ScalarBaseMult(gammaI), Aux: auxJ,
	}
	session := []byte("presign session id")
	const i, j = 1, 2

	tp := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tp, session, i, j)
	proof, err := affg.NewProof(tp, pub,
		affg.Private{X: gamma, Y: negBeta, Rho: s, RhoY: r, SecretKey: skI}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	// Party j decodes against the statement it expects and verifies.
	received, err := affg.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	tv := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tv, session, i, j)
	fmt.Println("valid:", received.Verify(tv, pub) == nil)

	// Party j's share: α = dec_j(D) = γ_i·k_j − β.
	alpha, _ := skJ.Dec(capD)
	sum := new(saferith.Int).Add(alpha, beta, -1)
	want := new(saferith.Int).Mul(gamma, new(saferith.Int).SetNat(kJ.Nat()), -1)
	fmt.Println("α + β = γ·k:", sum.Eq(want) == 1)
	// Output:
	// valid: true
	// α + β = γ·k: true
}
