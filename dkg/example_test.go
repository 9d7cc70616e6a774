package dkg_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// machines returns one key generation Machine per party for a fresh
// session; in a deployment each party builds only its own, from a nonce
// agreed beforehand.
func machines(c curve.Curve, t int, parties []transport.PartyID) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
	nonce := make([]byte, dkg.NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	sid, err := dkg.SessionID(dkg.Protocol, c, parties, t, nonce)
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range parties {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: t, Parties: parties, Self: id, SessionID: sid})
		if err != nil {
			panic(err)
		}
		ms[id] = m
	}
	return ms
}

// Three parties generate a 2-of-3 secp256k1 key over an in-memory network.
// No party ever holds the secret key; each gets its share and the same
// public data.
func Example() {
	parties := []transport.PartyID{1, 2, 3}
	net := memnet.New(parties)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	shares, errs := memnet.RunAll(ctx, net, machines(curve.Secp256k1(), 2, parties))
	if len(errs) > 0 {
		panic(fmt.Sprint(errs))
	}

	k1, k2, k3 := shares[1], shares[2], shares[3]
	fmt.Println("same group key:", k1.GroupKey.Equal(k2.GroupKey) && k1.GroupKey.Equal(k3.GroupKey))
	fmt.Printf("threshold %d of %d\n", k1.Threshold, len(k1.Parties))
	own, _ := k2.PublicShare(2)
	fmt.Println("party 2's share matches its public share:", curve.Secp256k1().ScalarBaseMult(k2.Secret).Equal(own))
	fmt.Println("chain code bytes:", len(k1.ChainCode))

	// A key share round-trips through its binary encoding.
	b, err := k3.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var back dkg.KeyShare
	fmt.Println("decodes:", back.UnmarshalBinary(b) == nil && back.Secret.Equal(k3.Secret))
	// Output:
	// same group key: true
	// threshold 2 of 3
	// party 2's share matches its public share: true
	// chain code bytes: 32
	// decodes: true
}

// Party 3 broadcasts a round-1 commitment of the wrong length (the
// "threshold raise" of SECURITY.md case 17). Both honest parties abort in
// round 1, before sending any share, and name party 3.
func Example_abort() {
	parties := []transport.PartyID{1, 2, 3}
	net := memnet.New(parties)
	defer net.Close()
	net.Intercept(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round == 1 {
			m.Payload = append(m.Payload, 0)
		}
		return []*transport.Message{m}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	ms := machines(curve.Edwards25519(), 2, parties)
	// Party 3's own machine is honest and would wait for round 2 for ever
	// (transport.WithRoundTimeout would end it, naming the silent parties):
	// run it on the side and stop it once the others are done.
	m3 := ms[3]
	delete(ms, 3)
	ctx3, stop3 := context.WithCancel(ctx)
	done3 := make(chan struct{})
	go func() {
		defer close(done3)
		_, _ = transport.Run(ctx3, m3, net.Conn(3))
	}()
	_, errs := memnet.RunAll(ctx, net, ms)
	stop3()
	<-done3

	for _, id := range []transport.PartyID{1, 2} {
		var abort *transport.AbortError
		if errors.As(errs[id], &abort) {
			fmt.Printf("party %d: round %d, culprits %v, bad commitment: %v\n",
				id, abort.Round, abort.Culprits, errors.Is(errs[id], dkg.ErrBadCommitment))
		}
	}
	// Output:
	// party 1: round 1, culprits [3], bad commitment: true
	// party 2: round 1, culprits [3], bad commitment: true
}

// One party's side of a 2-of-3 key generation: New makes its machine,
// Start its round-1 broadcast, and the caller's transport moves messages
// until the machine is Done (transport.Run, or memnet in tests, does that
// for it).
func ExampleNew() {
	parties := []transport.PartyID{1, 2, 3}
	nonce := make([]byte, dkg.NonceSize) // fresh, agreed by all three beforehand
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	sid, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), parties, 2, nonce)
	if err != nil {
		panic(err)
	}
	m, err := dkg.New(dkg.Config{Curve: curve.Secp256k1(), Threshold: 2, Parties: parties, Self: 1, SessionID: sid})
	if err != nil {
		panic(err)
	}
	out, err := m.Start()
	if err != nil {
		panic(err)
	}
	fmt.Println("round", out[0].Round, "broadcast:", out[0].Broadcast())
	fmt.Println("done:", m.Done())

	// A 1-of-1 key runs the same rounds with nobody to wait for: its
	// machine finishes in Start and sends nothing.
	sid, err = dkg.SessionID(dkg.Protocol, curve.Edwards25519(), []transport.PartyID{7}, 1, nonce)
	if err != nil {
		panic(err)
	}
	solo, err := dkg.New(dkg.Config{Curve: curve.Edwards25519(), Threshold: 1, Parties: []transport.PartyID{7}, Self: 7, SessionID: sid})
	if err != nil {
		panic(err)
	}
	out, err = solo.Start()
	if err != nil {
		panic(err)
	}
	ks, err := solo.Result()
	if err != nil {
		panic(err)
	}
	fmt.Println("solo: messages", len(out), "done", solo.Done(), "valid share", ks.Validate() == nil)
	// Output:
	// round 1 broadcast: true
	// done: false
	// solo: messages 0 done true valid share true
}

// Three parties generate a 2-of-3 key with identities: every message is
// signed with the sender's long-term Ed25519 key, and each party commits
// its share only once every party has confirmed the same public data. It
// stores the share, which records the three identity keys, together with
// the certificate of those confirmations.
func Example_identities() {
	parties := []transport.PartyID{1, 2, 3}
	keys := map[transport.PartyID]ed25519.PrivateKey{}
	peers := map[transport.PartyID]ed25519.PublicKey{}
	for _, p := range parties {
		// In a deployment each party generates its own key once and the
		// parties exchange the public keys when they enrol.
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(p)
		keys[p] = ed25519.NewKeyFromSeed(seed)
		peers[p] = keys[p].Public().(ed25519.PublicKey)
	}
	nonce := make([]byte, dkg.NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	sid, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), parties, 2, nonce)
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, p := range parties {
		ms[p], err = dkg.New(dkg.Config{Curve: curve.Secp256k1(), Threshold: 2, Parties: parties, Self: p, SessionID: sid,
			Identity: &transport.Identity{Key: keys[p], Peers: peers}})
		if err != nil {
			panic(err)
		}
	}
	net := memnet.New(parties)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	shares, errs := memnet.RunAll(ctx, net, ms)
	if len(errs) > 0 {
		panic(fmt.Sprint(errs))
	}
	for _, p := range parties {
		cert := ms[p].(transport.Certified).Certificate()
		fmt.Printf("party %d: identity keys recorded %d, certificate %v\n", p, len(shares[p].Identities), len(cert) > 0)
	}
	// Output:
	// party 1: identity keys recorded 3, certificate true
	// party 2: identity keys recorded 3, certificate true
	// party 3: identity keys recorded 3, certificate true
}
