package tlsnet

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
	"github.com/stretchr/testify/require"
)

// benchKeys makes 3-of-5 CGGMP keys once: a real DKG over memnet, and aux
// info assembled from the test-only Paillier fixtures (as cggmp's own tests
// do), so that no safe prime is generated.
func benchKeys(b *testing.B) map[transport.PartyID]*cggmp.Key {
	ids := partyIDs(5)
	_, ms := dkgMachines(b, curve.Secp256k1(), ids, 3)
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	shares, errs := memnet.RunAll(ctx, net, ms)
	require.Empty(b, errs)

	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	secrets := map[transport.PartyID]*paillier.SecretKey{}
	for i, id := range ids {
		sec, err := cggmp.NewAuxSecret(testfixtures.PaillierKey(b, i), rand.Reader)
		require.NoError(b, err)
		secrets[id] = sec.Paillier
		pks[id] = sec.Paillier.PublicKey()
		peds[id] = sec.Pedersen
	}
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range ids {
		aux := &cggmp.AuxInfo{Parties: ids, Self: id, Secret: secrets[id], Paillier: pks, Pedersen: peds}
		k, err := cggmp.NewKey(shares[id], aux)
		require.NoError(b, err)
		keys[id] = k
	}
	return keys
}

// signOnce presigns and signs one digest among signers, with conns(sid)
// giving each signer's Conn for a session.
func signOnce(b *testing.B, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID,
	conns func(sid []byte) (map[transport.PartyID]transport.Conn, func())) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	opts := []transport.Option{transport.WithRoundTimeout(30 * time.Second)}

	sid := make([]byte, 32)
	_, err := rand.Read(sid)
	require.NoError(b, err)
	pm := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range signers {
		m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
		require.NoError(b, err)
		pm[id] = m
	}
	cs, done := conns(sid)
	pres, errs := runAll(ctx, cs, pm, opts...)
	done()
	require.Empty(b, errs)

	digest := sha256.Sum256(sid)
	sid2 := sha256.Sum256(append([]byte("sign"), sid...))
	sm := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		m, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres[id], Digest: digest[:], SessionID: sid2[:]})
		require.NoError(b, err)
		sm[id] = m
	}
	cs, done = conns(sid2[:])
	sigs, errs := runAll(ctx, cs, sm, opts...)
	done()
	require.Empty(b, errs)
	require.NoError(b, cggmp.VerifyLowS(keys[signers[0]].PublicKey(), digest[:], sigs[signers[0]]))
}

// BenchmarkECDSA3of5 is 3-of-5 threshold ECDSA signing (presign, then
// sign) with keys made once, over the in-memory network and over TLS on
// loopback (five nodes, the runs' sessions among the three signers).
func BenchmarkECDSA3of5(b *testing.B) {
	if testing.Short() {
		b.Skip("slow")
	}
	keys := benchKeys(b)
	signers := []transport.PartyID{1, 2, 3}

	b.Run("memnet", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cputime.Process()
		for b.Loop() {
			signOnce(b, keys, signers, func([]byte) (map[transport.PartyID]transport.Conn, func()) {
				net := memnet.New(signers)
				cs := map[transport.PartyID]transport.Conn{}
				for _, id := range signers {
					cs[id] = net.Conn(id)
				}
				return cs, net.Close
			})
		}
		cputime.Report(b, cputime.Process()-cpu, time.Millisecond)
	})

	b.Run("tlsnet", func(b *testing.B) {
		c := newCluster(b, 5, nil)
		b.ReportAllocs()
		cpu := cputime.Process()
		var frames, bytes int64
		for _, n := range c.nodes {
			st := n.Stats()
			frames, bytes = frames-st.Received, bytes-st.ReceivedBytes
		}
		for b.Loop() {
			signOnce(b, keys, signers, func(sid []byte) (map[transport.PartyID]transport.Conn, func()) {
				cs := map[transport.PartyID]transport.Conn{}
				var ss []*Session
				for _, id := range signers {
					s, err := c.nodes[id].Open(sid, signers)
					require.NoError(b, err)
					cs[id] = s
					ss = append(ss, s)
				}
				return cs, func() {
					for _, s := range ss {
						s.Close()
					}
				}
			})
		}
		cputime.Report(b, cputime.Process()-cpu, time.Millisecond)
		for _, n := range c.nodes {
			st := n.Stats()
			frames, bytes = frames+st.Received, bytes+st.ReceivedBytes
		}
		b.ReportMetric(float64(frames)/float64(b.N), "frames/op")
		b.ReportMetric(float64(bytes)/1024/float64(b.N), "wire-KiB/op")
	})
}

// BenchmarkPingPong measures the transport alone: party 1 sends a message
// to party 2, which sends it back, over one session.
func BenchmarkPingPong(b *testing.B) {
	for _, size := range []int{64, 16 << 10, 1 << 20} {
		msg := func(from, to transport.PartyID, sid []byte) *transport.Message {
			return &transport.Message{Protocol: "ping/v1", Round: 1, SessionID: sid, From: from, To: to, Payload: make([]byte, size)}
		}
		pingPong := func(b *testing.B, c1, c2 transport.Conn, sid []byte) {
			ctx := context.Background()
			b.SetBytes(int64(2 * size))
			b.ReportAllocs()
			cpu := cputime.Process()
			for b.Loop() {
				require.NoError(b, c1.Send(ctx, msg(1, 2, sid)))
				_, err := c2.Receive(ctx)
				require.NoError(b, err)
				require.NoError(b, c2.Send(ctx, msg(2, 1, sid)))
				_, err = c1.Receive(ctx)
				require.NoError(b, err)
			}
			cputime.Report(b, cputime.Process()-cpu, time.Microsecond)
		}
		b.Run(fmt.Sprintf("memnet/%dB", size), func(b *testing.B) {
			net := memnet.New(partyIDs(2))
			defer net.Close()
			pingPong(b, net.Conn(1), net.Conn(2), []byte("ping"))
		})
		b.Run(fmt.Sprintf("tlsnet/%dB", size), func(b *testing.B) {
			c := newCluster(b, 2, nil)
			sid := []byte("ping")
			s1, err := c.nodes[1].Open(sid, nil)
			require.NoError(b, err)
			s2, err := c.nodes[2].Open(sid, nil)
			require.NoError(b, err)
			pingPong(b, s1, s2, sid)
		})
	}
}
