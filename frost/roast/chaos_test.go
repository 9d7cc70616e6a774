package roast_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
)

// behaviour is what a simulated signer does.
type behaviour int

const (
	honest behaviour = iota
	// silent sends nothing at all.
	silent
	// slow answers like an honest signer, but each of its messages is lost
	// or arrives very late.
	slow
	// invalidShare answers each request, with a share that fails
	// verification half of the time.
	invalidShare
	// equivocating sends two different first messages and, with every
	// answer, a second answer with another commitment.
	equivocating
	// withholding sends its first commitment and answers no request.
	withholding
	// corrupt flips a random bit of some of its messages.
	corrupt
	behaviours
)

func (b behaviour) String() string {
	return [...]string{"honest", "silent", "slow", "invalid-share", "equivocating", "withholding", "corrupt"}[b]
}

// nameable are the behaviours whose signers may be named: the others never
// send anything an honest signer would not.
var nameable = map[behaviour]bool{invalidShare: true, equivocating: true, corrupt: true}

// chaosConfig is one threshold setting of the chaos tests.
type chaosConfig struct{ t, n int }

var chaosConfigs = []chaosConfig{{3, 5}, {5, 9}}

// delivery is a message in flight. to is zero for the coordinator.
type delivery struct {
	at, seq  uint64
	from, to frost.Identifier
	payload  []byte
}

// simParty is one simulated signer.
type simParty struct {
	id     frost.Identifier
	kind   behaviour
	signer *roast.Signer
	// alt is the equivocating signer's second machine, whose first
	// commitment it also sent.
	alt *roast.Signer
}

// sim runs one ROAST run over a simulated asynchronous network: every
// message gets a seeded random delay, so messages arrive in a random order,
// and the adversary's choices come from the same seed.
type sim struct {
	tb      testing.TB
	rng     *rand.Rand
	rnd     *rand.ChaCha8 // nonces
	keys    *keySet
	msg     []byte
	runID   []byte
	coord   *roast.Coordinator
	parties map[frost.Identifier]*simParty
	order   []frost.Identifier

	now, seq uint64
	queue    []delivery
	// delivered counts, per receiver and payload, the copies delivered, so
	// that an honest signer's refusal of a redelivered old request is told
	// from a real failure.
	delivered map[[sha256.Size]byte]int
}

// chaosStats sums what the runs of one setting saw.
type chaosStats struct {
	runs        int
	sessions    map[int]int // runs by number of sessions started
	faults      map[roast.FaultKind]int
	namedByKind map[behaviour]int
}

func newChaosStats() *chaosStats {
	return &chaosStats{sessions: map[int]int{}, faults: map[roast.FaultKind]int{}, namedByKind: map[behaviour]int{}}
}

func runChaos(tb testing.TB, ks *keySet, cfg chaosConfig, seed uint64, stats *chaosStats) {
	tb.Helper()
	s := &sim{
		tb:        tb,
		rng:       rand.New(seeded(seed, "schedule")),
		rnd:       seeded(seed, "nonces"),
		keys:      ks,
		parties:   map[frost.Identifier]*simParty{},
		delivered: map[[sha256.Size]byte]int{},
	}
	s.msg = make([]byte, 32)
	s.runID = make([]byte, 16)
	_, _ = s.rnd.Read(s.msg)
	_, _ = s.rnd.Read(s.runID)

	// f = n − t malicious signers, chosen at random, of random kinds.
	malicious := map[int]behaviour{}
	for _, i := range s.rng.Perm(cfg.n)[:cfg.n-cfg.t] {
		malicious[i] = behaviour(1 + s.rng.IntN(int(behaviours)-1))
	}
	var err error
	s.coord, err = roast.NewCoordinator(roast.CoordinatorConfig{Suite: ks.suite, PublicKeys: ks.pub, Message: s.msg, RunID: s.runID})
	require.NoError(tb, err)
	for i, kp := range ks.keys {
		p := &simParty{id: kp.Identifier(), kind: malicious[i]}
		s.parties[p.id] = p
		s.order = append(s.order, p.id)
	}
	for _, id := range s.order {
		s.start(s.parties[id])
	}

	for steps := 0; !s.coord.Done(); steps++ {
		require.Less(tb, steps, 1_000_000, "seed %d: the run does not end", seed)
		require.NotEmpty(tb, s.queue, "seed %d: no message left in flight and no signature (%s)", seed, s.describe())
		s.deliver(s.pop())
	}

	require.NoError(tb, s.coord.Err(), "seed %d (%s)", seed, s.describe())
	sig, ok := s.coord.Signature()
	require.True(tb, ok)
	verifySignature(tb, ks.suite, ks.pub, s.msg, sig)
	require.LessOrEqual(tb, s.coord.Sessions(), cfg.n-cfg.t+1, "seed %d: more sessions than the robustness theorem allows", seed)
	stats.runs++
	stats.sessions[s.coord.Sessions()]++
	for _, f := range s.coord.Faults() {
		p := s.parties[f.Party]
		stats.faults[f.Kind]++
		stats.namedByKind[p.kind]++
		require.True(tb, nameable[p.kind], "seed %d: signer %s (%s) named: %v (%s)", seed, f.Party, p.kind, f, s.describe())
		if f.Kind == roast.FaultInvalidShare {
			require.NoError(tb, f.Verify(ks.pub), "seed %d: evidence against %s does not hold", seed, f.Party)
		}
	}
	for _, p := range s.parties {
		p.signer.Close()
		p.alt.Close()
	}
}

func (s *sim) describe() string {
	out := ""
	for _, id := range s.order {
		out += fmt.Sprintf("%s:%s ", id, s.parties[id].kind)
	}
	return fmt.Sprintf("%sfaults=%d sessions=%d", out, len(s.coord.Faults()), s.coord.Sessions())
}

func (s *sim) newSigner(id frost.Identifier) (*roast.Signer, []byte) {
	sg, first, err := roast.NewSigner(roast.SignerConfig{Suite: s.keys.suite, Key: s.keys.key(id), Message: s.msg, RunID: s.runID, Rand: s.rnd})
	require.NoError(s.tb, err)
	return sg, marshal(s.tb, first)
}

// start creates p's machines and sends its first message(s).
func (s *sim) start(p *simParty) {
	var first []byte
	p.signer, first = s.newSigner(p.id)
	switch p.kind {
	case silent:
	case equivocating:
		var other []byte
		p.alt, other = s.newSigner(p.id)
		s.send(p, first)
		s.send(p, other)
	case corrupt:
		s.send(p, s.maybeFlip(first))
	default:
		s.send(p, first)
	}
}

// send puts a message from p (nil: the coordinator) to to in flight. Honest
// messages arrive after 1 to 100 ticks, and one in ten twice, as over an
// at-least-once transport; a slow signer's are lost one time in three and
// otherwise take up to 5000 ticks.
func (s *sim) sendTo(from, to frost.Identifier, kind behaviour, payload []byte) {
	copies := 1
	lo, hi := uint64(1), uint64(100)
	if kind == slow {
		if s.rng.IntN(3) == 0 {
			return
		}
		lo, hi = 100, 5000
	} else if s.rng.IntN(10) == 0 {
		copies = 2
	}
	for range copies {
		s.seq++
		s.queue = append(s.queue, delivery{at: s.now + lo + s.rng.Uint64N(hi-lo+1), seq: s.seq, from: from, to: to, payload: payload})
	}
}

func (s *sim) send(p *simParty, payload []byte) {
	s.sendTo(p.id, frost.Identifier{}, p.kind, payload)
}

// pop removes the message that arrives first.
func (s *sim) pop() delivery {
	best := 0
	for i, d := range s.queue {
		if d.at < s.queue[best].at || (d.at == s.queue[best].at && d.seq < s.queue[best].seq) {
			best = i
		}
	}
	d := s.queue[best]
	s.queue[best] = s.queue[len(s.queue)-1]
	s.queue = s.queue[:len(s.queue)-1]
	s.now = d.at
	return d
}

func (s *sim) deliver(d delivery) {
	if d.to.IsZero() {
		outs, err := s.coord.Receive(d.from, d.payload)
		var fault *roast.Fault
		// A corrupted run id makes a message of "another run", ignored.
		if err != nil && !errors.As(err, &fault) && !errors.Is(err, roast.ErrDuplicate) &&
			!errors.Is(err, roast.ErrExcluded) && !errors.Is(err, roast.ErrWrongRun) {
			s.tb.Fatalf("coordinator: unexpected error %v from %s", err, d.from)
		}
		for _, out := range outs {
			s.sendTo(frost.Identifier{}, out.To, honest, marshal(s.tb, out.Request))
		}
		return
	}
	key := sha256.Sum256(append(append([]byte{}, d.to.Bytes(s.keys.suite)...), d.payload...))
	s.delivered[key]++
	p := s.parties[d.to]
	switch p.kind {
	case silent, withholding:
		return
	}
	resp, err := p.signer.Receive(d.payload)
	if p.kind == equivocating && err != nil {
		resp, err = p.alt.Receive(d.payload)
	}
	if err != nil {
		if p.kind == honest || p.kind == slow {
			require.True(s.tb, s.delivered[key] > 1 && errors.Is(err, roast.ErrStaleCommitment),
				"honest signer %s refused a request: %v", p.id, err)
		}
		return
	}
	switch p.kind {
	case invalidShare:
		if s.rng.IntN(2) == 0 {
			resp.Share = tamper(s.tb, resp.Share)
		}
		s.send(p, marshal(s.tb, resp))
	case equivocating:
		s.send(p, marshal(s.tb, resp))
		_, other, err := frost.Commit(s.keys.suite, s.keys.key(p.id), s.rnd)
		require.NoError(s.tb, err)
		resp.Next = other
		s.send(p, marshal(s.tb, resp))
	case corrupt:
		s.send(p, s.maybeFlip(marshal(s.tb, resp)))
	default:
		s.send(p, marshal(s.tb, resp))
	}
}

// maybeFlip flips one random bit of b half of the time.
func (s *sim) maybeFlip(b []byte) []byte {
	if s.rng.IntN(2) == 0 {
		return b
	}
	out := append([]byte{}, b...)
	i := s.rng.IntN(8 * len(out))
	out[i/8] ^= 1 << (i % 8)
	return out
}

// chaos runs seeds runs of every configuration and suite.
func chaos(t *testing.T, seeds int) {
	for _, cfg := range chaosConfigs {
		for _, sc := range suiteCases {
			if seeds > 20 && sc.suite == frost.Ed448SHAKE256() {
				// Measured: 20 runs of Ed448 cost about 2 s of CPU, five
				// times Ed25519's (point decoding checks [q]P = O), so the
				// slow run would add some 20 s; the fast run covers it.
				continue
			}
			t.Run(fmt.Sprintf("%d-of-%d/%s", cfg.t, cfg.n, sc.name), func(t *testing.T) {
				t.Parallel()
				ks := dealKeys(t, sc, cfg.t, cfg.n)
				stats := newChaosStats()
				for seed := range uint64(seeds) {
					runChaos(t, ks, cfg, seed, stats)
				}
				t.Logf("%d runs; runs by sessions started: %v; faults by kind: %v; named by behaviour: %v",
					stats.runs, stats.sessions, stats.faults, stats.namedByKind)
				if seeds >= 100 {
					// With this many runs every kind of fault occurs, and
					// some runs need more than one session: the adversary
					// did get in the way.
					for _, k := range []roast.FaultKind{roast.FaultInvalidShare, roast.FaultMalformed, roast.FaultUnexpected} {
						require.Positive(t, stats.faults[k], "no %s in %d runs", k, seeds)
					}
					require.Less(t, stats.sessions[1], seeds, "every run needed one session only")
				}
			})
		}
	}
}

// TestChaos runs a few seeded runs of every setting of the acceptance test
// (3-of-5 and 5-of-9 with n − t malicious signers of random kinds, every
// suite): each must end with a valid signature, name only malicious
// signers, and start at most n − t + 1 sessions. TestSlowChaos (build tag
// slow) runs 200 seeds of each.
func TestChaos(t *testing.T) {
	chaos(t, 20)
}
