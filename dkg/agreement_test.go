package dkg

import (
	"bytes"
	"crypto/ed25519"
	"maps"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Key generation on the agreement layer (docs/agreement.md): with
// identities, every honest party ends a run with the same outcome, the
// same key or an abort naming the same culprits, none of them honest.

// signedDKG is a key generation whose parties sign with identityKeys.
type signedDKG struct {
	c       curve.Curve
	t       int
	parties []transport.PartyID
	// edit, if set, changes party p's config (a party with other inputs).
	edit func(p transport.PartyID, cfg *Config)
}

// machines builds every party's machine on one session.
func (s signedDKG) machines(tb testing.TB) (map[transport.PartyID]transport.Machine[*KeyShare], map[transport.PartyID]ed25519.PrivateKey) {
	tb.Helper()
	keys, pubs := agreementtest.IdentityKeys(s.parties)
	sid, err := SessionID(Protocol, s.c, s.parties, s.t, bytes.Repeat([]byte{0xa9}, NonceSize))
	require.NoError(tb, err)
	ms := map[transport.PartyID]transport.Machine[*KeyShare]{}
	for _, p := range s.parties {
		cfg := Config{Curve: s.c, Threshold: s.t, Parties: s.parties, Self: p, SessionID: sid,
			Identity: &transport.Identity{Key: keys[p], Peers: pubs}}
		if s.edit != nil {
			s.edit(p, &cfg)
		}
		m, err := New(cfg)
		require.NoError(tb, err)
		ms[p] = m
	}
	return ms, keys
}

// sameKey is the outcome equality of the agreement tests: the same public
// record (group key, every public share, chain code, identities).
func sameKey(a, b *KeyShare) bool { return bytes.Equal(a.publicRecord(), b.publicRecord()) }

// simulate runs s with the given malicious parties over agreementtest's
// synchronous network and checks that the honest parties agree.
func (s signedDKG) simulate(tb testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) (*agreementtest.Outcome[*KeyShare], map[transport.PartyID]transport.Machine[*KeyShare]) {
	tb.Helper()
	ms, keys := s.machines(tb)
	o, err := agreementtest.Run(&agreementtest.Net[*KeyShare]{Machines: ms, Malicious: malicious, Keys: keys})
	require.NoError(tb, err)
	require.NoError(tb, o.Check(sameKey))
	return o, ms
}

// requireNamed checks that every honest party aborted naming culprits.
func requireNamed(t *testing.T, o *agreementtest.Outcome[*KeyShare], culprits ...transport.PartyID) {
	t.Helper()
	require.Empty(t, o.Results, "no honest party may commit")
	require.Equal(t, culprits, o.Culprits())
}

// The rounds of a run with identities: rounds 1 to 3 of the package
// documentation, then the confirmation round (4) in place of the
// echo-only round; after a complaint, rounds 4 and 5 and the confirmation
// round 6.
const (
	confirmRound = 4
	maxRounds    = 6
)

// Party 3 withholds its last message, its confirmation (and every message
// after it, the certificate included), from party 2 only. Party 2 commits
// all the same, with the confirmation party 1 relays or the certificate
// party 1 sends, so that the honest parties never end with a key that one
// of them lacks. Before the agreement layer the run ended with an
// echo-only round 4, and party 3 withholding its round-4 message from
// party 2 left party 1 (and party 3) with the key and party 2 timing out
// without it.
func TestAgreement_WithheldLastMessage(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		t.Run(c.Name(), func(t *testing.T) {
			s := signedDKG{c: c, t: 2, parties: partyIDs(3)}
			o, ms := s.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: confirmRound, To: []transport.PartyID{2}, AllKinds: true}),
			})
			require.Len(t, o.Results, 2, "both honest parties commit")
			for p, ks := range o.Results {
				require.NoError(t, ks.Validate(), "party %d", p)
				_, pubs := agreementtest.IdentityKeys(s.parties)
				require.Equal(t, pubs, ks.Identities, "party %d records the run's identities", p)
				require.NotEmpty(t, ms[p].(transport.Certified).Certificate(), "party %d keeps the certificate", p)
			}
		})
	}
}

// Party 3 flips a bit of a slot in the echo its round-2 share to party 1
// carries: every honest party names party 3, whose signed echo holds a
// slot its party never signed.
func TestAgreement_LyingEcho(t *testing.T) {
	s := signedDKG{c: curve.Secp256k1(), t: 2, parties: partyIDs(3)}
	o, _ := s.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
		3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: 2, To: []transport.PartyID{1}}),
	})
	requireNamed(t, o, 3)
	for p, err := range o.Errs {
		require.ErrorIs(t, err, transport.ErrEchoMismatch, "party %d", p)
	}
}

// Party 3 sends party 1 alone a bad round-1 broadcast (its commitment and
// proof of knowledge): garbage, or another valid-looking one. Party 1
// aborts at once; the others, who saw a good broadcast, name party 3 with
// it (two broadcasts it signed) instead of blaming party 1 for silence.
func TestAgreement_OneSidedBadBroadcast(t *testing.T) {
	for _, kind := range []agreementtest.FaultKind{agreementtest.Garbage, agreementtest.Equivocate} {
		t.Run(kind.String(), func(t *testing.T) {
			s := signedDKG{c: curve.Edwards25519(), t: 3, parties: partyIDs(5)}
			o, _ := s.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: kind, Round: 1, To: []transport.PartyID{1}}),
			})
			requireNamed(t, o, 3)
			for p, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrEquivocation, "party %d", p)
			}
		})
	}
}

// A party that runs with other public inputs (another threshold, or
// another set of identity keys) is nobody's fault to name: every party
// ends at once with ErrContextMismatch and no culprit.
func TestAgreement_KeyMismatch(t *testing.T) {
	_, pubs := agreementtest.IdentityKeys(partyIDs(3))
	other := maps.Clone(pubs)
	_, stranger := agreementtest.IdentityKeys([]transport.PartyID{99})
	other[1] = stranger[99]
	cases := map[string]func(p transport.PartyID, cfg *Config){
		"threshold": func(p transport.PartyID, cfg *Config) {
			if p == 3 {
				cfg.Threshold = 3
			}
		},
		"identities": func(p transport.PartyID, cfg *Config) {
			if p == 3 {
				cfg.Identity.Peers = other
			}
		},
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			s := signedDKG{c: curve.Secp256k1(), t: 2, parties: partyIDs(3), edit: edit}
			o, _ := s.simulate(t, nil)
			require.Len(t, o.Errs, 3)
			require.Empty(t, o.Culprits())
			for p, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrContextMismatch, "party %d", p)
			}
		})
	}
}

// TestAgreement_RandomAdversaries runs seeded key generations in which up
// to t-1 parties mix every fault of agreementtest.Random; see
// randomAdversaries. TestSlowAgreement_RandomAdversaries (build tag slow)
// runs more.
func TestAgreement_RandomAdversaries(t *testing.T) {
	runs := 40
	if testing.Short() {
		runs = 12
	}
	randomAdversaries(t, runs)
}

// randomAdversaries runs seeded 2-of-3 and 3-of-5 key generations (both
// curves) with f = 1 ... t-1 malicious parties, each mixing the faults of
// agreementtest.Random over every round. No run may end with honest
// parties disagreeing or naming an honest party; a failure prints the
// seed and the behaviours. The mix must produce commits and aborts that
// name a culprit, or it proves little.
func randomAdversaries(t *testing.T, runs int) {
	sizes := []struct{ t, n int }{{2, 3}, {3, 5}}
	curves := []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}
	var committed, named, anonymous int
	for seed := range uint64(runs) {
		size := sizes[seed%2]
		c := curves[seed/2%2]
		f := 1 + int(seed/4%uint64(size.t-1))
		parties := partyIDs(size.n)
		malicious := map[transport.PartyID]agreementtest.Behaviour{}
		for i := range f {
			p := parties[(int(seed)+2*i)%size.n]
			malicious[p] = agreementtest.Random(seed, parties, p, maxRounds)
		}
		s := signedDKG{c: c, t: size.t, parties: parties}
		ms, keys := s.machines(t)
		o, err := agreementtest.Run(&agreementtest.Net[*KeyShare]{Machines: ms, Malicious: malicious, Keys: keys})
		require.NoError(t, err, "seed %d", seed)
		require.NoError(t, o.Check(sameKey), "seed %d, %s %d-of-%d, malicious %v", seed, c.Name(), size.t, size.n, malicious)
		switch {
		case len(o.Errs) == 0:
			committed++
			for p, ks := range o.Results {
				require.NoError(t, ks.Validate(), "seed %d, party %d", seed, p)
			}
		case len(o.Culprits()) > 0:
			named++
		default:
			anonymous++
		}
	}
	t.Logf("%d runs: %d committed, %d aborted naming a culprit, %d aborted naming nobody", runs, committed, named, anonymous)
	require.Positive(t, committed, "no run committed")
	require.Positive(t, named, "no run named a culprit")
}
