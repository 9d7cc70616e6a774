package cggmp_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// requestNonce is the fresh nonce whoever requests a run draws and sends
// to every party with the request; each party derives the run's session id
// from it with the protocol's helper.
func requestNonce() []byte {
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	return nonce
}

// runInProcess runs one Machine per party to completion. In a deployment
// each party runs only its own Machine, on its own host, with
// transport.Run(ctx, machine, conn) over its own authenticated Conn (for
// example from package transport/tlsnet); here the in-memory network of
// package memnet connects every party in this process.
func runInProcess[Out any](ctx context.Context, parties []transport.PartyID, machines map[transport.PartyID]transport.Machine[Out]) map[transport.PartyID]Out {
	net := memnet.New(parties)
	defer net.Close()
	out, errs := memnet.RunAll(ctx, net, machines, transport.WithRoundTimeout(time.Minute))
	if len(errs) > 0 {
		panic(fmt.Sprint(errs))
	}
	return out
}

// The whole ECDSA path, in the order a deployment performs it: three
// parties generate a 2-of-3 secp256k1 key (package dkg), run aux-info for
// their Paillier keys, join the two into cggmp Keys, presign with two of
// them before the message is known, and then sign a digest in one step:
// each signer's SignShare, one Combine, and the signature verifies under
// the group key. Every run's session id comes from that protocol's helper
// and a fresh nonce from whoever requested the run.
func Example_fullPath() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	secp256k1 := curve.Secp256k1()
	parties := []transport.PartyID{1, 2, 3}
	const threshold = 2

	// 1. Key generation: every party gets a Shamir share of a key that
	// exists nowhere, the group key and a BIP-32 chain code.
	nonce := requestNonce()
	keygen := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range parties {
		sid, err := dkg.SessionID(dkg.Protocol, secp256k1, parties, threshold, nonce)
		if err != nil {
			panic(err)
		}
		keygen[id], err = dkg.New(dkg.Config{Curve: secp256k1, Threshold: threshold, Parties: parties, Self: id, SessionID: sid})
		if err != nil {
			panic(err)
		}
	}
	shares := runInProcess(ctx, parties, keygen)

	// 2. Aux-info: every party publishes a Paillier key and ring-Pedersen
	// parameters and proves them well formed.
	nonce = requestNonce()
	auxRun := map[transport.PartyID]transport.Machine[*cggmp.AuxInfo]{}
	for i, id := range parties {
		// Production code calls cggmp.GenerateAuxSecret(ctx, rand.Reader)
		// here (or ahead of time): it searches two 1024-bit safe primes,
		// which takes seconds per party. This example builds the secret
		// from the repository's pre-generated test primes instead so that
		// it runs in a moment; those primes are public, and a key made
		// from them protects nothing.
		secret, err := cggmp.NewAuxSecret(testfixtures.ExampleKey(i), rand.Reader)
		if err != nil {
			panic(err)
		}
		sid, err := cggmp.AuxSessionID(parties, nonce)
		if err != nil {
			panic(err)
		}
		auxRun[id], err = cggmp.NewAux(cggmp.AuxConfig{Parties: parties, Self: id, SessionID: sid, Secret: secret})
		if err != nil {
			panic(err)
		}
	}
	aux := runInProcess(ctx, parties, auxRun)

	// 3. Each party joins its key share and aux info into its Key and
	// stores it.
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range parties {
		k, err := cggmp.NewKey(shares[id], aux[id])
		if err != nil {
			panic(err)
		}
		keys[id] = k
	}

	// 4. Presigning, before the message is known, by any 2 of the 3.
	signers := []transport.PartyID{1, 3}
	nonce = requestNonce()
	presign := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range signers {
		sid, err := cggmp.PresignSessionID(keys[id], signers, nil, nil, nonce)
		if err != nil {
			panic(err)
		}
		presign[id], err = cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
		if err != nil {
			panic(err)
		}
	}
	presignatures := runInProcess(ctx, signers, presign)

	// 5. Signing, once the digest is known: each signer turns its
	// presignature into a partial signature (consuming it) and sends it
	// to whoever combines; Combine checks the result, and names any signer
	// whose partial is wrong.
	digest := sha256.Sum256([]byte("pay 1 coin to Alice"))
	var partials []*cggmp.PartialSignature
	for _, id := range signers {
		partial, err := presignatures[id].SignShare(digest[:])
		if err != nil {
			panic(err)
		}
		partials = append(partials, partial)
	}
	sig, err := presignatures[1].Combine(digest[:], partials)
	if err != nil {
		panic(err)
	}

	// 6. Anyone verifies it under the group key, as any ECDSA signature.
	groupKey := keys[2].PublicKey()
	fmt.Println("signature verifies:", cggmp.VerifyLowS(groupKey, digest[:], sig) == nil)
	recovered, err := cggmp.RecoverPublicKey(digest[:], sig)
	fmt.Println("recovers the group key:", err == nil && recovered.Equal(groupKey))
	parity, err := sig.YParity()
	fmt.Println("Ethereum y parity is 0 or 1:", err == nil && parity <= 1)
	_, err = presignatures[3].SignShare(digest[:])
	fmt.Println("a presignature signs once:", errors.Is(err, cggmp.ErrPresignatureUsed))
	// Output:
	// signature verifies: true
	// recovers the group key: true
	// Ethereum y parity is 0 or 1: true
	// a presignature signs once: true
}

// setUpKeys makes every party's Key as steps 1 to 3 of Example_fullPath
// do, with package local, which runs those steps for all parties in this
// process. The aux secrets come from the public test primes (production:
// cggmp.GenerateAuxSecret), so it takes a moment.
func setUpKeys(ctx context.Context, parties []transport.PartyID, threshold int) map[transport.PartyID]*cggmp.Key {
	shares, err := local.Keygen(ctx, curve.Secp256k1(), threshold, parties)
	if err != nil {
		panic(err)
	}
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for i, id := range parties {
		if secrets[id], err = cggmp.NewAuxSecret(testfixtures.ExampleKey(i), rand.Reader); err != nil {
			panic(err)
		}
	}
	aux, err := local.AuxFromSecrets(ctx, secrets)
	if err != nil {
		panic(err)
	}
	keys, err := local.ECDSAKeys(shares, aux)
	if err != nil {
		panic(err)
	}
	return keys
}

// The signing Machines, on a 2-of-2 key made as in Example_fullPath (two
// parties keep the example quick: aux-info's proofs grow with the square
// of the number of parties). NewFullSign presigns and signs in one
// four-round run, for a caller that keeps no presignatures: here it signs
// for the BIP-32 child m/0/7 of the group key, a path fixed before
// presigning starts. A caller that presigns ahead of time instead runs
// NewPresign, stores the presignature, and signs later with the one-round
// NewSign Machine, which exchanges the partial signatures and combines
// them.
func ExampleNewFullSign() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	signers := []transport.PartyID{1, 2}
	keys := setUpKeys(ctx, signers, 2)

	// Presigning and signing in one run, at m/0/7.
	path, err := hd.ParsePath("m/0/7")
	if err != nil {
		panic(err)
	}
	digest := sha256.Sum256([]byte("pay 1 coin to Alice from m/0/7"))
	nonce := requestNonce()
	fullSign := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		sid, err := cggmp.FullSignSessionID(keys[id], signers, path, nil, digest[:], nonce)
		if err != nil {
			panic(err)
		}
		fullSign[id], err = cggmp.NewFullSign(cggmp.FullSignConfig{
			PresignConfig: cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Path: path},
			Digest:        digest[:],
		})
		if err != nil {
			panic(err)
		}
	}
	sigs := runInProcess(ctx, signers, fullSign)
	share := keys[1].Share
	_, child, _, err := hd.DeriveTweak(share.GroupKey, share.ChainCode, path)
	if err != nil {
		panic(err)
	}
	fmt.Println("full sign: both signers hold the same signature:", sigs[1].R.Equal(sigs[2].R) && sigs[1].S.Equal(sigs[2].S))
	fmt.Println("full sign: verifies under the m/0/7 key:", cggmp.VerifyLowS(child, digest[:], sigs[1]) == nil)

	// Presign now (as in Example_fullPath; package local runs it for every
	// signer here), sign later with NewSign.
	presignatures, err := local.Presign(ctx, keys, signers, nil)
	if err != nil {
		panic(err)
	}

	digest = sha256.Sum256([]byte("pay 2 coins to Bob"))
	nonce = requestNonce()
	sign := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		sid, err := cggmp.SignSessionID(presignatures[id], digest[:], nonce)
		if err != nil {
			panic(err)
		}
		sign[id], err = cggmp.NewSign(cggmp.SignConfig{Presignature: presignatures[id], Digest: digest[:], SessionID: sid})
		if err != nil {
			panic(err)
		}
	}
	sigs = runInProcess(ctx, signers, sign)
	fmt.Println("sign: verifies under the group key:", cggmp.VerifyLowS(share.GroupKey, digest[:], sigs[2]) == nil)
	v, err := sigs[2].EIP155V(1)
	fmt.Println("sign: EIP-155 v on chain 1 is 37 or 38:", err == nil && (v == 37 || v == 38))
	// Output:
	// full sign: both signers hold the same signature: true
	// full sign: verifies under the m/0/7 key: true
	// sign: verifies under the group key: true
	// sign: EIP-155 v on chain 1 is 37 or 38: true
}
