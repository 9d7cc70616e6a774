package refresh_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// exampleKey makes a t-of-n key for the examples. (Real keys come from
// dkg; the trusted dealer only keeps the examples short.)
func exampleKey(c curve.Curve, t, n int) map[transport.PartyID]*dkg.KeyShare {
	sk, err := c.RandomScalar(rand.Reader)
	if err != nil {
		panic(err)
	}
	var parties []transport.PartyID
	for i := 1; i <= n; i++ {
		parties = append(parties, transport.PartyID(i))
	}
	list, err := dealer.Import(c, sk, t, parties, nil)
	if err != nil {
		panic(err)
	}
	out := map[transport.PartyID]*dkg.KeyShare{}
	for _, ks := range list {
		out[ks.Self] = ks
	}
	return out
}

// runExample runs machines over an in-memory network.
func runExample(parties []transport.PartyID, ms map[transport.PartyID]transport.Machine[*dkg.KeyShare]) map[transport.PartyID]*dkg.KeyShare {
	net := memnet.New(parties)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms)
	for id, err := range errs {
		panic(fmt.Sprintf("party %d: %v", id, err))
	}
	return out
}

func nonce() []byte {
	n := make([]byte, refresh.NonceSize)
	if _, err := rand.Read(n); err != nil {
		panic(err)
	}
	return n
}

// Three parties refresh their 2-of-3 shares: every share changes, the group
// key does not.
func Example() {
	old := exampleKey(curve.Edwards25519(), 2, 3)
	pub := refresh.PublicOf(old[1])
	sid, err := refresh.SessionID(pub, nonce()) // the nonce is agreed beforehand
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for id, ks := range old {
		if ms[id], err = refresh.New(refresh.Config{Share: ks, SessionID: sid}); err != nil {
			panic(err)
		}
	}
	fresh := runExample(pub.Parties, ms)

	fmt.Println("group key unchanged:", fresh[1].GroupKey.Equal(old[1].GroupKey))
	fmt.Println("share of party 1 changed:", !fresh[1].Secret.Equal(old[1].Secret))
	fmt.Println("new share valid:", fresh[1].Validate() == nil)
	// Output:
	// group key unchanged: true
	// share of party 1 changed: true
	// new share valid: true
}

// Party 2 of a 3-of-5 key lost its share; parties 1, 3 and 4 repair it with
// the plain step functions, as a coordinator would relay them.
func ExampleRepairStep1() {
	keys := exampleKey(curve.Secp256k1(), 3, 5)
	helpers := []transport.PartyID{1, 3, 4}
	set, err := refresh.NewRepairSet(refresh.PublicOf(keys[1]), helpers, 2)
	if err != nil {
		panic(err)
	}
	// Step 1, at each helper: summands (secret, one per helper) and a
	// public commitment to them.
	step1 := map[transport.PartyID]*refresh.RepairDeltas{}
	commitments := map[transport.PartyID]*refresh.RepairCommitment{}
	for _, h := range helpers {
		d, err := refresh.RepairStep1(set, keys[h], nil)
		if err != nil {
			panic(err)
		}
		step1[h], commitments[h] = d, d.Commitment
	}
	// Step 2, at each helper j: the summands it received, checked, summed.
	sigmas := map[transport.PartyID]curve.Scalar{}
	for _, j := range helpers {
		received := map[transport.PartyID]curve.Scalar{}
		for _, i := range helpers {
			received[i] = step1[i].Deltas[j]
		}
		if sigmas[j], err = refresh.RepairStep2(set, j, received, commitments); err != nil {
			panic(err)
		}
	}
	// Step 3, at party 2.
	repaired, err := refresh.RepairStep3(set, sigmas, commitments)
	if err != nil {
		panic(err)
	}
	fmt.Println("share of party 2 restored:", repaired.Secret.Equal(keys[2].Secret))
	// Output:
	// share of party 2 restored: true
}

// Any two parties of a 2-of-3 committee hand the key to a new, disjoint
// 3-of-4 committee.
func ExampleNewReshare() {
	old := exampleKey(curve.Secp256k1(), 2, 3)
	pub := refresh.PublicOf(old[1])
	dealers := []transport.PartyID{1, 3}
	newParties := []transport.PartyID{10, 11, 12, 13}
	sid, err := refresh.ReshareSessionID(pub, dealers, newParties, 3, nonce())
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range append(append([]transport.PartyID{}, dealers...), newParties...) {
		cfg := refresh.ReshareConfig{Self: id, Share: old[id], Dealers: dealers,
			NewParties: newParties, NewThreshold: 3, SessionID: sid}
		if old[id] == nil {
			cfg.Old = pub // a newcomer needs only the public data
		}
		if ms[id], err = refresh.NewReshare(cfg); err != nil {
			panic(err)
		}
	}
	out := runExample([]transport.PartyID{1, 3, 10, 11, 12, 13}, ms)

	fmt.Println("dealers keep nothing:", out[1] == nil && out[3] == nil)
	fmt.Println("new threshold:", out[10].Threshold, "of", len(out[10].Parties))
	fmt.Println("group key unchanged:", out[10].GroupKey.Equal(pub.GroupKey))
	// Output:
	// dealers keep nothing: true
	// new threshold: 3 of 4
	// group key unchanged: true
}

// Party 2 of a 2-of-3 key lost its share; parties 1 and 3 repair it over
// the network. Party 2 brings only the key's public data (from a trusted
// record); the helpers keep their shares and learn nothing.
func ExampleNewRepair() {
	keys := exampleKey(curve.Edwards25519(), 2, 3)
	pub := refresh.PublicOf(keys[1])
	helpers := []transport.PartyID{1, 3}
	const lost = 2
	sid, err := refresh.RepairSessionID(pub, helpers, lost, nonce())
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range []transport.PartyID{1, 2, 3} {
		cfg := refresh.RepairConfig{Self: id, Share: keys[id], Helpers: helpers, Lost: lost, SessionID: sid}
		if id == lost {
			cfg.Share, cfg.Public = nil, pub
		}
		if ms[id], err = refresh.NewRepair(cfg); err != nil {
			panic(err)
		}
	}
	out := runExample([]transport.PartyID{1, 2, 3}, ms)
	fmt.Println("share of party 2 restored:", out[lost].Secret.Equal(keys[lost].Secret))
	fmt.Println("helpers get nothing:", out[1] == nil && out[3] == nil)
	// Output:
	// share of party 2 restored: true
	// helpers get nothing: true
}

// Parties 1 to 3 of a 2-of-3 key reshare it to parties 2, 3 and 4, party 4
// joining, with identities. Each builds its Identity's Peers from the key's
// record of identity keys, adding the key party 4 gave when it enrolled;
// the new shares record the new committee's keys. Each party stores its
// new share with the certificate of every party's confirmation, and only
// then deletes its old share.
func ExampleNewReshare_identities() {
	old := exampleKey(curve.Secp256k1(), 2, 3)
	identity := map[transport.PartyID]ed25519.PrivateKey{}
	for _, p := range []transport.PartyID{1, 2, 3, 4} {
		seed := make([]byte, ed25519.SeedSize)
		seed[0] = byte(p)
		identity[p] = ed25519.NewKeyFromSeed(seed)
	}
	// The key's record, as a key generation with identities makes it.
	record := map[transport.PartyID]ed25519.PublicKey{}
	for _, p := range []transport.PartyID{1, 2, 3} {
		record[p] = identity[p].Public().(ed25519.PublicKey)
	}
	for _, ks := range old {
		ks.Identities = record
	}
	pub := refresh.PublicOf(old[1])
	dealers, newParties := []transport.PartyID{1, 2, 3}, []transport.PartyID{2, 3, 4}
	sid, err := refresh.ReshareSessionID(pub, dealers, newParties, 2, nonce())
	if err != nil {
		panic(err)
	}
	peers := maps.Clone(pub.Identities)
	peers[4] = identity[4].Public().(ed25519.PublicKey) // the joining party's key
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, p := range []transport.PartyID{1, 2, 3, 4} {
		cfg := refresh.ReshareConfig{Self: p, Share: old[p], Dealers: dealers, NewParties: newParties, NewThreshold: 2,
			SessionID: sid, Identity: &transport.Identity{Key: identity[p], Peers: peers}}
		if old[p] == nil {
			cfg.Old = pub // party 4 holds no share, only the key's public data
		}
		if ms[p], err = refresh.NewReshare(cfg); err != nil {
			panic(err)
		}
	}
	fresh := runExample([]transport.PartyID{1, 2, 3, 4}, ms)

	for _, p := range []transport.PartyID{1, 2, 3, 4} {
		cert := ms[p].(transport.Certified).Certificate()
		if fresh[p] == nil {
			fmt.Printf("party %d left, certificate %v\n", p, len(cert) > 0)
			continue
		}
		fmt.Printf("party %d: identity keys recorded %v, certificate %v\n", p, slices.Sorted(maps.Keys(fresh[p].Identities)), len(cert) > 0)
	}
	// Output:
	// party 1 left, certificate true
	// party 2: identity keys recorded [2 3 4], certificate true
	// party 3: identity keys recorded [2 3 4], certificate true
	// party 4: identity keys recorded [2 3 4], certificate true
}
