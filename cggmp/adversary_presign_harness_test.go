package cggmp

// Party 3 in presigning: its machine, built on its own state.

import (
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// The layout of presigning's messages (presign_messages.go), as the tests
// edit their length-prefixed fields: the fields every peer sees, then a
// part of perPeer fields for each peer.
const (
	r1Common  = 2 // K, G; then ψ⁰
	r2Common  = 1 // Γ; then D, F, ψ, D̂, F̂, ψ̂, ψ'
	r2PerPeer = presign2PartFields
	r3Common  = 3 // δ, Δ, S; then ψ″
)

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
	ms := machinesFor(t, honestParties, func(id transport.PartyID) (transport.Machine[*Presignature], error) {
		return NewPresign(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
	})
	st, err := newPresignState(PresignConfig{Key: keys[evil], Signers: signers, SessionID: sid, Rand: rand.Reader})
	require.NoError(t, err)
	var first transport.FirstRound[*Presignature] = &presignRound1[*Presignature]{run: &presignRun[*Presignature]{st: st, out: presignOnly{}}}
	if adv.start != nil {
		first = withStart(first, func() ([]*transport.Message, error) { return adv.start(st) })
	}
	if adv.edit != nil {
		first = lying(first, adv.edit(st))
	}
	mcfg, err := st.machineConfig(PresignProtocol, nil)
	require.NoError(t, err)
	m, err := transport.NewMachine(mcfg, first)
	require.NoError(t, err)
	ms[evil] = m
	var hook memnet.InterceptFunc
	if adv.hook != nil {
		hook = adv.hook(st)
	}
	return runEvil(t, ms, hook, nil, adv.opts...), st
}

// requirePresignBlamed checks the common outcome: both honest parties abort
// in round `verdict` naming party 3 with an error wrapping one of wants,
// and send party 3 nothing derived from their secrets after round `bad`,
// the round of party 3's bad message.
func requirePresignBlamed(t *testing.T, run *evilRun[*Presignature], bad, verdict int, wants ...error) {
	t.Helper()
	requireOutcome(t, run, outcome{anyOf: wants, round: verdict, quietAfter: bad})
}

// otherSession returns a copy of party 3's state bound to a fresh session
// id: its proofs are valid for the same statements in another session.
func otherSession(t testing.TB, st *presignState) *presignState {
	old := *st
	old.cfg.SessionID = randomSID(t)
	return &old
}
