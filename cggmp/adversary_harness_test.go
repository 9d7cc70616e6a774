package cggmp

// Harness for the protocol-level adversarial tests of SECURITY.md (cases
// 1-16, 25, 26): three parties run a protocol over memnet; party 3 (evil)
// is a machine the test builds itself, so the test holds its state and can
// make it lie consistently (a lie told through its own state goes into its
// own echo hashes), and memnet.Intercept plays its network side. Parties 1
// and 2 are built with the public constructors; an interceptor on each of
// them only records what they send to party 3, so that a test can check
// rule 4 (verify before you respond).

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

var honestParties = []transport.PartyID{1, 2}

// sentLog counts the messages derived from secrets (regular messages and
// identification claims, not complaints or acknowledgements) that honest
// parties sent to party 3, per round (a broadcast counts once per
// recipient, as memnet calls interceptors).
type sentLog struct {
	mu     sync.Mutex
	rounds map[int]int
}

func (l *sentLog) hook(to transport.PartyID, m *transport.Message) []*transport.Message {
	if to == evil && derived(m) {
		l.mu.Lock()
		l.rounds[m.Round]++
		l.mu.Unlock()
	}
	return []*transport.Message{m}
}

// derived reports whether m carries anything derived from its sender's
// secrets: every direct message (signing), and every broadcast but a
// complaint or an acknowledgement.
func derived(m *transport.Message) bool {
	if !m.Broadcast() || len(m.Payload) == 0 {
		return !m.Broadcast()
	}
	return m.Payload[0] == tagRegular || m.Payload[0] == tagClaim
}

// after returns the counts of the rounds later than round.
func (l *sentLog) after(round int) map[int]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[int]int{}
	for r, n := range l.rounds {
		if r > round && n > 0 {
			out[r] = n
		}
	}
	return out
}

// evilRun is the outcome of one run with a malicious party 3.
type evilRun[Out any] struct {
	outs   map[transport.PartyID]Out
	errs   map[transport.PartyID]error
	toEvil *sentLog
}

// observer sees a copy of every message an honest party sends (party 3's
// view of the network, for a rushing adversary).
type observer func(from, to transport.PartyID, m *transport.Message)

// startOverride replaces the Start of a first round: the malicious party
// builds its round-1 messages (and the state its later rounds use) itself.
type startOverride[Out any] struct {
	transport.OldFirstRound[Out]
	start func() ([]*transport.Message, error)
}

func (s startOverride[Out]) Start() ([]*transport.Message, error) { return s.start() }

// runEvil runs the machines over a fresh network, with hook (if any)
// playing party 3 and a recorder on every honest sender. When both honest
// parties have returned and one of them failed, the network is closed, so
// a party 3 still waiting for messages that will never come does not hold
// the test up (after a success, party 3 is left to finish). The default
// round timeout is long: it is only a safety net, every test except the
// killed-party ones ends by an abort.
func runEvil[Out any](t *testing.T, ms map[transport.PartyID]transport.Machine[Out], hook memnet.InterceptFunc, observe observer, opts ...transport.Option) *evilRun[Out] {
	skipUnderRace(t)
	t.Helper()
	ids := partyIDs(3)
	net := memnet.New(ids)
	defer net.Close()
	log := &sentLog{rounds: map[int]int{}}
	for _, id := range honestParties {
		net.Intercept(id, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if observe != nil {
				observe(id, to, m.Clone())
			}
			return log.hook(to, m)
		})
	}
	if hook != nil {
		net.Intercept(evil, hook)
	}
	if len(opts) == 0 {
		opts = []transport.Option{transport.WithRoundTimeout(2 * time.Minute)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Party 3's own outcome is not judged: memnet.RunAgainst stops
	// waiting for it once the honest parties are done and one failed.
	outs, errs := memnet.RunAgainst(ctx, net, ms, []transport.PartyID{evil}, opts...)
	return &evilRun[Out]{outs: outs, errs: errs, toEvil: log}
}

// requireBlamed checks that every honest party aborted with an
// *transport.AbortError naming exactly party 3, that they agree on the
// round, and that none produced an output; it returns their errors.
func requireBlamed[Out any](t *testing.T, run *evilRun[Out]) []*transport.AbortError {
	t.Helper()
	var aborts []*transport.AbortError
	for _, id := range honestParties {
		require.NotContains(t, run.outs, id, "party %d produced an output", id)
		var abort *transport.AbortError
		require.True(t, errors.As(run.errs[id], &abort), "party %d: %v", id, run.errs[id])
		require.Equal(t, []transport.PartyID{evil}, abort.Culprits, "party %d: %v", id, abort)
		require.Equal(t, []transport.PartyID{evil}, transport.Culprits(run.errs[id]))
		t.Logf("party %d: %v", id, abort)
		aborts = append(aborts, abort)
	}
	require.Equal(t, aborts[0].Round, aborts[1].Round, "honest parties disagree: %v / %v", aborts[0], aborts[1])
	return aborts
}

// judgedIn is the round in which a bad message of round `bad` (of
// aux-info or presigning, whose last regular round is 4) is judged: the
// complaint goes out in the next round and is acknowledged in the one
// after, except that complaints sent in the last round are judged at once
// (complaint.go).
func judgedIn(bad int) int { return min(bad+2, 4) }

// requireAllIs checks that every error wraps target.
func requireAllIs(t *testing.T, target error, aborts []*transport.AbortError) {
	t.Helper()
	for _, a := range aborts {
		require.ErrorIs(t, a, target)
	}
}

// requireNothingAfter checks rule 4: after party 3's bad message of round
// r, no honest party sent party 3 anything derived from its secrets in a
// later round (complaints and acknowledgements are not).
func requireNothingAfter[Out any](t *testing.T, run *evilRun[Out], r int) {
	t.Helper()
	require.Empty(t, run.toEvil.after(r), "honest parties sent party 3 messages after its bad round %d", r)
}

func randomSID(t testing.TB) []byte {
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	return sid
}

// passThrough returns m unchanged.
func passThrough(m *transport.Message) []*transport.Message { return []*transport.Message{m} }

// silentFrom drops every message of round r and later: party 3 is killed.
func silentFrom(r int) memnet.InterceptFunc {
	return func(_ transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round >= r {
			return nil
		}
		return passThrough(m)
	}
}

func fieldOf(t *testing.T, b []byte, n, i int) []byte {
	t.Helper()
	f, err := splitFields(b, n)
	require.NoError(t, err)
	return f[i]
}

// --- aux-info ---

// auxAdversary describes party 3's behaviour in aux-info.
type auxAdversary struct {
	// secret is party 3's Paillier key and ring-Pedersen parameters (a
	// fixture key of its own by default) and bits its ModulusBits.
	secret *AuxSecret
	bits   int
	// start, if set, replaces party 3's Start (it sets st.own and returns
	// the commitment).
	start func(st *auxState) ([]*transport.Message, error)
	// edit, if set, rewrites party 3's broadcasts inside its machine; hook,
	// if set, plays party 3 on the network.
	edit    func(st *auxState) editFunc
	hook    func(st *auxState) memnet.InterceptFunc
	observe observer
	opts    []transport.Option
	// noProofs makes party 3 send an empty round-3 body instead of its
	// Πmod and Πfac proofs, for a test whose verdict falls in round 2:
	// the honest parties complain in round 3 and never read it, and its
	// proofs would cost the run a third of its time.
	noProofs bool
}

// auxSecrets are the honest parties' fixture aux secrets (keys 0 and 1) and
// party 3's (key 2).
func auxSecrets(t testing.TB) map[transport.PartyID]*AuxSecret {
	return map[transport.PartyID]*AuxSecret{1: fixtureAuxSecret(t, 0), 2: fixtureAuxSecret(t, 1), 3: fixtureAuxSecret(t, 2)}
}

// runAuxAdversary runs aux-info among parties 1, 2 (honest, NewAux) and 3.
func runAuxAdversary(t *testing.T, secrets map[transport.PartyID]*AuxSecret, adv auxAdversary) (*evilRun[*AuxInfo], *auxState) {
	t.Helper()
	ids := partyIDs(3)
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[*AuxInfo]{}
	for _, id := range honestParties {
		m, err := NewAux(AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id]})
		require.NoError(t, err)
		ms[id] = m
	}
	sec := secrets[evil]
	if adv.secret != nil {
		sec = adv.secret
	}
	cfg := AuxConfig{Parties: ids, Self: evil, SessionID: sid, Secret: sec, ModulusBits: adv.bits, Rand: rand.Reader}
	if cfg.ModulusBits == 0 {
		cfg.ModulusBits = 2048
	}
	st, err := newAuxState(cfg)
	require.NoError(t, err)
	trustHonest(st)
	var first transport.OldFirstRound[*AuxInfo] = &auxRound1{st: st}
	if adv.noProofs {
		first = noRound3Proofs{auxRound1: &auxRound1{st: st}}
	}
	if adv.start != nil {
		first = startOverride[*AuxInfo]{OldFirstRound: first, start: func() ([]*transport.Message, error) { return adv.start(st) }}
	}
	if adv.edit != nil {
		first = lying(first, adv.edit(st))
	}
	m, err := transport.NewOldMachine(transport.Config{Protocol: AuxProtocol, SessionID: sid, Self: evil, Parties: ids, Rounds: auxRounds}, first)
	require.NoError(t, err)
	ms[evil] = m
	var hook memnet.InterceptFunc
	if adv.hook != nil {
		hook = adv.hook(st)
	}
	return runEvil(t, ms, hook, adv.observe, adv.opts...), st
}

// noRound3Proofs is party 3's round 1, followed by emptyAuxRound2
// (auxAdversary.noProofs).
type noRound3Proofs struct{ *auxRound1 }

func (r noRound3Proofs) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	out, next, res, err := r.auxRound1.Finalize(in)
	if r2, ok := next.(*auxRound2); ok {
		next = emptyAuxRound2{r2}
	}
	return out, next, res, err
}

// emptyAuxRound2 is auxRound2 without Πmod and Πfac: it checks the
// openings (the honest parties' Πprm are trusted, see trustHonest) and sets
// ρ as auxRound2 does, then sends an empty round-3 body and goes on as
// auxRound3.
type emptyAuxRound2 struct{ *auxRound2 }

func (r emptyAuxRound2) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[*AuxInfo], **AuxInfo, error) {
	st := r.st
	ri := classify(in, st.parties)
	st.recordAll(ri)
	if len(ri.complaints()) > 0 {
		return st.complaints.onComplaints(ri, nil)
	}
	st.openings = map[transport.PartyID]*auxOpening{st.cfg.Self: st.own}
	var bad []transport.PartyID
	for _, j := range in.Senders() {
		o, err := st.checkOpening(j)
		if err != nil {
			bad = append(bad, j)
			continue
		}
		st.openings[j] = o
	}
	if len(bad) > 0 {
		return st.complaints.complain(2, bad)
	}
	st.rho = make([]byte, 32)
	for _, j := range st.parties {
		for k, b := range st.openings[j].rho {
			st.rho[k] ^= b
		}
	}
	return st.send(3, regularPayload(nil)), &auxRound3{st: st}, nil, nil
}

// trustHonest makes party 3 take the honest parties' Πprm and Πmod as
// valid without verifying them, by filling in its kept verdicts
// (proofVerdicts). They are valid (NewAux made them), so party 3's run is
// the same; a malicious party owes no one its checks, and what the tests
// assert is the honest parties' verdicts, never party 3's. It saves each
// run two Πprm and, from round 3 on, two Πmod verifications (128
// exponentiations each).
func trustHonest(st *auxState) {
	v := st.verdicts
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[verdictKey]*verdict{}
	}
	for _, proof := range []string{"prm", "mod"} {
		for _, id := range honestParties {
			// A verdict not yet bound to an input: the first bytes
			// checked take it, as the honest parties' real proofs will.
			e := &verdict{}
			e.once.Do(func() {})
			v.m[verdictKey{proof: proof, sender: id}] = e
		}
	}
}

// openAs makes party 3 commit to, and later open, the given public key,
// ring-Pedersen and Πprm encodings as its own, with fresh ρ and u.
func openAs(st *auxState, pkRaw, pedRaw, prmRaw []byte) ([]*transport.Message, error) {
	rho := make([]byte, 32)
	u := make([]byte, 32)
	if _, err := rand.Read(rho); err != nil {
		return nil, err
	}
	if _, err := rand.Read(u); err != nil {
		return nil, err
	}
	var payload []byte
	for _, f := range [][]byte{pkRaw, pedRaw, prmRaw, rho, u} {
		payload = appendField(payload, f)
	}
	return commitTo(st, payload), nil
}

// commitTo makes party 3 commit to, and later open, a raw opening payload.
func commitTo(st *auxState, payload []byte) []*transport.Message {
	o := &auxOpening{payload: payload}
	if f, err := splitFields(payload, 5); err == nil {
		o.prmRaw, o.rho, o.u = f[2], f[3], f[4]
		o.pk, _ = parsePK(f[0], st.cfg.ModulusBits)
		o.ped, _ = parsePed(f[1], st.cfg.ModulusBits)
	}
	st.own = o
	return []*transport.Message{{Payload: regularPayload(st.commitment(st.cfg.Self, payload))}}
}

// openOwn makes party 3 open its own Paillier key with the given
// ring-Pedersen and Πprm encodings, without making the honest Πprm that
// patchOpening would throw away.
func openOwn(st *auxState, pedRaw, prmRaw []byte) ([]*transport.Message, error) {
	pkRaw, err := st.cfg.Secret.Paillier.PublicKey().MarshalBinary()
	if err != nil {
		return nil, err
	}
	return openAs(st, pkRaw, pedRaw, prmRaw)
}

// patchOpening runs party 3's honest Start, then lets f change the opening's
// fields (public key, ring-Pedersen parameters, Πprm, ρ, u) before
// committing to the result.
func patchOpening(st *auxState, f func(fields [][]byte)) ([]*transport.Message, error) {
	if _, err := (&auxRound1{st: st}).Start(); err != nil {
		return nil, err
	}
	fields, err := splitFields(st.own.payload, 5)
	if err != nil {
		return nil, err
	}
	f(fields)
	return openAs(st, fields[0], fields[1], fields[2])
}

// onAuxRound3 plays party 3's round 3 (Πmod, then Πfac for each peer, in
// one broadcast): bcast and direct, if set, return the Πmod and the Πfac
// addressed to a verifier to send instead.
func onAuxRound3(bcast func(orig []byte) []byte, direct func(to transport.PartyID, orig []byte) []byte) editFunc {
	return onParts(3, 1, 1, func(common [][]byte) {
		if bcast != nil {
			common[0] = bcast(common[0])
		}
	}, func(v transport.PartyID, part [][]byte) {
		if direct != nil {
			part[0] = direct(v, part[0])
		}
	})
}

// --- presigning ---

// presignAdversary describes party 3's behaviour in presigning.
type presignAdversary struct {
	start func(st *presignState) ([]*transport.Message, error)
	edit  func(st *presignState) editFunc
	hook  func(st *presignState) memnet.InterceptFunc
	opts  []transport.Option
}

// runPresignEvil runs 2-of-3 presigning among all three parties.
func runPresignEvil(t *testing.T, keys map[transport.PartyID]*Key, adv presignAdversary) (*evilRun[*Presignature], *presignState) {
	t.Helper()
	signers := partyIDs(3)
	sid := randomSID(t)
	ms := map[transport.PartyID]transport.Machine[*Presignature]{}
	for _, id := range honestParties {
		m, err := NewPresign(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	st, err := newPresignState(PresignConfig{Key: keys[evil], Signers: signers, SessionID: sid, Rand: rand.Reader})
	require.NoError(t, err)
	var edit editFunc
	if adv.edit != nil {
		edit = adv.edit(st)
	}
	m, err := evilPresignMachine(st, adv.start, edit)
	require.NoError(t, err)
	ms[evil] = m
	var hook memnet.InterceptFunc
	if adv.hook != nil {
		hook = adv.hook(st)
	}
	return runEvil(t, ms, hook, nil, adv.opts...), st
}

// evilPresignMachine is party 3's presigning machine on its own state,
// with start (if set) replacing its round-1 Start and edit (if set)
// rewriting its broadcasts.
func evilPresignMachine(st *presignState, start func(st *presignState) ([]*transport.Message, error), edit editFunc) (transport.Machine[*Presignature], error) {
	run := &presignRun[*Presignature]{st: st, protocol: PresignProtocol, out: presignOnly{}}
	st.protocol = PresignProtocol
	run.c = &complaints[*Presignature]{protocol: PresignProtocol, parties: st.signers, self: st.self,
		final: presignFinal, check: st.check, expect: presignExpect}
	var first transport.OldFirstRound[*Presignature] = &presignRound1[*Presignature]{run: run}
	if start != nil {
		first = startOverride[*Presignature]{OldFirstRound: first, start: func() ([]*transport.Message, error) { return start(st) }}
	}
	return transport.NewOldMachine(transport.Config{Protocol: PresignProtocol, SessionID: st.cfg.SessionID, Self: evil, Parties: st.signers, Rounds: presignRounds}, lying(first, edit))
}

// editFunc rewrites party 3's broadcast of a round.
type editFunc func(round int, payload []byte) []byte

// lyingRound applies an editFunc to the broadcasts its round's Finalize
// returns, inside party 3's machine, before the framework hashes them for
// the echo: party 3 lies consistently (what it sent and what it echoes
// agree), so the lie reaches the checks under test instead of being caught
// as an echo mismatch. Equivocation is played on the network instead.
type lyingRound[Out any] struct {
	transport.OldRound[Out]
	edit editFunc
}

func (r lyingRound[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	out, next, res, err := r.OldRound.Finalize(in)
	if next != nil {
		editAll(out, next.Number(), r.edit)
		next = lyingRound[Out]{OldRound: next, edit: r.edit}
	}
	return out, next, res, err
}

type lyingFirst[Out any] struct {
	lyingRound[Out]
	first transport.OldFirstRound[Out]
}

func (r lyingFirst[Out]) Start() ([]*transport.Message, error) {
	out, err := r.first.Start()
	editAll(out, 1, r.edit)
	return out, err
}

func editAll(out []*transport.Message, round int, edit editFunc) {
	for _, m := range out {
		if m.Broadcast() {
			m.Payload = edit(round, m.Payload)
		}
	}
}

// lying wraps a first round with edit (nil: unchanged).
func lying[Out any](first transport.OldFirstRound[Out], edit editFunc) transport.OldFirstRound[Out] {
	if edit == nil {
		return first
	}
	return lyingFirst[Out]{lyingRound: lyingRound[Out]{OldRound: first, edit: edit}, first: first}
}

// onRound rewrites the body of party 3's regular broadcast of one round.
func onRound(round int, f func(body []byte) []byte) editFunc {
	return func(r int, payload []byte) []byte {
		if r == round && len(payload) > 0 && payload[0] == tagRegular {
			return regularPayload(f(payload[1:]))
		}
		return payload
	}
}

// netRound rewrites party 3's broadcast bodies of one round on the
// network, per recipient: a different body for each is an equivocation.
func netRound(round int, f func(to transport.PartyID, body []byte) []byte) memnet.InterceptFunc {
	return func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round == round && m.Broadcast() && len(m.Payload) > 0 && m.Payload[0] == tagRegular {
			m.Payload = regularPayload(f(to, m.Payload[1:]))
		}
		return passThrough(m)
	}
}

// onDirect rewrites party 3's direct messages of one round (signing).
func onDirect(round int, f func(to transport.PartyID, payload []byte) []byte) memnet.InterceptFunc {
	return func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round == round && !m.Broadcast() {
			m.Payload = f(to, m.Payload)
		}
		return passThrough(m)
	}
}

// onParts rewrites party 3's round-r broadcast, whose body is `common`
// fields and then `perPeer` fields for each of its two peers (parties 1
// and 2, in order): common and part edit the fields in place.
func onParts(round, common, perPeer int, editCommon func(fields [][]byte), editPart func(verifier transport.PartyID, part [][]byte)) editFunc {
	return onRound(round, func(body []byte) []byte {
		f, err := splitFields(body, common+2*perPeer)
		if err != nil {
			return body
		}
		if editCommon != nil {
			editCommon(f[:common])
		}
		if editPart != nil {
			for i, v := range honestParties {
				editPart(v, f[common+i*perPeer:common+(i+1)*perPeer])
			}
		}
		return joinFields(f)
	})
}

// joinFields is the length-prefixed concatenation of f.
func joinFields(f [][]byte) []byte {
	var out []byte
	for _, x := range f {
		out = appendField(out, x)
	}
	return out
}

func parsePK(b []byte, bits int) (*paillier.PublicKey, error) {
	return paillier.ParsePublicKey(b, paillier.WithModulusBits(bits))
}

func parsePed(b []byte, bits int) (*paillier.PedersenParams, error) {
	return paillier.ParsePedersenParams(b, paillier.WithModulusBits(bits))
}

// skipUnderRace skips an adversarial end-to-end test in a -race build (see
// race_on_test.go); the suite runs in every normal test pass.
func skipUnderRace(t testing.TB) {
	t.Helper()
	if raceEnabled {
		t.Skip("adversarial end-to-end suite: run without -race")
	}
}

// variant is one subtest of an adversarial case. A slow variant runs only
// in the case's TestSlow twin (build tag slow, adversary_slow_test.go): it
// repeats a check that a default variant already reaches at protocol level
// with another input, at the price of another protocol run.
type variant struct {
	name string
	slow bool
	run  func(t *testing.T)
}

// runVariants runs, as parallel subtests, the variants whose slow flag is
// slow: false in the case's test, true in its TestSlow twin.
func runVariants(t *testing.T, slow bool, vs []variant) {
	t.Helper()
	for _, v := range vs {
		if v.slow != slow {
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			v.run(t)
		})
	}
}
