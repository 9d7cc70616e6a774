package jsonl_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"os"

	"github.com/mosaic-mpc/mosaic/examples/jsonl"
)

// An Ed25519 signature as the examples print it with -json. The key comes
// from a fixed seed so that the line never changes; a threshold signature
// from package frost prints the same way and verifies alike.
func Example() {
	seed := sha256.Sum256([]byte("jsonl example"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	msg := []byte("hi")
	line := jsonl.Line{
		Scheme:    jsonl.Ed25519,
		PublicKey: priv.Public().(ed25519.PublicKey),
		Message:   msg,
		Signature: ed25519.Sign(priv, msg),
		Extra:     map[string]any{"signers": []int{1, 3}},
	}
	if err := jsonl.Write(os.Stdout, line); err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// {"message":"6869","public_key":"60af3d1fabe2f168d4abc8ba06f7bdc1cf6cb4d85effbac1ad02a08585a7f923","scheme":"ed25519","signature":"a95ee75c52d5e6e13a86c5ca50f1bae1c70bec7852d29d03ba3151604f89a6fe92f8df91e5cc600d3807c782e6f6085dfa319bde3f9690d1eebf6a98d389590b","signers":[1,3]}
}
