package dec_test

import (
	"fmt"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/dec"
)

// Presigning identification: party i shows that the δ_i it announced is
// the decryption, modulo q, of a ciphertext C everyone can recompute from
// the transcript (H_i and the MtA ciphertexts). Here C is simply given.
func Example() {
	tb := &testing.T{} // fixtures are test-only; examples run in the test binary
	skI := testfixtures.PaillierKey(tb, 1)
	auxJ, _, err := testfixtures.PaillierKey(tb, 2).GeneratePedersen(nil)
	if err != nil {
		panic(err)
	}
	secp := curve.Secp256k1()

	// A plaintext of MtA-sum size (beyond q and beyond ±2^(ℓ+ε)).
	y := new(saferith.Int).SetNat(new(saferith.Nat).Lsh(new(saferith.Nat).SetUint64(12345), 1700, -1)).Neg(1)
	capC, _, _ := skI.Enc(nil, y)

	// The prover recovers y and ρ by decryption; δ_i = y mod q.
	plain, rho, _ := skI.DecWithNonce(capC)
	deltaI := secp.ScalarFromInt(plain)

	pub := dec.Public{N0: skI.PublicKey(), C: capC, X: deltaI, Aux: auxJ}
	session := []byte("presign session id")
	tp := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tp, session, 1, 2)
	proof, err := dec.NewProof(tp, pub, dec.Private{Y: plain, Rho: rho, SecretKey: skI}, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()
	received, err := dec.DecodeProof(pub, wire)
	if err != nil {
		panic(err)
	}
	tv := transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tv, session, 1, 2)
	fmt.Println("valid:", received.Verify(tv, pub) == nil)

	// A different claimed δ_i is refused.
	pub.X = deltaI.Add(secp.ScalarFromUint64(1))
	tv = transcript.New("mosaic/cggmp/presign/v1")
	zk.BindContext(tv, session, 1, 2)
	fmt.Println("wrong δ refused:", received.Verify(tv, pub) != nil)
	// Output:
	// valid: true
	// wrong δ refused: true
}
