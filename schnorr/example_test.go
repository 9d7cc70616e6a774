package schnorr_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/schnorr"
)

// BIP-340 signing and verification with the BIP's test vector 1 key. Real
// callers pass 32 fresh random bytes as auxRand.
func ExampleSign() {
	sk, _ := curve.Secp256k1().DecodeScalar([]byte{
		0xb7, 0xe1, 0x51, 0x62, 0x8a, 0xed, 0x2a, 0x6a, 0xbf, 0x71, 0x58, 0x80, 0x9c, 0xf4, 0xf3, 0xc7,
		0x62, 0xe7, 0x16, 0x0f, 0x38, 0xb4, 0xda, 0x56, 0xa7, 0x84, 0xd9, 0x04, 0x51, 0x90, 0xcf, 0xef,
	})
	pub, _ := schnorr.PublicKey(sk)
	msg := []byte("hello taproot")
	sig, err := schnorr.Sign(sk, msg, make([]byte, 32))
	if err != nil {
		panic(err)
	}
	fmt.Printf("public key %x\n", pub)
	fmt.Println("valid:", schnorr.Verify(pub, msg, sig) == nil)
	fmt.Println("other message valid:", schnorr.Verify(pub, []byte("hello"), sig) == nil)
	// Output:
	// public key dff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659
	// valid: true
	// other message valid: false
}

// A DKG participant proves knowledge of its secret contribution; the
// transcript binds the session and the prover, so the proof is useless in
// another session or for another party.
func ExampleProve() {
	c := curve.Edwards25519()
	x := c.ScalarFromUint64(1234567) // the secret a_0 (random in real use)
	X := c.ScalarBaseMult(x)
	bind := func(session string, prover uint64) *transcript.Transcript {
		t := transcript.New("mosaic/example/dkg/v1")
		t.AppendBytes("session id", []byte(session))
		t.AppendUint64("prover", prover)
		return t
	}

	proof, err := schnorr.Prove(bind("session-1", 3), x, X, nil)
	if err != nil {
		panic(err)
	}
	wire, _ := proof.MarshalBinary()

	received, err := schnorr.DecodeProof(c, wire)
	if err != nil {
		panic(err)
	}
	fmt.Println("verifies:", received.Verify(bind("session-1", 3), X) == nil)
	fmt.Println("replayed in session 2:", received.Verify(bind("session-2", 3), X) == nil)
	fmt.Println("claimed by party 2:", received.Verify(bind("session-1", 2), X) == nil)
	// Output:
	// verifies: true
	// replayed in session 2: false
	// claimed by party 2: false
}
