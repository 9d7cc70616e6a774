package frost

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The rounds of a signing with identities: the commitments, the signature
// shares, and the confirmation of the signature the machine adds.
const (
	commitRoundNo  = 1
	shareRoundNo   = 2
	confirmRoundNo = 3
)

// seeded is a deterministic randomness source for the dealer and the
// signers of one simulated run, so that a failing seed replays.
func seeded(seed uint64, label string) *rand.ChaCha8 {
	var s [32]byte
	binary.BigEndian.PutUint64(s[:], seed)
	copy(s[8:], label)
	return rand.NewChaCha8(s)
}

// agreementSigning is a NewSign run with identities (unless unsigned) over
// a dealt t-of-n key, signed by signers (every holder when nil).
type agreementSigning struct {
	suite   Ciphersuite
	t, n    int
	signers []transport.PartyID
	seed    uint64
	// unsigned leaves SignConfig.Identity nil.
	unsigned bool
	// edit, if set, changes a signer's configuration before NewSign.
	edit func(*SignConfig)
}

func (s agreementSigning) parties() []transport.PartyID {
	if s.signers != nil {
		return s.signers
	}
	ids := make([]transport.PartyID, s.n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// machines deals the key and builds every signer's machine; it returns the
// identity keys (for the malicious parties' re-signing) and the public key
// package the signature must verify under.
func (s agreementSigning) machines(t testing.TB) (map[transport.PartyID]transport.Machine[[]byte], map[transport.PartyID]ed25519.PrivateKey, *PublicKeyPackage) {
	t.Helper()
	kps, pub, err := TrustedDealerKeygen(s.suite, nil, s.n, s.t, seeded(s.seed, "dealer"))
	require.NoError(t, err)
	return s.machinesFor(t, kps, pub), s.keys(), pub
}

// keys returns the identity keys of the signers.
func (s agreementSigning) keys() map[transport.PartyID]ed25519.PrivateKey {
	keys, _ := agreementtest.IdentityKeys(s.parties())
	return keys
}

// machinesFor builds every signer's machine for the dealt key.
func (s agreementSigning) machinesFor(t testing.TB, kps []*KeyPackage, pub *PublicKeyPackage) map[transport.PartyID]transport.Machine[[]byte] {
	t.Helper()
	signers := s.parties()
	keys, pubs := agreementtest.IdentityKeys(signers)
	sid := []byte(fmt.Sprintf("frost agreement run %d", s.seed))
	ms := map[transport.PartyID]transport.Machine[[]byte]{}
	for _, p := range signers {
		cfg := SignConfig{
			Suite: s.suite, Key: kps[p-1], Public: pub, Signers: signers, Self: p,
			SessionID: sid, Message: []byte("agree on this"), Rand: seeded(s.seed, fmt.Sprint("signer ", p)),
		}
		if !s.unsigned {
			cfg.Identity = &transport.Identity{Key: keys[p], Peers: pubs}
		}
		if s.edit != nil {
			s.edit(&cfg)
		}
		m, err := NewSign(cfg)
		require.NoError(t, err)
		ms[p] = m
	}
	return ms
}

// simulate runs the signing with the given malicious signers, checks that
// the honest ones agree, and that a signature they finish with verifies.
func (s agreementSigning) simulate(t testing.TB, malicious map[transport.PartyID]agreementtest.Behaviour) *agreementtest.Outcome[[]byte] {
	t.Helper()
	ms, keys, pub := s.machines(t)
	o, err := agreementtest.Run(&agreementtest.Net[[]byte]{Machines: ms, Malicious: malicious, Keys: keys})
	require.NoError(t, err)
	require.NoError(t, o.Check(bytes.Equal), "malicious %v", malicious)
	for p, sig := range o.Results {
		require.NoError(t, Verify(s.suite, pub.GroupKey(), []byte("agree on this"), sig), "signer %d", p)
	}
	return o
}

func TestAgreement_HonestRunSigns(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			o := agreementSigning{suite: suite, t: 3, n: 5}.simulate(t, nil)
			require.Len(t, o.Results, 5)
			require.Zero(t, o.Expiries, "an honest run never waits for a timeout")
		})
	}
}

// Signer 3 flips a bit of signer 2's slot in the echo it sends signer 1.
// In round 2 (the shares, which carry the echo of the commitments) every
// honest signer names signer 3, whose signed echo holds a slot signer 2
// never signed. In the confirmation round (which carries the echo of the
// shares) signer 1 aborts too, but every honest signer has sent its
// confirmation by then: the others commit with every confirmation, and
// signer 1 commits with the certificate they send, so all sign.
func TestAgreement_LyingEcho(t *testing.T) {
	for _, tc := range []struct {
		round    int
		culprits []transport.PartyID
	}{
		{shareRoundNo, []transport.PartyID{3}},
		{confirmRoundNo, nil},
	} {
		t.Run(fmt.Sprint("round ", tc.round), func(t *testing.T) {
			o := agreementSigning{suite: Ed25519SHA512(), t: 2, n: 3}.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.LieInEcho, Round: tc.round, To: []transport.PartyID{1}}),
			})
			require.Equal(t, tc.culprits, o.Culprits())
			if tc.culprits == nil {
				require.Len(t, o.Results, 2, "both honest signers sign")
			}
			for _, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrEchoMismatch)
			}
		})
	}
}

// Signer 3 sends a bad broadcast to signer 1 only, its commitments or its
// signature share: signer 1 aborts at once, and the others, who saw a good
// one, name signer 3 with it (two broadcasts it signed). In round 2 this
// is the case the unsigned contract leaves open: the others hold every good
// share and could aggregate, but signer 1 cannot (a FROST signature needs
// the share of every signer of the package), so every honest signer
// aborts instead of some of them finishing.
func TestAgreement_OneSidedBadBroadcast(t *testing.T) {
	for _, round := range []int{commitRoundNo, shareRoundNo} {
		for _, kind := range []agreementtest.FaultKind{agreementtest.Garbage, agreementtest.Equivocate} {
			t.Run(fmt.Sprintf("round %d/%s", round, kind), func(t *testing.T) {
				o := agreementSigning{suite: Secp256k1TR(), t: 3, n: 5}.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
					3: agreementtest.NewScript(1, agreementtest.Fault{Kind: kind, Round: round, To: []transport.PartyID{1}}),
				})
				require.Equal(t, []transport.PartyID{3}, o.Culprits())
				for _, err := range o.Errs {
					require.ErrorIs(t, err, transport.ErrEquivocation)
				}
			})
		}
	}
}

// invalidShare is a signer that sends every other signer the same invalid
// signature share (its own with the last byte changed), signed: there is
// no equivocation to prove, only the blames of those who check it.
type invalidShare struct{}

func (invalidShare) Rewrite(m *transport.Message, _ transport.PartyID, key ed25519.PrivateKey) []*transport.Message {
	if m.Kind == transport.KindRound && m.Round == shareRoundNo {
		m = m.Clone()
		m.Payload[len(m.Payload)-1] ^= 1
		transport.SignMessage(key, m)
	}
	return []*transport.Message{m}
}

// An invalid share sent to every signer is judged by every honest signer
// alike. With all five of a 3-of-5 key signing, three honest signers blame
// its sender, more than f = 2, so it is named. With exactly t signers the
// honest signers are no majority: their two blames are not more than f,
// only self-verifying evidence names anyone (docs/agreement.md, "Limits"),
// and every honest signer aborts naming nobody.
func TestAgreement_BadShareToAll(t *testing.T) {
	for _, tc := range []struct {
		name     string
		signers  []transport.PartyID
		culprits []transport.PartyID
	}{
		{"all five sign", nil, []transport.PartyID{3}},
		{"exactly t sign", []transport.PartyID{1, 3, 5}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := agreementSigning{suite: Ed25519SHA512(), t: 3, n: 5, signers: tc.signers}.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: invalidShare{},
			})
			require.NotEmpty(t, o.Errs, "nobody signs")
			require.Equal(t, tc.culprits, o.Culprits())
			for _, err := range o.Errs {
				require.ErrorIs(t, err, ErrInvalidSignatureShare)
			}
		})
	}
}

// Signer 3 withholds everything from signer 2 from its last protocol
// message on: its share (round 2) or its confirmation (round 3), and every
// relay, notice and certificate after it. The share reaches signer 2
// relayed by the others, who hold it signed; the missing confirmation is
// made up for by the certificate of every confirmation that another signer
// sends once it has them all. Both honest signers sign. Without the
// confirmation round a signer holding every share would finish while signer
// 2 waited in vain and aborted (an echo-only last round moves that split
// to its own messages).
func TestAgreement_WithheldLastMessage(t *testing.T) {
	for _, round := range []int{shareRoundNo, confirmRoundNo} {
		t.Run(fmt.Sprint("round ", round), func(t *testing.T) {
			o := agreementSigning{suite: Ed25519SHA512(), t: 2, n: 3}.simulate(t, map[transport.PartyID]agreementtest.Behaviour{
				3: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Withhold, Round: round, To: []transport.PartyID{2}, AllKinds: true}),
			})
			require.Len(t, o.Results, 2, "both honest signers sign")
		})
	}
}

// A signer that holds other public inputs than the others (another message,
// another key, another identity set) is not anybody's fault to name: every
// signer ends at once with ErrContextMismatch and no culprit.
func TestAgreement_KeyMismatch(t *testing.T) {
	_, otherIDs := agreementtest.IdentityKeys([]transport.PartyID{11, 12, 13})
	tests := map[string]func(*SignConfig){
		"message": func(c *SignConfig) { c.Message = []byte("agree on that") },
		"taproot tweak": func(c *SignConfig) {
			var err error
			c.Key, err = c.Key.Tweak(nil)
			require.NoError(t, err)
			c.Public, err = c.Public.Tweak(nil)
			require.NoError(t, err)
		},
		"identity of another signer": func(c *SignConfig) {
			peers := map[transport.PartyID]ed25519.PublicKey{}
			for p, pk := range c.Identity.Peers {
				peers[p] = pk
			}
			peers[1] = otherIDs[11]
			c.Identity = &transport.Identity{Key: c.Identity.Key, Peers: peers}
		},
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			s := agreementSigning{suite: Secp256k1TR(), t: 2, n: 3, edit: func(c *SignConfig) {
				if c.Self == 3 {
					edit(c)
				}
			}}
			ms, keys, _ := s.machines(t)
			o, err := agreementtest.Run(&agreementtest.Net[[]byte]{Machines: ms, Keys: keys})
			require.NoError(t, err)
			require.Len(t, o.Errs, 3, "nobody signs")
			for p, err := range o.Errs {
				require.ErrorIs(t, err, transport.ErrContextMismatch, "signer %d", p)
				require.Empty(t, transport.Culprits(err), "signer %d names nobody", p)
			}
		})
	}
}

// randomAdversaries runs seeded signings in every suite: 2-of-3 and 3-of-5
// with every holder signing, 3-of-5 with four signers, and 3-of-5 with
// exactly three (no honest majority, so fewer culprits named), each with 1
// to t-1 malicious signers mixing every fault of agreementtest.Random. No
// run may end with honest signers disagreeing or naming an honest signer; a
// failure prints its seed and the behaviours. The mix must produce
// signatures as well as aborts that name a culprit, or the test proves
// little.
func randomAdversaries(t *testing.T, runs int) {
	configs := []struct {
		t, n    int
		signers []transport.PartyID
	}{
		{2, 3, nil},
		{3, 5, nil},
		{3, 5, []transport.PartyID{1, 2, 4, 5}},
		{3, 5, []transport.PartyID{1, 3, 5}},
	}
	var signed, named, anonymous int
	for seed := range uint64(runs) {
		cfg := configs[seed%uint64(len(configs))]
		rest := seed / uint64(len(configs))
		s := agreementSigning{suite: allSuites[rest%uint64(len(allSuites))], t: cfg.t, n: cfg.n, signers: cfg.signers, seed: seed}
		parties := s.parties()
		f := 1 + int(rest/uint64(len(allSuites))%uint64(cfg.t-1))
		malicious := map[transport.PartyID]agreementtest.Behaviour{}
		for i := range f {
			p := parties[(int(seed)+i*2)%len(parties)]
			malicious[p] = agreementtest.Random(seed, parties, p, confirmRoundNo)
		}
		ms, keys, pub := s.machines(t)
		o, err := agreementtest.Run(&agreementtest.Net[[]byte]{Machines: ms, Malicious: malicious, Keys: keys})
		require.NoError(t, err, "seed %d", seed)
		require.NoError(t, o.Check(bytes.Equal), "seed %d, %d-of-%d, signers %v, malicious %v", seed, cfg.t, cfg.n, parties, malicious)
		for p, sig := range o.Results {
			require.NoError(t, Verify(s.suite, pub.GroupKey(), []byte("agree on this"), sig), "seed %d, signer %d", seed, p)
		}
		switch {
		case len(o.Errs) == 0:
			signed++
		case len(o.Culprits()) > 0:
			named++
		default:
			anonymous++
		}
	}
	t.Logf("%d runs: %d signed, %d aborted naming a culprit, %d aborted naming nobody", runs, signed, named, anonymous)
	require.Positive(t, signed)
	require.Greater(t, named, runs/4)
}

func TestAgreement_RandomAdversaries(t *testing.T) {
	runs := 40
	if testing.Short() {
		runs = 12
	}
	randomAdversaries(t, runs)
}

// NewSign refuses an Identity it cannot run with, wrapping ErrConfig, and
// leaves the caller's Identity alone: Peers may list every holder of the
// key, and MaxFaulty left zero is filled in on a copy.
func TestSignConfigIdentity(t *testing.T) {
	kps, pub, err := TrustedDealerKeygen(Ed25519SHA512(), nil, 5, 3, seeded(0, "dealer"))
	require.NoError(t, err)
	holders := []transport.PartyID{1, 2, 3, 4, 5}
	keys, pubs := agreementtest.IdentityKeys(holders)
	signers := []transport.PartyID{1, 2, 3}
	only := func(ids ...transport.PartyID) map[transport.PartyID]ed25519.PublicKey {
		m := map[transport.PartyID]ed25519.PublicKey{}
		for _, p := range ids {
			m[p] = pubs[p]
		}
		return m
	}
	neutral := only(1, 2, 3)
	neutral[2] = append(ed25519.PublicKey{1}, make([]byte, ed25519.PublicKeySize-1)...) // the identity point
	tests := []struct {
		name string
		id   *transport.Identity
		want error // nil: accepted
	}{
		{"the signers' keys", &transport.Identity{Key: keys[1], Peers: only(1, 2, 3)}, nil},
		{"every holder's keys", &transport.Identity{Key: keys[1], Peers: pubs}, nil},
		{"f of 2 set", &transport.Identity{Key: keys[1], Peers: pubs, MaxFaulty: 2}, nil},
		{"a signer without a key", &transport.Identity{Key: keys[1], Peers: only(1, 2, 4)}, transport.ErrIdentity},
		{"a signer's key of small order", &transport.Identity{Key: keys[1], Peers: neutral}, transport.ErrIdentity},
		{"another party's private key", &transport.Identity{Key: keys[2], Peers: pubs}, transport.ErrIdentity},
		{"no private key", &transport.Identity{Peers: pubs}, transport.ErrIdentity},
		{"f as large as the signing set", &transport.Identity{Key: keys[1], Peers: pubs, MaxFaulty: 3}, transport.ErrIdentity},
		{"negative f", &transport.Identity{Key: keys[1], Peers: pubs, MaxFaulty: -1}, transport.ErrIdentity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			peers, f := len(tc.id.Peers), tc.id.MaxFaulty
			_, err := NewSign(SignConfig{Suite: Ed25519SHA512(), Key: kps[0], Public: pub, Signers: signers, Self: 1,
				SessionID: []byte("identity config"), Message: []byte("m"), Identity: tc.id})
			if tc.want == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrConfig)
				require.ErrorIs(t, err, tc.want)
			}
			require.Len(t, tc.id.Peers, peers, "the caller's Peers are left alone")
			require.Equal(t, f, tc.id.MaxFaulty, "the caller's MaxFaulty is left alone")
		})
	}
}

// With a 1-of-n key the default f, the minimum less one, is zero, which
// the transport reads as the number of signers less one; the run signs.
func TestAgreement_OneOfNKeySigns(t *testing.T) {
	o := agreementSigning{suite: Secp256k1SHA256(), t: 1, n: 3}.simulate(t, nil)
	require.Len(t, o.Results, 3)
}

// BenchmarkAgreementSigning3of5 runs a whole signing by all five holders
// of a 3-of-5 key, every machine in process over the lock-step network of
// agreementtest, without identities and with them: the cost of the
// agreement layer (signatures on every message and the confirmation round)
// on an honest run.
func BenchmarkAgreementSigning3of5(b *testing.B) {
	for _, suite := range []Ciphersuite{Ed25519SHA512(), Secp256k1TR()} {
		for _, unsigned := range []bool{true, false} {
			name := suite.Name() + "/identities"
			if unsigned {
				name = suite.Name() + "/unsigned"
			}
			b.Run(name, func(b *testing.B) {
				s := agreementSigning{suite: suite, t: 3, n: 5, unsigned: unsigned}
				kps, pub, err := TrustedDealerKeygen(suite, nil, 5, 3, seeded(0, "dealer"))
				require.NoError(b, err)
				keys := s.keys()
				b.ReportAllocs()
				start := cputime.Process()
				for b.Loop() {
					s.seed++
					o, err := agreementtest.Run(&agreementtest.Net[[]byte]{Machines: s.machinesFor(b, kps, pub), Keys: keys})
					if err != nil || len(o.Results) != 5 {
						b.Fatalf("run: %v, %d results", err, len(o.Results))
					}
				}
				cputime.Report(b, cputime.Process()-start, time.Microsecond)
			})
		}
	}
}
