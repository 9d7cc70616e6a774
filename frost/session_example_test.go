package frost_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Two of three signers sign with the peer-to-peer NewSign machine. Whoever
// asks for the signature draws a fresh nonce and sends it with the request;
// each signer derives the session id from it and from the run's public
// inputs, so every signer gets the same id without trusting the requester
// to choose one, and no id is ever reused for another run.
func ExampleSessionID() {
	suite := frost.Ed25519SHA512()
	keys, pub, err := frost.TrustedDealerKeygen(suite, nil, 3, 2, nil)
	if err != nil {
		panic(err)
	}
	signers := []transport.PartyID{1, 3}
	msg := []byte("pay 1 coin to Alice")

	// The request: signers, message and a fresh nonce.
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}

	machines := map[transport.PartyID]transport.Machine[[]byte]{}
	var ids [][]byte
	for _, id := range signers {
		// Each signer, on its own machine: the id from the request.
		sid, err := frost.SessionID(suite, pub, signers, msg, nonce)
		if err != nil {
			panic(err)
		}
		ids = append(ids, sid)
		m, err := frost.NewSign(frost.SignConfig{
			Suite: suite, Key: keys[id-1], Public: pub,
			Signers: signers, Self: id, SessionID: sid, Message: msg,
		})
		if err != nil {
			panic(err)
		}
		machines[id] = m
	}
	fmt.Println("every signer derived the same id:", bytes.Equal(ids[0], ids[1]))

	// In a deployment each signer calls transport.Run with its own Conn;
	// here memnet connects them in one process.
	net := memnet.New(signers)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sigs, errs := memnet.RunAll(ctx, net, machines)
	if len(errs) > 0 {
		panic(fmt.Sprint(errs))
	}
	fmt.Println("crypto/ed25519 accepts:", ed25519.Verify(pub.GroupKey().Bytes(), msg, sigs[1]))

	// A nonce too short to be fresh is refused.
	_, err = frost.SessionID(suite, pub, signers, msg, nonce[:8])
	fmt.Println("short nonce refused:", errors.Is(err, frost.ErrConfig))
	// Output:
	// every signer derived the same id: true
	// crypto/ed25519 accepts: true
	// short nonce refused: true
}
