package cggmp_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Presigning at one signer of a deployment: the party loads its stored Key,
// derives the run's session id from the signing set and the fresh nonce
// that whoever requested the run sent to every signer, and runs its
// Machine over its own authenticated connection to the others (for example
// a session of package transport/tlsnet). Every signer does the same with
// the same signing set and nonce, and ends with its own Presignature, to
// keep until a digest is to be signed (NewSign, or SignShare and Combine).
// Example_fullPath runs every step in one process.
func ExampleNewPresign() {
	var (
		storedKey []byte              // this party's Key, as Key.MarshalBinary wrote it
		conn      transport.Conn      // this party's connection to the other signers
		signers   []transport.PartyID // from the request, for example {1, 3}
		nonce     []byte              // from the request: at least cggmp.NonceSize fresh bytes
	)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	key, err := cggmp.ParseKey(storedKey)
	if err != nil {
		fmt.Println("cannot load the key:", err)
		return
	}
	sid, err := cggmp.PresignSessionID(key, signers, nil, nil, nonce)
	if err != nil {
		fmt.Println("refused request:", err)
		return
	}
	machine, err := cggmp.NewPresign(cggmp.PresignConfig{Key: key, Signers: signers, SessionID: sid})
	if err != nil {
		fmt.Println("refused request:", err)
		return
	}
	presignature, err := transport.Run(ctx, machine, conn, transport.WithRoundTimeout(time.Minute))
	var abort *transport.AbortError
	switch {
	case errors.As(err, &abort):
		// Every honest signer names the same parties.
		fmt.Println("presigning aborted, culprits:", abort.Culprits)
	case err != nil:
		fmt.Println("presigning failed:", err)
	default:
		fmt.Println("presignature for the key", presignature.PublicKey())
	}
}
