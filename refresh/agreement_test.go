package refresh

import (
	"bytes"
	"crypto/ed25519"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Refresh, reshare and repair on the agreement layer (docs/agreement.md):
// with identities, every honest party ends a run with the same outcome,
// the same new public data or an abort naming the same culprits, none of
// them honest. Each test runs the three protocols.

// withRecord returns copies of the shares that carry the identity keys of
// their holders (agreementtest.IdentityKeys), as shares from a key generation with
// identities do.
func withRecord(s shares) shares {
	out := shares{}
	for id, ks := range s {
		c := ks.Clone()
		_, c.Identities = agreementtest.IdentityKeys(c.Parties)
		out[id] = c
	}
	return out
}

// scenario is one run of refresh, reshare or repair whose parties sign
// with identityKeys.
type scenario struct {
	name    string
	parties []transport.PartyID // every party of the run
	// confirm is the confirmation round of a run without complaints.
	confirm int
	// build returns the machines, each party's identity from identity.
	build func(tb testing.TB, identity func(transport.PartyID) *transport.Identity) map[transport.PartyID]transport.Machine[*dkg.KeyShare]
}

// maxRounds bounds the rounds agreementtest.Random picks faults in: the
// rounds of a run with complaints and its confirmation round.
const maxRounds = 5

var agreementSID = bytes.Repeat([]byte{0x5e}, 32)

// refreshScenario refreshes old (2 dealing rounds, then the
// confirmation).
func refreshScenario(old shares) scenario {
	parties := sortedIDs(old)
	return scenario{name: "refresh", parties: parties, confirm: 3,
		build: func(tb testing.TB, identity func(transport.PartyID) *transport.Identity) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
			ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
			for id, ks := range old {
				m, err := New(Config{Share: ks, SessionID: agreementSID, Identity: identity(id)})
				require.NoError(tb, err, "party %d", id)
				ms[id] = m
			}
			return ms
		}}
}

// reshareScenario reshares old from dealers to newSet; the joining parties
// are given joinOld as the old key's public data (PublicOf a dealer's
// share when nil).
func reshareScenario(old shares, joinOld *Public, dealers, newSet []transport.PartyID, newT int) scenario {
	if joinOld == nil {
		joinOld = PublicOf(old[dealers[0]])
	}
	return scenario{name: "reshare", parties: union(dealers, newSet), confirm: 3,
		build: func(tb testing.TB, identity func(transport.PartyID) *transport.Identity) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
			ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
			for _, id := range union(dealers, newSet) {
				cfg := ReshareConfig{Self: id, Dealers: dealers, NewParties: newSet, NewThreshold: newT, SessionID: agreementSID, Identity: identity(id)}
				if ks, ok := old[id]; ok {
					cfg.Share = ks
				} else {
					cfg.Old = joinOld
				}
				m, err := NewReshare(cfg)
				require.NoError(tb, err, "party %d", id)
				ms[id] = m
			}
			return ms
		}}
}

// repairScenario repairs lost's share with helpers; the lost party is
// given lostPub as the key's public data (PublicOf a helper's share when
// nil). Three rounds, then the confirmation.
func repairScenario(keys shares, lostPub *Public, helpers []transport.PartyID, lost transport.PartyID) scenario {
	if lostPub == nil {
		lostPub = PublicOf(keys[helpers[0]])
	}
	return scenario{name: "repair", parties: union(helpers, []transport.PartyID{lost}), confirm: 4,
		build: func(tb testing.TB, identity func(transport.PartyID) *transport.Identity) map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
			ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
			for _, id := range union(helpers, []transport.PartyID{lost}) {
				cfg := RepairConfig{Self: id, Helpers: helpers, Lost: lost, SessionID: agreementSID, Identity: identity(id)}
				if id == lost {
					cfg.Public = lostPub
				} else {
					cfg.Share = keys[id]
				}
				m, err := NewRepair(cfg)
				require.NoError(tb, err, "party %d", id)
				ms[id] = m
			}
			return ms
		}}
}

func sortedIDs(s shares) []transport.PartyID {
	var ids []transport.PartyID
	for id := range s {
		ids = append(ids, id)
	}
	return transport.SortedCopy(ids)
}

// scenarios2of3 are the three protocols on one 2-of-3 key with a record of
// identities, party 3 sending in every round: a refresh; a resharing by
// every holder to {2, 3, 4}, party 4 joining; a repair of party 2's share
// by helpers 1 and 3.
func scenarios2of3(tb testing.TB, c curve.Curve) []scenario {
	old := withRecord(dealtKeys(tb, c, 2, partyIDs(3)))
	return []scenario{
		refreshScenario(old),
		reshareScenario(old, nil, pids(1, 2, 3), pids(2, 3, 4), 2),
		repairScenario(old, nil, pids(1, 3), 2),
	}
}

// machines builds sc's machines, every party signing with identityKeys;
// Peers hold the keys of every party of the run and of a stranger (99),
// which the protocol leaves out.
func (sc scenario) machines(tb testing.TB) (map[transport.PartyID]transport.Machine[*dkg.KeyShare], map[transport.PartyID]ed25519.PrivateKey) {
	tb.Helper()
	keys, pubs := agreementtest.IdentityKeys(append([]transport.PartyID{99}, sc.parties...))
	return sc.build(tb, func(p transport.PartyID) *transport.Identity {
		return &transport.Identity{Key: keys[p], Peers: pubs}
	}), keys
}

// samePublic is the outcome equality of the agreement tests: the same new
// public data. A party whose result is nil (a dealer that leaves, a
// helper) has none to compare; certificates compares what it confirmed.
func samePublic(a, b *dkg.KeyShare) bool {
	return a == nil || b == nil || PublicOf(a).Equal(PublicOf(b))
}

// certificates checks that every party that committed keeps a certificate
// and that all certify one digest: what every party confirmed, results or
// not.
func certificates(tb testing.TB, o *agreementtest.Outcome[*dkg.KeyShare], ms map[transport.PartyID]transport.Machine[*dkg.KeyShare]) {
	tb.Helper()
	var digest []byte
	for p := range o.Results {
		cert := ms[p].(transport.Certified).Certificate()
		require.Greater(tb, len(cert), 34, "party %d keeps no certificate", p)
		// A certificate starts with the round (2 bytes) and the digest.
		if digest == nil {
			digest = cert[2:34]
		}
		require.Equal(tb, digest, cert[2:34], "party %d certifies another output", p)
	}
}

// simulate runs sc with the given malicious parties and checks that the
// honest parties agree.
func (sc scenario) simulate(tb testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) *agreementtest.Outcome[*dkg.KeyShare] {
	tb.Helper()
	ms, keys := sc.machines(tb)
	o, err := agreementtest.Run(&agreementtest.Net[*dkg.KeyShare]{Machines: ms, Malicious: malicious, Keys: keys})
	require.NoError(tb, err, sc.name)
	require.NoError(tb, o.Check(samePublic), "%s, malicious %v", sc.name, malicious)
	certificates(tb, o, ms)
	return o
}

// TestAgreement_WithheldLastMessage is the scenario of the issue: in a
// 2-of-3 refresh, party 3 withholds only its last message from party 2.
// That message is now its confirmation (round 3); with it party 3
// withholds everything after (AllKinds: its certificate, its answers to
// requests). Party 2 commits all the same, with the confirmation that
// party 1 relays or the certificate party 1 sends, so both honest parties
// hold new shares that fit each other.
//
// Before the agreement layer the refresh ended with an echo-only round 3,
// and that was party 3's last message. Withheld from party 2, it left
// parties 1 and 3 with new shares while party 2 timed out naming party 3
// and kept its old share, which no longer combines with the new ones: of
// the two honest parties only party 1 could sign, and only together with
// party 3, the malicious party, which held the key hostage.
//
// Resharing and repair are tested alike: in a resharing party 3 withholds
// its confirmation from party 2, and in a repair helper 3 withholds its
// confirmation (round 4) from party 2, whose share is repaired.
func TestAgreement_WithheldLastMessage(t *testing.T) {
	for _, c := range curves {
		for _, sc := range scenarios2of3(t, c) {
			t.Run(c.Name()+"/"+sc.name, func(t *testing.T) {
				o := sc.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
					3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: sc.confirm, To: []transport.PartyID{2}, AllKinds: true}),
				})
				require.Empty(t, o.Errs)
				require.Len(t, o.Results, len(sc.parties)-1, "every honest party commits")
				require.NotNil(t, o.Results[2], "party 2 has its new share")
				_, pubs := agreementtest.IdentityKeys(o.Results[2].Parties)
				for p, ks := range o.Results {
					if ks == nil {
						continue // a dealer that left, a helper
					}
					require.NoError(t, ks.Validate(), "party %d", p)
					require.Equal(t, pubs, ks.Identities, "party %d records the holders' identity keys", p)
				}
			})
		}
	}
}

// Party 3 flips a bit of a slot in the echo that its round-2 messages to
// party 1 carry: every honest party names party 3, whose signed echo holds
// a slot its party never signed.
func TestAgreement_LyingEcho(t *testing.T) {
	for _, sc := range scenarios2of3(t, curve.Secp256k1()) {
		t.Run(sc.name, func(t *testing.T) {
			o := sc.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 2, To: []transport.PartyID{1}}),
			})
			require.Empty(t, o.Results)
			require.Equal(t, []transport.PartyID{3}, o.Culprits())
			for p, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrEchoMismatch, "party %d", p)
			}
		})
	}
}

// Party 3 sends party 1 alone a bad round-1 broadcast (its commitment):
// garbage, or another one. Party 1 aborts at once; the others, who saw a
// good one, name party 3 with it (two broadcasts it signed) instead of
// blaming party 1 for silence.
func TestAgreement_OneSidedBadBroadcast(t *testing.T) {
	for _, kind := range []agreementtest.FaultKind{agreementtest.Garbage, agreementtest.Equivocate} {
		for _, sc := range scenarios2of3(t, curve.Edwards25519()) {
			t.Run(kind.String()+"/"+sc.name, func(t *testing.T) {
				o := sc.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
					3: agreementtest.NewScript(1, agreementtest.Fault{Kind: kind, Round: 1, To: []transport.PartyID{1}}),
				})
				require.Empty(t, o.Results)
				require.Equal(t, []transport.PartyID{3}, o.Culprits())
				for p, err := range o.Errs {
					require.ErrorIs(t, err, transport.ErrEquivocation, "party %d", p)
				}
			})
		}
	}
}

// One party holds other public data than the others (a share of another
// generation of the key, after a refresh it missed; or the key without its
// record of identities): it is nobody's fault to name. Every party ends at
// once with ErrContextMismatch and no culprit.
func TestAgreement_KeyMismatch(t *testing.T) {
	c := curve.Secp256k1()
	old := withRecord(dealtKeys(t, c, 2, partyIDs(3)))
	newer := runRefresh(t, old)
	stale := shares{1: old[1], 2: old[2], 3: newer[3]}
	bare := PublicOf(old[1])
	bare.Identities = nil
	cases := []struct {
		name string
		sc   scenario
		// listener: the odd party sends nothing before round 2 (a joining
		// party, the lost party); it tells the others of the mismatch
		// when it stops, or they would time out on it.
		listener bool
	}{
		{"refresh, party 3 refreshed before", refreshScenario(stale), false},
		{"reshare, dealer 3 refreshed before", reshareScenario(stale, nil, pids(1, 2, 3), pids(2, 3, 4), 2), false},
		{"repair, helper 3 refreshed before", repairScenario(stale, nil, pids(1, 3), 2), false},
		{"reshare, joining party with another generation", reshareScenario(old, PublicOf(newer[1]), pids(1, 2, 3), pids(2, 3, 4), 2), true},
		{"repair, lost party with another generation", repairScenario(old, PublicOf(newer[1]), pids(1, 3), 2), true},
		{"repair, lost party without the record", repairScenario(old, bare, pids(1, 3), 2), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.sc.simulate(t, nil)
			require.Len(t, o.Errs, len(tc.sc.parties))
			require.Empty(t, o.Culprits())
			for p, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrContextMismatch, "party %d", p)
			}
		})
	}
}

// TestAgreement_RandomAdversaries runs seeded refreshes, resharings and
// repairs in which up to t-1 parties mix every fault of
// agreementtest.Random; see randomAdversaries.
// TestSlowAgreement_RandomAdversaries (build tag slow) runs more.
func TestAgreement_RandomAdversaries(t *testing.T) {
	runs := 40
	if testing.Short() {
		runs = 12
	}
	randomAdversaries(t, runs)
}

// randomAdversaries runs, for each protocol, seeded runs on 2-of-3 and
// 3-of-5 keys (both curves) with f = 1 ... t-1 malicious parties, each
// mixing the faults of agreementtest.Random over every round. A refresh
// involves every holder, a resharing every holder dealing to a committee
// of the same size that one holder leaves and one party joins, a repair
// every other holder helping the last. No run may end with honest parties
// disagreeing or naming an honest party; a failure prints the seed and
// the behaviours. For each protocol the mix must produce commits and
// aborts that name a culprit, or it proves little.
func randomAdversaries(t *testing.T, runs int) {
	type size struct{ t, n int }
	sizes := []size{{2, 3}, {3, 5}}
	keys := map[curve.ID]map[size]shares{}
	for _, c := range curves {
		keys[c.ID()] = map[size]shares{}
		for _, sz := range sizes {
			keys[c.ID()][sz] = withRecord(dealtKeys(t, c, sz.t, partyIDs(sz.n)))
		}
	}
	protocols := []func(old shares, sz size) scenario{
		func(old shares, _ size) scenario { return refreshScenario(old) },
		func(old shares, sz size) scenario {
			return reshareScenario(old, nil, partyIDs(sz.n), partyIDs(sz.n + 1)[1:], sz.t)
		},
		func(old shares, sz size) scenario {
			return repairScenario(old, nil, partyIDs(sz.n-1), transport.PartyID(sz.n))
		},
	}
	for _, protocol := range protocols {
		var committed, named, anonymous int
		name := ""
		for seed := range uint64(runs) {
			sz := sizes[seed%2]
			c := curves[seed/2%2]
			sc := protocol(keys[c.ID()][sz], sz)
			name = sc.name
			f := 1 + int(seed/4%uint64(sz.t-1))
			malicious := map[transport.PartyID]agreementtest.Behaviour{}
			for i := range f {
				p := sc.parties[(int(seed)+2*i)%len(sc.parties)]
				malicious[p] = agreementtest.Random(seed, sc.parties, p, maxRounds)
			}
			ms, ids := sc.machines(t)
			o, err := agreementtest.Run(&agreementtest.Net[*dkg.KeyShare]{Machines: ms, Malicious: malicious, Keys: ids})
			require.NoError(t, err, "%s seed %d", sc.name, seed)
			require.NoError(t, o.Check(samePublic), "%s seed %d, %s %d-of-%d, malicious %v", sc.name, seed, c.Name(), sz.t, sz.n, malicious)
			certificates(t, o, ms)
			switch {
			case len(o.Errs) == 0:
				committed++
				for p, ks := range o.Results {
					if ks != nil {
						require.NoError(t, ks.Validate(), "%s seed %d, party %d", sc.name, seed, p)
					}
				}
			case len(o.Culprits()) > 0:
				named++
			default:
				anonymous++
			}
		}
		t.Logf("%s, %d runs: %d committed, %d aborted naming a culprit, %d aborted naming nobody", name, runs, committed, named, anonymous)
		require.Positive(t, committed, "%s: no run committed", name)
		require.Positive(t, named, "%s: no run named a culprit", name)
	}
}
