package frost_test

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/frost"
)

// A 2-of-3 FROST(Ed25519, SHA-512) signing with a trusted dealer. Signers 1
// and 3 take part; values cross the "wire" in their encoded form, as they
// would between processes.
func Example() {
	suite := frost.Ed25519SHA512()
	keys, pub, err := frost.TrustedDealerKeygen(suite, nil, 3, 2, nil)
	if err != nil {
		panic(err)
	}
	signers := []*frost.KeyPackage{keys[0], keys[2]}
	msg := []byte("pay 1 coin to Alice")

	// Round one: each signer commits and sends its commitments.
	nonces := make([]*frost.SigningNonces, len(signers))
	var received []*frost.SigningCommitments
	for i, kp := range signers {
		n, comm, err := frost.Commit(suite, kp, nil)
		if err != nil {
			panic(err)
		}
		nonces[i] = n
		decoded, err := frost.DecodeSigningCommitments(suite, comm.Bytes())
		if err != nil {
			panic(err)
		}
		received = append(received, decoded)
	}

	// The coordinator builds the signing package and sends it out.
	pkg, err := frost.NewSigningPackage(suite, received, msg)
	if err != nil {
		panic(err)
	}
	wire := pkg.Bytes()

	// Round two: each signer checks the package and signs.
	shares := map[frost.Identifier]*frost.SignatureShare{}
	for i, kp := range signers {
		p, err := frost.DecodeSigningPackage(suite, wire)
		if err != nil {
			panic(err)
		}
		share, err := frost.Sign(suite, p, nonces[i], kp)
		if err != nil {
			panic(err)
		}
		shares[kp.Identifier()] = share
	}

	// The coordinator aggregates; the result is a plain Ed25519 signature.
	sig, err := frost.Aggregate(suite, pkg, shares, pub)
	if err != nil {
		panic(err)
	}
	fmt.Println("signers:", pkg.Identifiers())
	fmt.Println("signature bytes:", len(sig))
	fmt.Println("crypto/ed25519 accepts:", ed25519.Verify(pub.GroupKey().Bytes(), msg, sig))

	// Nonces are single use.
	_, err = frost.Sign(suite, pkg, nonces[0], signers[0])
	fmt.Println(err)
	// Output:
	// signers: [1 3]
	// signature bytes: 64
	// crypto/ed25519 accepts: true
	// frost: signing nonces already used
}
