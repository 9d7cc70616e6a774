package dkg

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/complaint"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/mosaic-mpc/mosaic/vss"
	"github.com/stretchr/testify/require"
)

// Adversarial cases of SECURITY.md (n = 3, t = 2, party 3 malicious). Each
// asserts that both honest parties abort naming exactly party 3.

const evil = transport.PartyID(3)

// forgeRound1 builds a well-formed round-1 payload for prover with a fresh
// polynomial of degree th-1; the proof is bound to sid.
func forgeRound1(t *testing.T, c curve.Curve, th int, sid []byte, prover transport.PartyID) []byte {
	poly, err := vss.NewPolynomial(c, th, nil, rand.Reader)
	require.NoError(t, err)
	st := &state{cfg: Config{SessionID: sid, Self: prover}}
	ccm, err := st.commitChainCode(rand.Reader)
	require.NoError(t, err)
	cm := poly.Commit()
	proof, err := schnorr.Prove(st.proofTranscript(prover, ccm), poly.Constant(), cm.Constant(), rand.Reader)
	require.NoError(t, err)
	pb, err := proof.MarshalBinary()
	require.NoError(t, err)
	return append(append(cm.Bytes(), pb...), ccm...)
}

// runAdversary runs 2-of-3 key generation with hook intercepting party 3's
// messages and checks that parties 1 and 2 both blame party 3 alone. The
// hook may also change party 3's state, so that it lies consistently.
func runAdversary(t *testing.T, c curve.Curve, hook func(sid []byte, evilState *state) memnet.InterceptFunc) []error {
	ids := partyIDs(3)
	nonce := make([]byte, NonceSize)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	sid, err := SessionID(Protocol, c, ids, 2, nonce)
	require.NoError(t, err)
	ms := map[transport.PartyID]transport.Machine[*KeyShare]{}
	var evilState *state
	for _, id := range ids {
		cfg := Config{Curve: c, Threshold: 2, Parties: ids, Self: id, SessionID: sid, Rand: rand.Reader}
		m, st, err := newMachine(cfg)
		require.NoError(t, err)
		ms[id] = m
		if id == evil {
			evilState = st
		}
	}
	net := memnet.New(ids)
	defer net.Close()
	net.Intercept(evil, hook(sid, evilState))
	out, errs := runAgainstEvil(net, ms)
	var honest []error
	for _, id := range []transport.PartyID{1, 2} {
		require.NotContains(t, out, id, "honest party %d produced a key", id)
		err := errs[id]
		var abort *transport.AbortError
		require.True(t, errors.As(err, &abort), "party %d: %v", id, err)
		require.Equal(t, []transport.PartyID{evil}, abort.Culprits, "party %d: %v", id, err)
		honest = append(honest, err)
	}
	return honest
}

// runAgainstEvil runs the machines with memnet.RunAgainst: party 3's
// outcome is not what the tests check, so it is not waited for once the
// honest parties are done. The honest parties abort on what they receive,
// never on a timeout, so the round timeout is only a safety net, long
// enough for a slow honest round under -race on a loaded machine.
func runAgainstEvil(net *memnet.Network, ms map[transport.PartyID]transport.Machine[*KeyShare]) (map[transport.PartyID]*KeyShare, map[transport.PartyID]error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	return memnet.RunAgainst(ctx, net, ms, []transport.PartyID{evil}, transport.WithRoundTimeout(20*time.Second))
}

func onRound(round int, f func(to transport.PartyID, m *transport.Message) []*transport.Message) memnet.InterceptFunc {
	return func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round != round {
			return []*transport.Message{m}
		}
		return f(to, m)
	}
}

func TestAdversary16_Equivocation(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		errs := runAdversary(t, c, func(sid []byte, _ *state) memnet.InterceptFunc {
			other := forgeRound1(t, c, 2, sid, evil)
			return onRound(1, func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to == 1 {
					m.Payload = other // valid, but not what party 2 got
				}
				return []*transport.Message{m}
			})
		})
		for _, err := range errs {
			require.ErrorIs(t, err, transport.ErrEchoMismatch)
		}
	}
}

func TestAdversary17_ThresholdRaise(t *testing.T) {
	for _, th := range []int{1, 3} {
		for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
			errs := runAdversary(t, c, func(sid []byte, _ *state) memnet.InterceptFunc {
				forged := forgeRound1(t, c, th, sid, evil)
				return onRound(1, func(to transport.PartyID, m *transport.Message) []*transport.Message {
					m.Payload = forged
					return []*transport.Message{m}
				})
			})
			for _, err := range errs {
				require.ErrorIs(t, err, ErrBadCommitment)
			}
		}
	}
}

// TestAdversary18_RogueKey: a key-generation contribution whose proof of
// knowledge of its constant term is missing, invalid, replayed or made by
// another party is refused, on secp256k1 and on BLS12-381's G1 (the group
// of threshold BLS keys, where a rogue key would let one party choose the
// group key's discrete log relation to the others').
func TestAdversary18_RogueKey(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.BLS12381G1()} {
		t.Run(c.Name(), func(t *testing.T) { testRogueKey(t, c) })
	}
}

func testRogueKey(t *testing.T, c curve.Curve) {
	cmLen := 2 * c.PointSize()
	cases := map[string]func(sid []byte, payload []byte) []byte{
		"missing proof": func(_ []byte, p []byte) []byte { return p[:cmLen] },
		"invalid proof": func(_ []byte, p []byte) []byte {
			q := append([]byte{}, p...)
			q[len(q)-commitmentSize-1] ^= 1 // last byte of the proof
			return q
		},
		"chain code commitment altered": func(_ []byte, p []byte) []byte {
			q := append([]byte{}, p...)
			q[len(q)-1] ^= 1 // the proof binds the commitment
			return q
		},
		"chain code commitment missing": func(_ []byte, p []byte) []byte {
			return p[:len(p)-commitmentSize]
		},
		"replayed proof from another session": func(_ []byte, p []byte) []byte {
			other := forgeRound1(t, c, 2, []byte("another session"), evil)
			return other
		},
		"proof for another constant term": func(sid []byte, p []byte) []byte {
			other := forgeRound1(t, c, 2, sid, evil)
			return append(append([]byte{}, p[:cmLen]...), other[cmLen:]...)
		},
		"proof made by party 2": func(sid []byte, p []byte) []byte {
			return forgeRound1(t, c, 2, sid, 2)
		},
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			errs := runAdversary(t, c, func(sid []byte, _ *state) memnet.InterceptFunc {
				return onRound(1, func(to transport.PartyID, m *transport.Message) []*transport.Message {
					m.Payload = tamper(sid, m.Payload)
					return []*transport.Message{m}
				})
			})
			for _, err := range errs {
				require.True(t, errors.Is(err, ErrBadProof) || errors.Is(err, ErrBadCommitment), "%v", err)
			}
		})
	}
}

func TestAdversary19_BadFeldmanShare(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		errs := runAdversary(t, c, func(sid []byte, evilState *state) memnet.InterceptFunc {
			return onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to == 1 {
					bad, err := c.RandomScalar(rand.Reader)
					require.NoError(t, err)
					m.Payload = bad.Bytes()
					// lie consistently: reveal the same bad share later
					evilState.shareTo[1] = bad.Bytes()
				}
				return []*transport.Message{m}
			})
		})
		for _, err := range errs {
			require.ErrorIs(t, err, ErrBadShare)
		}
	}
}

// An accused dealer whose reveal does not decode to exactly one canonical
// share per accuser is disqualified like one that reveals a bad share: the
// complaint is upheld and the dealer named. Party 3 sends party 1 a bad
// share, so that party 1 complains, and its own state makes it reveal the
// malformed record consistently (its echo agrees).
func TestAdversary19_MalformedReveal(t *testing.T) {
	c := curve.Secp256k1()
	good := c.ScalarFromUint64(7).Bytes()
	revealed := map[string][]byte{
		"no value":               nil,
		"a truncated value":      good[:len(good)-1],
		"a non-canonical scalar": bytes.Repeat([]byte{0xff}, len(good)),
		"an extra record":        append(append(bytes.Clone(good), 0, 0, 0, 2), good...),
	}
	for name, value := range revealed {
		t.Run(name, func(t *testing.T) {
			errs := runAdversary(t, c, func(_ []byte, evilState *state) memnet.InterceptFunc {
				return onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
					if to == 1 {
						m.Payload = c.ScalarFromUint64(42).Bytes()
						evilState.shareTo[1] = value
					}
					return []*transport.Message{m}
				})
			})
			for _, err := range errs {
				require.ErrorIs(t, err, ErrBadShare)
				require.ErrorIs(t, err, ErrBadComplaint)
			}
		})
	}
}

// A dealer that sends a bad share but reveals a valid one when accused
// cannot stop the run: the complaint is settled and every party gets a
// working key (GJKR complaint resolution), so a false accusation cannot
// frame an honest dealer either.
func TestComplaintSettledByValidReveal(t *testing.T) {
	c := curve.Secp256k1()
	ids := partyIDs(3)
	ms := machines(t, c, 2, ids)
	net := memnet.New(ids)
	defer net.Close()
	net.Intercept(evil, onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if to == 1 {
			m.Payload = c.ScalarFromUint64(42).Bytes()
		}
		return []*transport.Message{m}
	}))
	out, errs := run(t, net, ms)
	require.Empty(t, errs)
	checkShares(t, c, 2, out)
}

func TestFaultyNetworkStillCompletes(t *testing.T) {
	c := curve.Edwards25519()
	ids := partyIDs(4)
	faults := memnet.Faults{Reorder: 0.5, Duplicate: 0.3}
	var opts []memnet.Option
	for _, a := range ids {
		for _, b := range ids {
			if a != b {
				opts = append(opts, memnet.WithFaults(a, b, faults))
			}
		}
	}
	net := memnet.New(ids, append(opts, memnet.WithSeed(7))...)
	defer net.Close()
	out, errs := run(t, net, machines(t, c, 3, ids))
	require.Empty(t, errs)
	checkShares(t, c, 3, out)
}

func TestDroppedMessageNamesSilentParty(t *testing.T) {
	c := curve.Secp256k1()
	ids := partyIDs(3)
	net := memnet.New(ids)
	defer net.Close()
	net.Intercept(evil, onRound(2, func(transport.PartyID, *transport.Message) []*transport.Message { return nil }))
	ms := machines(t, c, 2, ids)
	ctx, cancel := contextWithTimeout()
	defer cancel()
	_, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(time.Second))
	for _, id := range []transport.PartyID{1, 2} {
		require.Equal(t, []transport.PartyID{evil}, transport.Culprits(errs[id]), "party %d: %v", id, errs[id])
	}
}

// A complaint sent to one party only is equivocation: the accused party
// goes on to reveal while the others finish, and the echo comparison (done
// before judging stray payloads) names the equivocator, not the accused.
func TestAdversary16_ComplaintToOneParty(t *testing.T) {
	errs := runAdversary(t, curve.Secp256k1(), func(sid []byte, _ *state) memnet.InterceptFunc {
		return onRound(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if to == 1 {
				m.Payload = append(complaint.EncodeList([]transport.PartyID{1}), m.Payload[2:]...)
			}
			return []*transport.Message{m}
		})
	})
	for _, err := range errs {
		require.ErrorIs(t, err, transport.ErrEchoMismatch)
	}
}
