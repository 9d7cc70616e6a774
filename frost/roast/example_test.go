package roast_test

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// A 2-of-3 Ed25519 key signs with ROAST although signer 3 sends an
// invalid share. Signers 1 and 3 are ready first and get session 1; when
// signer 1 has answered, it and signer 2 are ready and get session 2,
// which completes, while signer 3's share of session 1 gets it named.
// Messages cross the "network" encoded, first in, first out.
func Example() {
	suite := frost.Ed25519SHA512()
	keys, pub, err := frost.TrustedDealerKeygen(suite, nil, 3, 2, nil)
	if err != nil {
		panic(err)
	}
	msg := []byte("pay 1 coin to Alice")
	runID := []byte("payment 42")

	coord, err := roast.NewCoordinator(roast.CoordinatorConfig{Suite: suite, PublicKeys: pub, Message: msg, RunID: runID})
	if err != nil {
		panic(err)
	}
	type envelope struct {
		from, to frost.Identifier // the zero Identifier is the coordinator
		body     []byte
	}
	var network []envelope
	encode := func(m interface{ MarshalBinary() ([]byte, error) }) []byte {
		b, err := m.MarshalBinary()
		if err != nil {
			panic(err)
		}
		return b
	}

	// Every signer starts by sending its first commitment; signer 3's
	// arrives before signer 2's.
	signers := map[frost.Identifier]*roast.Signer{}
	for _, i := range []int{0, 2, 1} {
		s, first, err := roast.NewSigner(roast.SignerConfig{Suite: suite, Key: keys[i], Message: msg, RunID: runID})
		if err != nil {
			panic(err)
		}
		defer s.Close()
		signers[keys[i].Identifier()] = s
		network = append(network, envelope{from: keys[i].Identifier(), body: encode(first)})
	}
	cheater := keys[2].Identifier()

	for len(network) > 0 && !coord.Done() {
		e := network[0]
		network = network[1:]
		if e.to.IsZero() {
			requests, err := coord.Receive(e.from, e.body)
			if err != nil {
				fmt.Println("coordinator:", err)
			}
			for _, r := range requests {
				fmt.Printf("session %d: request to signer %s\n", r.Request.Session, r.To)
				network = append(network, envelope{to: r.To, body: encode(r.Request)})
			}
			continue
		}
		resp, err := signers[e.to].Receive(e.body)
		if err != nil {
			panic(err)
		}
		if e.to == cheater {
			c := suite.Curve()
			resp.Share, _ = frost.NewSignatureShare(suite, cheater, resp.Share.Share().Add(c.ScalarFromUint64(1)))
		}
		network = append(network, envelope{from: e.to, body: encode(resp)})
	}

	sig, _ := coord.Signature()
	fmt.Println("sessions:", coord.Sessions())
	for _, f := range coord.Faults() {
		fmt.Println("named:", f.Party, f.Kind, "- evidence holds:", f.Verify(pub) == nil)
	}
	fmt.Println("crypto/ed25519 accepts:", ed25519.Verify(pub.GroupKey().Bytes(), msg, sig))
	// Output:
	// session 1: request to signer 1
	// session 1: request to signer 3
	// session 2: request to signer 1
	// session 2: request to signer 2
	// coordinator: roast: signer 3 excluded (invalid share): roast: invalid signature share in session 1
	// sessions: 2
	// named: 3 invalid share - evidence holds: true
	// crypto/ed25519 accepts: true
}
