package cggmp

import (
	"context"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

const evil = transport.PartyID(3)

// runPresignAdversary runs 2-of-3 presigning among all three parties with
// hook playing party 3 (it may also change party 3's state so that it lies
// consistently) and checks that parties 1 and 2 both abort naming party 3.
func runPresignAdversary(t *testing.T, keys map[transport.PartyID]*Key, hook func(evilState *presignState) memnet.InterceptFunc) []error {
	signers := partyIDs(3)
	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*Presignature]{}
	var evilState *presignState
	for _, id := range signers {
		st, err := newPresignState(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
		require.NoError(t, err)
		m, err := transport.NewMachine(transport.Config{Protocol: PresignProtocol, SessionID: sid, Self: id, Parties: signers, Rounds: presignRounds}, &presignRound1{st: st})
		require.NoError(t, err)
		ms[id] = m
		if id == evil {
			evilState = st
		}
	}
	net := memnet.New(signers)
	defer net.Close()
	net.Intercept(evil, hook(evilState))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(20*time.Second))
	var honest []error
	for _, id := range []transport.PartyID{1, 2} {
		require.NotContains(t, out, id)
		var abort *transport.AbortError
		require.True(t, errors.As(errs[id], &abort), "party %d: %v", id, errs[id])
		require.Equal(t, []transport.PartyID{evil}, abort.Culprits, "party %d: %v", id, errs[id])
		honest = append(honest, errs[id])
	}
	return honest
}

func onRoundOnce(round int, f func(to transport.PartyID, m *transport.Message) []*transport.Message) memnet.InterceptFunc {
	return func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round != round {
			return []*transport.Message{m}
		}
		return f(to, m)
	}
}

// A party that announces a wrong δ_i is found by the identification step
// (Πmul, the round-2 evidence and Πdec), not merely reported as a failed
// check.
func TestIdentifyWrongDelta(t *testing.T) {
	keys := testKeys(t, 2, 3)
	one := keys[1].Share.Curve.ScalarFromUint64(1)
	errs := runPresignAdversary(t, keys, func(ev *presignState) memnet.InterceptFunc {
		shifted, restored := false, false
		return func(to transport.PartyID, m *transport.Message) []*transport.Message {
			switch {
			case m.Round == 2 && !shifted:
				// after sending round 2, shift a mask so that the δ party 3
				// will announce is off by one
				shifted = true
				ev.betas[1] = ev.betas[1].Clone()
				ev.betas[1].Add(ev.betas[1], scalarInt(one), 2048)
			case m.Round == 3 && !restored:
				// ...but prove the true δ in identification
				restored = true
				ev.deltas[evil] = ev.deltas[evil].Sub(one)
			}
			return []*transport.Message{m}
		}
	})
	for _, err := range errs {
		require.ErrorIs(t, err, ErrIdentified)
	}
}
