package dkg

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Every party ends with the same 32-byte chain code, and two runs give
// different ones.
func TestChainCodeAgreed(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		for _, tc := range []struct{ t, n int }{{1, 1}, {2, 2}, {2, 3}, {3, 5}} {
			t.Run(fmt.Sprintf("%s/%d-of-%d", c.Name(), tc.t, tc.n), func(t *testing.T) {
				var first []byte
				for run := 0; run < 2; run++ {
					ids := partyIDs(tc.n)
					net := memnet.New(ids)
					out, errs := run2(t, net, machines(t, c, tc.t, ids))
					net.Close()
					require.Empty(t, errs)
					require.Len(t, out, tc.n)
					cc := out[1].ChainCode
					require.Len(t, cc, ChainCodeSize)
					require.NotEqual(t, make([]byte, ChainCodeSize), cc)
					for id, ks := range out {
						require.Equal(t, cc, ks.ChainCode, "party %d", id)
					}
					if run == 0 {
						first = cc
					} else {
						require.NotEqual(t, first, cc, "two runs, one chain code")
					}
				}
			})
		}
	}
}

func run2(t *testing.T, net *memnet.Network, ms map[transport.PartyID]transport.Machine[*KeyShare]) (map[transport.PartyID]*KeyShare, map[transport.PartyID]error) {
	return run(t, net, ms)
}

// After a settled complaint (rounds 4 and 5) the chain code is still
// agreed.
func TestChainCodeAfterComplaint(t *testing.T) {
	c := curve.Secp256k1()
	ids := partyIDs(3)
	net := memnet.New(ids)
	defer net.Close()
	net.Intercept(evil, onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if to == 1 {
			m.Payload = c.ScalarFromUint64(42).Bytes()
		}
		return []*transport.Message{m}
	}))
	out, errs := run(t, net, machines(t, c, 2, ids))
	require.Empty(t, errs)
	require.Len(t, out, 3)
	for _, ks := range out {
		require.Equal(t, out[1].ChainCode, ks.ChainCode)
	}
}

// A reveal that does not open the round-1 commitment (a contribution
// chosen after seeing the others') is blamed on its sender. Party 3 lies
// consistently: it changes its own contribution before revealing, so its
// echo agrees and only the commitment check can catch it.
func TestAdversaryChainCodeWrongReveal(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		errs := runAdversary(t, c, func(_ []byte, evilState *state) memnet.InterceptFunc {
			return onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
				// round 2's messages leave before round 3's are made
				if to == 1 {
					evilState.cc.own = bytes.Clone(evilState.cc.own)
					evilState.cc.own[0] ^= 1
				}
				return []*transport.Message{m}
			})
		})
		for _, err := range errs {
			require.ErrorIs(t, err, ErrBadChainCode)
		}
	}
}

// A round-3 payload too short to hold a reveal is blamed on its sender.
func TestAdversaryChainCodeMissingReveal(t *testing.T) {
	errs := runAdversary(t, curve.Secp256k1(), func(_ []byte, evilState *state) memnet.InterceptFunc {
		return onRound(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			evilState.cc.own = nil // round 3 carries the complaint list alone
			return []*transport.Message{m}
		})
	})
	for _, err := range errs {
		require.ErrorIs(t, err, ErrBadChainCode)
	}
}

// A reveal altered in transit, to every party or to party 1 only
// (equivocation): the bad reveal is held back until round 3's echo check,
// which then names party 3 for every honest party; none is blamed for
// stopping early.
func TestAdversaryChainCodeAlteredReveal(t *testing.T) {
	for _, only1 := range []bool{false, true} {
		errs := runAdversary(t, curve.Secp256k1(), func([]byte, *state) memnet.InterceptFunc {
			return onRound(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
				if to == 1 || !only1 {
					p := bytes.Clone(m.Payload)
					p[len(p)-1] ^= 1
					m.Payload = p
				}
				return []*transport.Message{m}
			})
		})
		for _, err := range errs {
			require.True(t, errors.Is(err, transport.ErrEchoMismatch) || errors.Is(err, ErrBadChainCode), "%v", err)
		}
	}
}

// The same for a malformed complaint list sent to party 1 only.
func TestAdversaryMalformedComplaintToOne(t *testing.T) {
	errs := runAdversary(t, curve.Secp256k1(), func([]byte, *state) memnet.InterceptFunc {
		return onRound(3, func(to transport.PartyID, m *transport.Message) []*transport.Message {
			if to == 1 {
				p := bytes.Clone(m.Payload)
				p[1] = 9 // claims nine complaints
				m.Payload = p
			}
			return []*transport.Message{m}
		})
	})
	for _, err := range errs {
		require.ErrorIs(t, err, transport.ErrEchoMismatch)
	}
}

// A commitment is bound to its party: party 3 cannot adopt party 2's
// commitment and later open it with party 2's contribution.
func TestChainCodeCommitmentBindsParty(t *testing.T) {
	st := &state{cfg: Config{SessionID: []byte("sid"), Self: 2}, parties: partyIDs(3)}
	cm2, err := st.commitChainCode(rand.Reader)
	require.NoError(t, err)
	c2 := st.cc.own
	st.cc.commits[3] = cm2 // party 3 copied the commitment
	err = st.acceptReveal(3, c2)
	require.ErrorIs(t, err, ErrBadChainCode)
	require.NoError(t, st.acceptReveal(2, c2))

	other := &state{cfg: Config{SessionID: []byte("another sid"), Self: 2}}
	require.NotEqual(t, st.chainCodeCommitment(2, c2), other.chainCodeCommitment(2, c2))

	// a failing randomness source aborts
	_, err = st.commitChainCode(iotestErrReader{})
	require.Error(t, err)
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("no randomness") }
