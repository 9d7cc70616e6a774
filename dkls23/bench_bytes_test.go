package dkls23_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/internal/ot"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The bytes a signer sends, counted on the wire of the Machines rather
// than computed from the package's constants, so that the figure in
// BENCHMARKS.md ("DKLs23 and CGGMP21 side by side") is what a run sends.

// roundKey names one round's messages of one kind (a protocol round or a
// message of the agreement layer).
type roundKey struct {
	round int
	kind  transport.Kind
}

// sentBytes is what one party sent in one round.
type sentBytes struct {
	broadcasts, directs int // number of messages
	broadcastPayload    int // payload bytes of the broadcasts, each once
	directPayload       int // payload bytes of the direct messages
	wire                int // MarshalBinary bytes of every message, each once
}

// countingMachine is a Machine that adds up the messages its party sends,
// by round, and otherwise does what the wrapped Machine does.
type countingMachine[Out any] struct {
	transport.Machine[Out]

	mu   sync.Mutex
	sent map[roundKey]*sentBytes
	err  error
}

func newCounting[Out any](m transport.Machine[Out]) *countingMachine[Out] {
	return &countingMachine[Out]{Machine: m, sent: map[roundKey]*sentBytes{}}
}

func (c *countingMachine[Out]) Start() ([]*transport.Message, error) {
	out, err := c.Machine.Start()
	c.count(out)
	return out, err
}

func (c *countingMachine[Out]) Deliver(m *transport.Message) ([]*transport.Message, error) {
	out, err := c.Machine.Deliver(m)
	c.count(out)
	return out, err
}

func (c *countingMachine[Out]) count(msgs []*transport.Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range msgs {
		k := roundKey{m.Round, m.Kind}
		s := c.sent[k]
		if s == nil {
			s = &sentBytes{}
			c.sent[k] = s
		}
		wire, err := m.MarshalBinary()
		if err != nil && c.err == nil {
			c.err = err
		}
		s.wire += len(wire)
		if m.Broadcast() {
			s.broadcasts++
			s.broadcastPayload += len(m.Payload)
		} else {
			s.directs++
			s.directPayload += len(m.Payload)
		}
	}
}

// signCounted runs one DKLs23 signing by signers with every Machine
// wrapped, and returns each signer's counts. With idk the run is signed
// with those identity keys and agrees (SignConfig.Identity); with nil it
// is the protocol's rounds alone.
func signCounted(tb testing.TB, keys map[transport.PartyID]*dkls23.Key, signers []transport.PartyID, digest []byte, idk local.Identities) map[transport.PartyID]*countingMachine[*cggmp.Signature] {
	tb.Helper()
	nonce := make([]byte, 32)
	_, err := rand.Read(nonce)
	require.NoError(tb, err)
	sid, err := dkls23.SignSessionID(keys[signers[0]], signers, nil, digest, nonce)
	require.NoError(tb, err)
	counted := map[transport.PartyID]*countingMachine[*cggmp.Signature]{}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		cfg := dkls23.SignConfig{Key: keys[id], Signers: signers, SessionID: sid, Digest: digest}
		if idk != nil {
			peers := map[transport.PartyID]ed25519.PublicKey{}
			for _, j := range signers {
				peers[j] = idk[j].Public().(ed25519.PublicKey)
			}
			cfg.Identity = &transport.Identity{Key: idk[id], Peers: peers}
		}
		m, err := dkls23.NewSign(cfg)
		require.NoError(tb, err)
		counted[id] = newCounting(m)
		ms[id] = counted[id]
	}
	out, err := local.RunAll(context.Background(), signers, ms)
	require.NoError(tb, err)
	for _, id := range signers {
		require.NoError(tb, cggmp.VerifyLowS(keys[id].GroupKey(), digest, out[id]))
		require.NoError(tb, counted[id].err)
	}
	return counted
}

// totals adds up one party's rounds: the payload it emits (a broadcast
// once), the payload delivered point to point (a broadcast once to each of
// the others), and the encoded messages (transport.Message.MarshalBinary,
// a broadcast once).
func totals(c map[roundKey]*sentBytes, others int) (emitted, pointToPoint, wire int) {
	for _, s := range c {
		emitted += s.broadcastPayload + s.directPayload
		pointToPoint += s.broadcastPayload*others + s.directPayload
		wire += s.wire
	}
	return emitted, pointToPoint, wire
}

// The sizes of the payloads as sign_messages.go and vole.go make them,
// from the constants of DKLs23 Protocol 5.2 as vole.go sets them: ξ = 512
// OTs, three scalars per OT message, a 32-byte fresh nonce on each side of
// a multiplication.
const (
	wantNonce      = 32
	wantCommitment = 32                             // round 1 broadcast: the commitment to R_i
	wantOpening    = 33 + 32                        // round 2 broadcast: R_i || salt
	wantAlice      = wantNonce + 512*3*32 + 32 + 32 // Alice's nonce, the τ_k, u, the check hash
	wantAnswer     = wantAlice + 2*33 + 32          // || Γ^u || Γ^v || ψ
	wantFinal      = 32 + 32                        // round 3 broadcast: u_i || w_i
)

// TestSignBytesPerSigner counts the payload every signer of a 3-of-5 run
// sends in each round and checks it against the sizes the package
// documents: a change of a message's size fails here before it changes
// the figure in BENCHMARKS.md unnoticed.
func TestSignBytesPerSigner(t *testing.T) {
	ids, _, keys := threeOfFive(t)
	digest := sha256.Sum256([]byte("count the bytes"))
	signers := ids[1:4]
	require.NotZero(t, ot.ExtendMessageSize(512))
	extend := wantNonce + ot.ExtendMessageSize(512) // Bob's nonce || his KOS15 extension message
	for id, c := range signCounted(t, keys, signers, digest[:], nil) {
		for _, tc := range []struct {
			round              int
			broadcast, directs int // payload bytes of the broadcast, of each direct message
		}{
			{1, wantCommitment, extend},
			{2, wantOpening, wantAnswer},
			{3, wantFinal, 0},
		} {
			s := c.sent[roundKey{tc.round, transport.KindRound}]
			require.NotNil(t, s, "signer %d, round %d", id, tc.round)
			require.Equal(t, 1, s.broadcasts, "signer %d, round %d", id, tc.round)
			require.Equal(t, tc.broadcast, s.broadcastPayload, "signer %d, round %d broadcast", id, tc.round)
			if tc.directs == 0 {
				require.Zero(t, s.directs, "signer %d, round %d", id, tc.round)
				continue
			}
			require.Equal(t, len(signers)-1, s.directs, "signer %d, round %d", id, tc.round)
			require.Equal(t, tc.directs*(len(signers)-1), s.directPayload, "signer %d, round %d direct", id, tc.round)
		}
		emitted, _, _ := totals(c.sent, len(signers)-1)
		require.Equal(t, wantCommitment+wantOpening+wantFinal+(len(signers)-1)*(extend+wantAnswer), emitted-otherKinds(c.sent), "signer %d", id)
	}
}

// otherKinds is the payload of the messages that are not protocol rounds
// (the echo round the transport may add), which TestSignBytesPerSigner
// leaves out of the documented sizes.
func otherKinds(c map[roundKey]*sentBytes) int {
	n := 0
	for k, s := range c {
		if k.kind != transport.KindRound {
			n += s.broadcastPayload + s.directPayload
		}
	}
	return n
}

// BenchmarkSignBytes3of5 is DKLs23 signing by three of five parties with
// every Machine wrapped in a counter, without identities (the protocol's
// rounds alone) and with them (signed messages, signed echoes and the
// confirmation round, as local.SignDKLs23 runs). Besides the wall time it
// reports the process CPU time per signature and what each signer sends
// per signature: sent-B/signer, the payloads, a broadcast once;
// p2p-B/signer, a broadcast once to each other signer; wire-B/signer, the
// encoded transport messages (envelope, echoes, signatures), a broadcast
// once. It logs the per-round breakdown of one signer.
func BenchmarkSignBytes3of5(b *testing.B) {
	ids, _, keys := threeOfFive(b)
	idk, err := local.NewIdentities(ids)
	require.NoError(b, err)
	digest := sha256.Sum256([]byte("benchmark"))
	signers := ids[:3]
	for _, mode := range []struct {
		name string
		idk  local.Identities
	}{{"plain", nil}, {"identities", idk}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			var emitted, p2p, wire int
			var last map[roundKey]*sentBytes
			start := cputime.Process()
			for b.Loop() {
				for _, c := range signCounted(b, keys, signers, digest[:], mode.idk) {
					e, p, w := totals(c.sent, len(signers)-1)
					emitted, p2p, wire = emitted+e, p2p+p, wire+w
					last = c.sent
				}
			}
			cputime.Report(b, cputime.Process()-start, time.Millisecond)
			per := float64(b.N * len(signers))
			b.ReportMetric(float64(emitted)/per, "sent-B/signer")
			b.ReportMetric(float64(p2p)/per, "p2p-B/signer")
			b.ReportMetric(float64(wire)/per, "wire-B/signer")
			b.Log(breakdown(last))
		})
	}
}

// breakdown prints one signer's rounds for the benchmark's log.
func breakdown(c map[roundKey]*sentBytes) string {
	var keys []roundKey
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].round != keys[j].round {
			return keys[i].round < keys[j].round
		}
		return keys[i].kind < keys[j].kind
	})
	out := ""
	for _, k := range keys {
		s := c[k]
		out += fmt.Sprintf("\n  round %d kind %d: %d broadcast(s) %d B, %d direct %d B, wire %d B", k.round, k.kind, s.broadcasts, s.broadcastPayload, s.directs, s.directPayload, s.wire)
	}
	return out
}
