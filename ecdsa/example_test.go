package ecdsa_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/ecdsa"
)

// A P-256 signature in P1363 form (r || s, as WebCrypto and JOSE carry it)
// is verified against an uncompressed SEC1 public key, re-encoded as DER
// (as X.509 carries it) and decoded back. The values are test case 1 of
// Project Wycheproof's ecdsa_secp256r1_sha256_p1363_test.json.
func Example() {
	pubHex := "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838" +
		"c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"
	sigHex := "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18" +
		"4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
	pubBytes, _ := hex.DecodeString(pubHex)
	sigBytes, _ := hex.DecodeString(sigHex)
	digest := sha256.Sum256([]byte("123400"))

	c := curve.P256()
	pub, err := curve.DecodeSEC1(c, pubBytes)
	if err != nil {
		panic(err)
	}
	sig, err := ecdsa.ParseP1363(c, sigBytes)
	if err != nil {
		panic(err)
	}
	fmt.Println("valid:", ecdsa.VerifyVarTime(c, pub, digest[:], sig) == nil)

	der := sig.DER()
	again, err := ecdsa.ParseDER(c, der)
	fmt.Println("DER:", len(der), "bytes, decodes to the same signature:", err == nil && again.R.Equal(sig.R) && again.S.Equal(sig.S))

	other := sha256.Sum256([]byte("123401"))
	fmt.Println("other message:", ecdsa.VerifyVarTime(c, pub, other[:], sig))
	// Output:
	// valid: true
	// DER: 70 bytes, decodes to the same signature: true
	// other message: ecdsa: invalid signature
}
