package transport_test

// The framework's checks of protocol code: a round that sends what its
// Expect does not say, fails, or returns the zero Step is a local failure,
// caught in the machine rather than as a peer's timeout.

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// badRound misbehaves in the way its fields say, to test the framework's
// checks of protocol code.
type badRound struct {
	expect   transport.Expect
	out      []*transport.Message
	err      error // from Start
	finalErr error // from Finalize
	nothing  bool  // Finalize returns the zero Step
}

func (r *badRound) Expects() transport.Expect            { return r.expect }
func (r *badRound) Start() ([]*transport.Message, error) { return r.out, r.err }
func (r *badRound) Finalize(*transport.Inbox) transport.Step[int] {
	switch {
	case r.finalErr != nil:
		return transport.Abort[int](r.finalErr)
	case r.nothing:
		return transport.Step[int]{}
	}
	return transport.Finish(1)
}

func TestMachineCatchesProtocolBugs(t *testing.T) {
	bcast := []*transport.Message{{Payload: []byte("x")}}
	tests := []struct {
		name  string
		round *badRound
	}{
		{"round expecting nothing", &badRound{out: bcast}},
		{"missing broadcast", &badRound{expect: transport.Expect{Broadcast: true}}},
		{"two broadcasts", &badRound{expect: transport.Expect{Broadcast: true}, out: append(bcast, bcast[0])}},
		{"missing direct message", &badRound{expect: transport.Expect{Direct: true},
			out: []*transport.Message{{To: 2}}}},
		{"direct message to self", &badRound{expect: transport.Expect{Direct: true},
			out: []*transport.Message{{To: 1}, {To: 2}, {To: 3}}}},
		{"direct message to a stranger", &badRound{expect: transport.Expect{Direct: true},
			out: []*transport.Message{{To: 2}, {To: 3}, {To: 4}}}},
		{"broadcast in a direct round", &badRound{expect: transport.Expect{Direct: true},
			out: []*transport.Message{{To: 2}, {To: 3}, {}}}},
		{"nil message", &badRound{expect: transport.Expect{Broadcast: true}, out: []*transport.Message{nil}}},
		{"start fails", &badRound{expect: transport.Expect{Broadcast: true}, err: errors.New("rng failed")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := transport.NewMachine(transport.Config{Protocol: "bad", SessionID: []byte("s"), Self: 1,
				Parties: partyIDs(3)}, transport.FirstRound[int](tc.round))
			require.NoError(t, err)
			_, err = m.Start()
			requireAbort(t, err, transport.ErrLocal)
			require.True(t, m.Done())
		})
	}

	finalize := []struct {
		name  string
		round *badRound
	}{
		{"finalize fails", &badRound{finalErr: errors.New("boom")}},
		{"finalize returns the zero Step", &badRound{nothing: true}},
	}
	for _, tc := range finalize {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.round
			r.expect = transport.Expect{Direct: true}
			r.out = []*transport.Message{{To: 2}}
			m, err := transport.NewMachine(transport.Config{Protocol: "bad", SessionID: []byte("s"), Self: 1,
				Parties: partyIDs(2)}, transport.FirstRound[int](r))
			require.NoError(t, err)
			_, err = m.Start()
			require.NoError(t, err)
			_, err = m.Deliver(&transport.Message{Protocol: "bad", Round: 1, SessionID: []byte("s"), From: 2, To: 1})
			requireAbort(t, err, transport.ErrLocal)
		})
	}
}

func TestMachineFinalizeAbortIsCompleted(t *testing.T) {
	// A protocol's AbortError gets the protocol and round filled in and its
	// culprits sorted.
	r := &abortRound{}
	m, err := transport.NewMachine(transport.Config{Protocol: "p", SessionID: []byte("s"), Self: 1,
		Parties: partyIDs(3)}, transport.FirstRound[int](r))
	require.NoError(t, err)
	_, err = m.Start()
	require.NoError(t, err)
	for _, from := range []transport.PartyID{3, 2} {
		_, err = m.Deliver(&transport.Message{Protocol: "p", Round: 1, SessionID: []byte("s"), From: from, To: 1})
	}
	var ae *transport.AbortError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, "p", ae.Protocol)
	require.Equal(t, 1, ae.Round)
	require.Equal(t, []transport.PartyID{2, 3}, ae.Culprits)
	require.ErrorIs(t, err, errAbortRound)
}

var errAbortRound = errors.New("abortRound: everyone is bad")

type abortRound struct{}

func (abortRound) Expects() transport.Expect { return transport.Expect{Direct: true} }
func (abortRound) Start() ([]*transport.Message, error) {
	return []*transport.Message{{To: 2}, {To: 3}}, nil
}
func (abortRound) Finalize(*transport.Inbox) transport.Step[int] {
	return transport.Abort[int](&transport.AbortError{Culprits: []transport.PartyID{3, 2, 3}, Err: errAbortRound})
}
