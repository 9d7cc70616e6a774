package dkls23

// Harness for the adversarial tests of SECURITY.md case 41
// (adversary_test.go). The machines of a run are driven by hand, in one
// goroutine, in a fixed order (drive): no round timeout and no scheduling
// decides an outcome, so a test can assert which parties abort and which
// are left waiting. The malicious party's outgoing messages pass through a
// hook (netHook) that may rewrite, drop or multiply them per recipient, as
// a malicious sender on authenticated channels can; a lie that must reach
// the echo hashes too (a commitment changed consistently) is told inside
// the machine by a lying round instead (lying).
//
// The package's own tests cannot import package local (which imports this
// package), so the key generation (dkg) and the setup run on the same
// driver.

import (
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The parties of every case: a 2-of-3 key, party 3 the adversary.
const (
	honest1 = transport.PartyID(1)
	honest2 = transport.PartyID(2)
	evil    = transport.PartyID(3)
)

var allThree = []transport.PartyID{honest1, honest2, evil}

// netHook plays the malicious party's side of the network: it is called
// once per recipient with a copy of each message the party sends, and
// returns what that recipient gets instead (nothing, the message edited,
// or more).
type netHook func(to transport.PartyID, m *transport.Message) []*transport.Message

// delivery is one message on its way to one party.
type delivery struct {
	to  transport.PartyID
	msg *transport.Message
}

// runOutcome is where every machine of a run stopped.
type runOutcome[Out any] struct {
	outs    map[transport.PartyID]Out
	errs    map[transport.PartyID]error // aborted machines
	waiting []transport.PartyID         // machines still waiting when nothing is left to deliver
	refused map[transport.PartyID][]*transport.MessageError
	sent    []delivery // every message delivered, in order
}

// drive starts every machine, then delivers messages one at a time in the
// order they were sent until none is left. from's messages go through hook
// (if any); inject is delivered right after the Starts, before anything
// else (a replay). A machine that has stopped gets nothing more. Like
// transport.Run, the messages a machine returns with an error are sent.
func drive[Out any](t *testing.T, ms map[transport.PartyID]transport.Machine[Out], from transport.PartyID, hook netHook, inject ...delivery) *runOutcome[Out] {
	t.Helper()
	ids := slices.Sorted(func(yield func(transport.PartyID) bool) {
		for id := range ms {
			if !yield(id) {
				return
			}
		}
	})
	res := &runOutcome[Out]{outs: map[transport.PartyID]Out{}, errs: map[transport.PartyID]error{}, refused: map[transport.PartyID][]*transport.MessageError{}}
	var queue []delivery
	post := func(sender transport.PartyID, out []*transport.Message) {
		for _, m := range out {
			to := []transport.PartyID{m.To}
			if m.To == 0 {
				to = slices.DeleteFunc(slices.Clone(ids), func(id transport.PartyID) bool { return id == sender })
			}
			for _, p := range to {
				copies := []*transport.Message{m.Clone()}
				if sender == from && hook != nil {
					copies = hook(p, copies[0])
				}
				for _, c := range copies {
					queue = append(queue, delivery{to: p, msg: c})
				}
			}
		}
	}
	note := func(id transport.PartyID, err error) {
		for _, e := range joinedErrors(err) {
			var me *transport.MessageError
			if errors.As(e, &me) {
				res.refused[id] = append(res.refused[id], me)
			}
		}
	}
	for _, id := range ids {
		out, err := ms[id].Start()
		note(id, err)
		post(id, out)
	}
	queue = append(slices.Clone(inject), queue...)
	for steps := 0; len(queue) > 0; steps++ {
		if steps == 100000 {
			// Errorf, not FailNow: drive may run in a goroutine of its own.
			t.Errorf("the run does not settle")
			break
		}
		d := queue[0]
		queue = queue[1:]
		res.sent = append(res.sent, d)
		m := ms[d.to]
		if m == nil || m.Done() {
			continue
		}
		out, err := m.Deliver(d.msg)
		note(d.to, err)
		post(d.to, out)
	}
	for _, id := range ids {
		if !ms[id].Done() {
			res.waiting = append(res.waiting, id)
			continue
		}
		out, err := ms[id].Result()
		if err != nil {
			res.errs[id] = err
			continue
		}
		res.outs[id] = out
	}
	return res
}

// flatten lists the errors joined in err (errors.Join), or err alone.
func joinedErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// only is a netHook that applies edit to the messages of round (0: every
// round) addressed to the recipients in to (none: every recipient), and
// passes the others on unchanged.
func only(round int, to []transport.PartyID, edit func(m *transport.Message)) netHook {
	return func(p transport.PartyID, m *transport.Message) []*transport.Message {
		if (round == 0 || m.Round == round) && (len(to) == 0 || slices.Contains(to, p)) {
			edit(m)
		}
		return []*transport.Message{m}
	}
}

// editFunc rewrites one outgoing message of round.
type editFunc func(round int, m *transport.Message)

// lying wraps a first round so that every message it and its successors
// send is rewritten by edit after the round made it and before the
// machine hashes it for the echo: the party lies consistently, and the lie
// reaches the protocol's checks instead of the echo check.
func lying[Out any](first transport.FirstRound[Out], edit editFunc) transport.FirstRound[Out] {
	return lyingFirst[Out]{lyingRound: lyingRound[Out]{inner: first, edit: edit}, first: first}
}

type lyingRound[Out any] struct {
	inner transport.Round[Out]
	edit  editFunc
}

func (r lyingRound[Out]) Expects() transport.Expect { return r.inner.Expects() }

func (r lyingRound[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	step := r.inner.Finalize(in)
	if step.Round() == nil {
		return step
	}
	out := step.Messages()
	for _, m := range out {
		r.edit(in.Round()+1, m)
	}
	return transport.Next(out, transport.Round[Out](lyingRound[Out]{inner: step.Round(), edit: r.edit}))
}

type lyingFirst[Out any] struct {
	lyingRound[Out]
	first transport.FirstRound[Out]
}

func (r lyingFirst[Out]) Start() ([]*transport.Message, error) {
	out, err := r.first.Start()
	for _, m := range out {
		r.edit(1, m)
	}
	return out, err
}

// keygen runs dkg for a 2-of-3 secp256k1 key among allThree.
func driveKeygen(t *testing.T) map[transport.PartyID]*dkg.KeyShare {
	t.Helper()
	sid, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), allThree, 2, freshNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range allThree {
		m, err := dkg.New(dkg.Config{Curve: curve.Secp256k1(), Threshold: 2, Parties: allThree, Self: id, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	res := drive(t, ms, 0, nil)
	require.Len(t, res.outs, len(allThree), "keygen: %v", res.errs)
	return res.outs
}

// setupMachines returns every party's NewSetup machine for one fresh
// setup session.
func setupMachines41(t *testing.T, shares map[transport.PartyID]*dkg.KeyShare) map[transport.PartyID]transport.Machine[*Key] {
	t.Helper()
	sid, err := SetupSessionID(shares[honest1], freshNonce(t))
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*Key]{}
	for id, share := range shares {
		m, err := NewSetup(SetupConfig{Share: share, SessionID: sid})
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

// setup runs the pairwise OT setup honestly and returns every Key.
func driveSetup(t *testing.T, shares map[transport.PartyID]*dkg.KeyShare) map[transport.PartyID]*Key {
	t.Helper()
	res := drive(t, setupMachines41(t, shares), 0, nil)
	require.Len(t, res.outs, len(shares), "setup: %v", res.errs)
	return res.outs
}

// keyFixture is one key generation and one setup, made once per test binary;
// keys returns fresh copies, since a case may retire pairs in its Keys.
type keyFixture struct {
	shares map[transport.PartyID]*dkg.KeyShare
	keys   map[transport.PartyID][]byte
}

var (
	fixtureOnce sync.Once
	fixtureVal  *keyFixture
)

func fixture41(t *testing.T) *keyFixture {
	t.Helper()
	fixtureOnce.Do(func() {
		shares := driveKeygen(t)
		f := &keyFixture{shares: shares, keys: map[transport.PartyID][]byte{}}
		for id, k := range driveSetup(t, shares) {
			b, err := k.MarshalBinary()
			require.NoError(t, err)
			f.keys[id] = b
		}
		fixtureVal = f
	})
	require.NotNil(t, fixtureVal, "the fixture failed in an earlier test")
	return fixtureVal
}

func (f *keyFixture) freshKeys(t *testing.T) map[transport.PartyID]*Key {
	t.Helper()
	out := map[transport.PartyID]*Key{}
	for id, b := range f.keys {
		k, err := ParseKey(b)
		require.NoError(t, err)
		out[id] = k
	}
	return out
}

// signRun is one signing run being built: the session and the digest
// every signer shares.
type signRun struct {
	signers []transport.PartyID
	sid     []byte
	digest  []byte
}

func newSignRun(t *testing.T, key *Key, signers []transport.PartyID, label string) signRun {
	t.Helper()
	digest := sha256.Sum256([]byte(label))
	sid, err := SignSessionID(key, signers, nil, digest[:], freshNonce(t))
	require.NoError(t, err)
	return signRun{signers: signers, sid: sid, digest: digest[:]}
}

func (s signRun) config(key *Key) SignConfig {
	return SignConfig{Key: key, Signers: s.signers, SessionID: s.sid, Digest: s.digest}
}

// machines returns NewSign's machine for every signer.
func (s signRun) machines(t *testing.T, keys map[transport.PartyID]*Key) map[transport.PartyID]transport.Machine[*cggmp.Signature] {
	t.Helper()
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range s.signers {
		m, err := NewSign(s.config(keys[id]))
		require.NoError(t, err)
		ms[id] = m
	}
	return ms
}

// inside builds the machine NewSign builds, keeping its first round so
// that the test can read the party's state (a victim's choice bits) or
// make it lie from inside: tamper changes the state before the run, edit
// (if set) rewrites every message it sends before its echo hash.
func (s signRun) inside(t *testing.T, key *Key, tamper func(*signState), edit editFunc) (transport.Machine[*cggmp.Signature], *signRound1) {
	t.Helper()
	st, err := newSignState(s.config(key))
	require.NoError(t, err)
	if tamper != nil {
		tamper(st)
	}
	r1 := &signRound1{st: st}
	var first transport.FirstRound[*cggmp.Signature] = r1
	if edit != nil {
		first = lying(first, edit)
	}
	m, err := transport.NewMachine[*cggmp.Signature](transport.Config{
		Protocol:  SignProtocol,
		SessionID: s.sid,
		Self:      st.self,
		Parties:   st.signers,
		Context:   st.context,
	}, first)
	require.NoError(t, err)
	return m, r1
}

func freshNonce(t *testing.T) []byte {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return b
}

// requireSuspect checks a pairwise abort: an *AbortError naming nobody
// that wraps want and a *SuspectError naming suspect.
func requireSuspect(t *testing.T, err error, suspect transport.PartyID, want error) {
	t.Helper()
	var abort *transport.AbortError
	require.ErrorAs(t, err, &abort)
	require.Empty(t, abort.Culprits, "a pairwise fault names nobody: %v", err)
	require.Empty(t, transport.Culprits(err))
	require.ErrorIs(t, err, want)
	var se *SuspectError
	require.ErrorAs(t, err, &se)
	require.Equal(t, suspect, se.Suspect, "%v", err)
}

// requireBlamed checks an identified abort: an *AbortError naming exactly
// culprit, wrapping want, in round.
func requireBlamed(t *testing.T, err error, culprit transport.PartyID, want error, round int) {
	t.Helper()
	var abort *transport.AbortError
	require.ErrorAs(t, err, &abort)
	require.Equal(t, []transport.PartyID{culprit}, abort.Culprits, "%v", err)
	require.ErrorIs(t, err, want)
	if round != 0 {
		require.Equal(t, round, abort.Round, "%v", err)
	}
	var se *SuspectError
	require.False(t, errors.As(err, &se), "an identified abort carries no suspect: %v", err)
}

// requireSigned checks that every signer of res output the same signature,
// valid under the key.
func requireSigned(t *testing.T, res *runOutcome[*cggmp.Signature], key *Key, digest []byte, signers []transport.PartyID) {
	t.Helper()
	require.Empty(t, res.errs)
	require.Empty(t, res.waiting)
	require.Len(t, res.outs, len(signers))
	first := res.outs[signers[0]]
	require.NoError(t, cggmp.VerifyLowS(key.GroupKey(), digest, first))
	for _, id := range signers {
		require.Equal(t, first.Bytes(), res.outs[id].Bytes(), "signer %d", id)
	}
}

// underShort keeps the first and the last row of a table of attacks when
// the tests run with -short (CI's race step, where every setup and
// signing run costs seconds); the plain run, which SECURITY.md's cases
// refer to, runs them all.
func underShort[T any](rows []T) []T {
	if testing.Short() && len(rows) > 2 {
		return []T{rows[0], rows[len(rows)-1]}
	}
	return rows
}
