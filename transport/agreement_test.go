package transport_test

import (
	"crypto/ed25519"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// signedToy is the toy protocol in a run with identities: round 1
// broadcasts, round 2 direct messages (or broadcasts), then the
// confirmation round.
type signedToy struct {
	parties        []transport.PartyID
	faulty         int
	finalBroadcast bool
	context        []byte
	falseBlame     map[transport.PartyID]transport.PartyID // malicious party -> honest party it blames
	plainFinish    bool                                    // finish with Finish, not FinishConfirmed
}

func (s signedToy) machines(t testing.TB) (map[transport.PartyID]transport.Machine[uint64], map[transport.PartyID]ed25519.PrivateKey) {
	t.Helper()
	keys, pubs := agreementtest.IdentityKeys(s.parties)
	ms := map[transport.PartyID]transport.Machine[uint64]{}
	for _, p := range s.parties {
		m, err := transport.NewMachine(transport.Config{
			Protocol: toyProtocol, SessionID: toySession, Self: p, Parties: s.parties, Context: s.context,
			Identity: &transport.Identity{Key: keys[p], Peers: pubs, MaxFaulty: s.faulty},
		}, transport.FirstRound[uint64](&toyRound1{value: toyValue(p), finalBroadcast: s.finalBroadcast, confirm: !s.plainFinish, falseBlame: s.falseBlame[p]}))
		require.NoError(t, err)
		ms[p] = m
	}
	return ms, keys
}

// simulate runs the toy with the given malicious parties and checks that
// the honest ones agree.
func (s signedToy) simulate(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) *agreementtest.Outcome[uint64] {
	t.Helper()
	ms, keys := s.machines(t)
	o, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Malicious: malicious, Keys: keys})
	require.NoError(t, err)
	require.NoError(t, o.Check(func(a, b uint64) bool { return a == b }))
	return o
}

func TestAgreement_HonestRunCommitsWithCertificate(t *testing.T) {
	for _, final := range []bool{false, true} {
		t.Run(fmt.Sprint("final broadcast ", final), func(t *testing.T) {
			toy := signedToy{parties: partyIDs(4), faulty: 1, finalBroadcast: final}
			ms, keys := toy.machines(t)
			o, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Keys: keys})
			require.NoError(t, err)
			require.Len(t, o.Results, 4)
			require.Zero(t, o.Expiries, "an honest run never waits for a timeout")
			for p, res := range o.Results {
				require.Equal(t, toyTotal(toy.parties), res)
				require.NotEmpty(t, ms[p].(transport.Certified).Certificate(), "party %d keeps the certificate", p)
			}
		})
	}
}

// Party 3 withholds its confirmation from party 2 only: party 2 commits all
// the same, with the certificate another party sends, so that the honest
// parties never end with different shares in use.
func TestAgreement_WithheldLastMessage(t *testing.T) {
	toy := signedToy{parties: partyIDs(3), faulty: 1}
	o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: 3, To: []transport.PartyID{2}, AllKinds: true}),
	})
	require.Len(t, o.Results, 2, "both honest parties commit")

	// Party 3 withholds its last protocol message (a direct one) from party
	// 2 but answers party 2's request for it: everyone commits.
	o = toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: 2, To: []transport.PartyID{2}}),
	})
	require.Len(t, o.Results, 2, "both honest parties commit")

	// If it ignores the request too, nobody commits, and nobody honest is
	// named: party 2's word alone cannot name party 3.
	o = toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: 2, To: []transport.PartyID{2}, AllKinds: true}),
	})
	require.Len(t, o.Errs, 2, "nobody commits")
}

// Party 3 flips a bit of party 2's slot in the echo it sends party 1: every
// honest party names party 3, whose signed echo holds a slot party 2 never
// signed.
func TestAgreement_LyingEcho(t *testing.T) {
	for _, final := range []bool{false, true} {
		t.Run(fmt.Sprint("final broadcast ", final), func(t *testing.T) {
			toy := signedToy{parties: partyIDs(3), faulty: 1, finalBroadcast: final}
			o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 2, To: []transport.PartyID{1}}),
			})
			require.Equal(t, []transport.PartyID{3}, o.Culprits())
			for _, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrEchoMismatch)
			}
		})
	}
}

// Party 3 sends a bad first broadcast to party 1 only: party 1 aborts at
// once, and the others, who saw a good one, name party 3 with it (two
// broadcasts it signed) instead of timing out on party 1.
func TestAgreement_OneSidedBadBroadcast(t *testing.T) {
	for _, kind := range []agreementtest.FaultKind{agreementtest.Garbage, agreementtest.Equivocate} {
		t.Run(kind.String(), func(t *testing.T) {
			toy := signedToy{parties: partyIDs(4), faulty: 1}
			o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: kind, Round: 1, To: []transport.PartyID{1}}),
			})
			require.Equal(t, []transport.PartyID{3}, o.Culprits())
			for _, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrEquivocation)
			}
		})
	}
}

// A bad broadcast sent to everyone is judged by every honest party alike:
// f+1 of them blame its sender, so it is named without any proof.
func TestAgreement_BadBroadcastToAllIsNamed(t *testing.T) {
	toy := signedToy{parties: partyIDs(3), faulty: 1}
	o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		2: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Garbage, Round: 1}),
	})
	require.Equal(t, []transport.PartyID{2}, o.Culprits())
}

func TestAgreement_SilentPartyIsNamed(t *testing.T) {
	toy := signedToy{parties: partyIDs(4), faulty: 1}
	o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		4: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Silent, Round: 2}),
	})
	require.Equal(t, []transport.PartyID{4}, o.Culprits())
}

// A party that holds another key (another Context) is not anybody's fault
// to name: both sides end at once with ErrContextMismatch and no culprit.
func TestAgreement_KeyMismatch(t *testing.T) {
	parties := partyIDs(3)
	keys, pubs := agreementtest.IdentityKeys(parties)
	machines := map[transport.PartyID]transport.Machine[uint64]{}
	for _, p := range parties {
		ctx := []byte("key A")
		if p == 3 {
			ctx = []byte("key B")
		}
		m, err := transport.NewMachine(transport.Config{
			Protocol: toyProtocol, SessionID: toySession, Self: p, Parties: parties, Context: ctx,
			Identity: &transport.Identity{Key: keys[p], Peers: pubs, MaxFaulty: 1},
		}, transport.FirstRound[uint64](&toyRound1{value: toyValue(p), confirm: true}))
		require.NoError(t, err)
		machines[p] = m
	}
	net := memnet.New(parties)
	defer net.Close()
	out := runAll(t, net, machines, transport.WithRoundTimeout(5*time.Second))
	for p, o := range out {
		require.ErrorIs(t, o.err, transport.ErrContextMismatch, "party %d", p)
		require.Empty(t, transport.Culprits(o.err), "party %d names nobody", p)
	}
}

// The same agreement over real Run loops and a network with a round
// timeout, not the lock-step simulation.
func TestAgreement_OverRunWithTimeouts(t *testing.T) {
	parties := partyIDs(3)
	ms, _ := signedToy{parties: parties, faulty: 1}.machines(t)
	net := memnet.New(parties)
	defer net.Close()
	net.SetFaults(3, 2, memnet.Faults{Drop: 1, Rounds: []int{3}})
	out := runAll(t, net, ms, transport.WithRoundTimeout(300*time.Millisecond))
	for p, o := range out {
		require.NoError(t, o.err, "party %d", p)
		require.Equal(t, toyTotal(parties), o.res)
	}
}

// Over many seeded runs with f = 1 ... n/2-1 malicious parties mixing every
// fault, no run ends with honest parties disagreeing or naming an honest
// party. A failure prints its seed and the behaviours.
func TestAgreement_RandomAdversaries(t *testing.T) {
	runs := 300
	if testing.Short() {
		runs = 60
	}
	var committed, named, anonymous int
	for seed := range uint64(runs) {
		n := 3 + int(seed%3)
		f := 1 + int(seed/3%uint64((n-1)/2))
		parties := partyIDs(n)
		malicious := map[transport.PartyID]agreementtest.Behaviour{}
		falseBlame := map[transport.PartyID]transport.PartyID{}
		for i := range f {
			p := parties[(int(seed)+i*2)%n]
			malicious[p] = agreementtest.Random(seed, parties, p, 3)
			if seed%5 == 0 {
				// Every malicious party blames the same honest party.
				falseBlame[p] = parties[(int(seed)+1)%n]
			}
		}
		toy := signedToy{parties: parties, faulty: f, finalBroadcast: seed%2 == 0, falseBlame: falseBlame}
		ms, keys := toy.machines(t)
		o, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Malicious: malicious, Keys: keys})
		require.NoError(t, err, "seed %d", seed)
		require.NoError(t, o.Check(func(a, b uint64) bool { return a == b }), "seed %d, n %d, f %d, malicious %v", seed, n, f, malicious)
		switch {
		case len(o.Errs) == 0:
			committed++
		case len(o.Culprits()) > 0:
			named++
		default:
			anonymous++
		}
	}
	t.Logf("%d runs: %d committed, %d aborted naming a culprit, %d aborted naming nobody", runs, committed, named, anonymous)
	// The mix must exercise every outcome, or the test proves little.
	require.Positive(t, committed)
	require.Greater(t, named, runs/4)
}

func TestIdentityRefusedWhenInvalid(t *testing.T) {
	parties := partyIDs(3)
	keys, pubs := agreementtest.IdentityKeys(parties)
	// A key whose public half was replaced by another party's: it would
	// sign under a key that is not the one it claims.
	forged := append(ed25519.PrivateKey{}, keys[1]...)
	copy(forged[32:], pubs[2])
	missing := map[transport.PartyID]ed25519.PublicKey{1: pubs[1], 2: pubs[2]}
	for _, tc := range []struct {
		name string
		id   *transport.Identity
	}{
		{"public half of another key", &transport.Identity{Key: forged, Peers: pubs}},
		{"key of another party", &transport.Identity{Key: keys[2], Peers: pubs}},
		{"short key", &transport.Identity{Key: keys[1][:10], Peers: pubs}},
		{"a party without a key", &transport.Identity{Key: keys[1], Peers: missing}},
		{"negative MaxFaulty", &transport.Identity{Key: keys[1], Peers: pubs, MaxFaulty: -1}},
		{"MaxFaulty of every party", &transport.Identity{Key: keys[1], Peers: pubs, MaxFaulty: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := transport.NewMachine(transport.Config{Protocol: toyProtocol, SessionID: toySession, Self: 1, Parties: parties, Identity: tc.id},
				transport.FirstRound[uint64](&toyRound1{}))
			require.ErrorIs(t, err, transport.ErrIdentity)
			require.ErrorIs(t, err, transport.ErrLocal)
		})
	}
}

// A protocol that ends with a plain Finish gets the confirmation round too
// in a run with identities: a party that withholds its last message from
// one honest party cannot make it abort while the others return.
func TestAgreement_PlainFinishIsConfirmed(t *testing.T) {
	for _, final := range []bool{false, true} {
		t.Run(fmt.Sprint("final broadcast ", final), func(t *testing.T) {
			toy := signedToy{parties: partyIDs(3), faulty: 1, finalBroadcast: final, plainFinish: true}
			o := toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: 3, To: []transport.PartyID{2}, AllKinds: true}),
			})
			require.Len(t, o.Results, 2, "both honest parties return the result")
			// A lie in the confirmation round's echo makes party 2 conclude,
			// but party 1 held every confirmation and committed: its
			// certificate reaches party 2 in the conclusion, and both
			// return the result.
			o = toy.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 3, To: []transport.PartyID{2}}),
			})
			require.Len(t, o.Results, 2, "both honest parties return the result")
		})
	}
}

// A party that confirmed, but whose copies of a confirmation and of every
// certificate were withheld, ends with ErrUnconfirmed and commits later with
// the certificate any other party stored.
func TestAgreement_CommitLaterWithCertificate(t *testing.T) {
	toy := signedToy{parties: partyIDs(3), faulty: 1}
	ms, keys := toy.machines(t)
	starve := agreementtest.Fault{Kind: agreementtest.Withhold, Round: 3, To: []transport.PartyID{2}, AllKinds: true}
	o, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Keys: keys, Malicious: map[transport.PartyID]agreementtest.Behaviour{
		1: agreementtest.NewScript(1, starve),
		3: agreementtest.NewScript(2, starve),
	}})
	require.NoError(t, err)
	require.ErrorIs(t, o.Errs[2], transport.ErrUnconfirmed)
	committer := ms[2].(transport.Committer[uint64])

	_, err = committer.Commit([]byte("not a certificate"))
	require.ErrorIs(t, err, transport.ErrMalformed)
	res, err := committer.Commit(ms[1].(transport.Certified).Certificate())
	require.NoError(t, err)
	require.Equal(t, toyTotal(toy.parties), res)
	got, err := ms[2].Result()
	require.NoError(t, err)
	require.Equal(t, res, got)
}
