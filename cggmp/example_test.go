package cggmp_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
)

// What a caller does with the Signature that Presignature.Combine or the
// NewSign machine returns: verify it, recover the public key from it, and
// encode it for Bitcoin (DER) or Ethereum (r || s || v).
//
// A threshold run needs Paillier keys from safe primes, which takes seconds,
// so here decred's RFC 6979 signer plays the signers: its deterministic,
// low-S signature has exactly the form of a threshold one, and the output
// below never changes.
func Example() {
	seed := sha256.Sum256([]byte("mosaic example key, never use it"))
	priv := secp256k1.PrivKeyFromBytes(seed[:])
	pub, err := curve.Secp256k1().DecodePoint(priv.PubKey().SerializeCompressed(), false)
	if err != nil {
		panic(err)
	}
	digest := sha256.Sum256([]byte("pay 1 coin to Alice"))

	// SignCompact returns 27 + 4 + recovery id, then r || s.
	compact := ecdsa.SignCompact(priv, digest[:], true)
	sig, err := cggmp.ParseSignature(compact[1:])
	if err != nil {
		panic(err)
	}
	sig.RecoveryID = compact[0] - 27 - 4

	fmt.Println("verifies:", cggmp.VerifyLowS(pub, digest[:], sig) == nil)
	recovered, err := cggmp.RecoverPublicKey(digest[:], sig)
	if err != nil {
		panic(err)
	}
	fmt.Println("recovered key matches:", recovered.Equal(pub))
	fmt.Println("r || s:", len(sig.Bytes()), "bytes")
	fmt.Println("DER:", hex.EncodeToString(sig.DER())[:12]+"...")
	eth := sig.Ethereum()
	fmt.Printf("Ethereum v: %d (27 + recovery id %d)\n", eth[64], sig.RecoveryID)

	// The same signature with s replaced by n - s is valid ECDSA, but
	// Bitcoin and Ethereum refuse it; VerifyLowS does too.
	high := &cggmp.Signature{R: sig.R, S: sig.S.Negate(), RecoveryID: sig.RecoveryID ^ 1}
	fmt.Println("high S, Verify:", cggmp.Verify(pub, digest[:], high))
	fmt.Println("high S, VerifyLowS:", cggmp.VerifyLowS(pub, digest[:], high))

	// Another digest does not verify.
	other := sha256.Sum256([]byte("pay 2 coins to Alice"))
	fmt.Println("other digest:", cggmp.Verify(pub, other[:], sig))
	// Output:
	// verifies: true
	// recovered key matches: true
	// r || s: 64 bytes
	// DER: 3045022100a2...
	// Ethereum v: 27 (27 + recovery id 0)
	// high S, Verify: <nil>
	// high S, VerifyLowS: cggmp: invalid ECDSA signature: high S
	// other digest: cggmp: invalid ECDSA signature: ecdsa: invalid signature
}
