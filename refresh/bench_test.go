package refresh

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Benchmarks run every party in one goroutine (lockstep delivery), so they
// measure the total work of a run, not its latency.

func benchRun(b *testing.B, build func() map[transport.PartyID]transport.Machine[*dkg.KeyShare]) {
	b.ReportAllocs()
	for b.Loop() {
		ms := build()
		msgs, err := startAll(ms)
		require.NoError(b, err)
		require.NoError(b, lockstep(ms, msgs))
	}
}

func BenchmarkRefresh(b *testing.B) {
	for _, c := range curves {
		for _, tn := range [][2]int{{2, 3}, {3, 5}} {
			b.Run(fmt.Sprintf("%s/%d-of-%d", c.Name(), tn[0], tn[1]), func(b *testing.B) {
				old := dealtKeys(b, c, tn[0], partyIDs(tn[1]))
				sid, err := SessionID(PublicOf(old[1]), newNonce(b))
				require.NoError(b, err)
				benchRun(b, func() map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
					ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
					for id, ks := range old {
						m, err := New(Config{Share: ks, SessionID: sid})
						require.NoError(b, err)
						ms[id] = m
					}
					return ms
				})
			})
		}
	}
}

func BenchmarkReshare(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name()+"/3-of-5 to 3-of-5 disjoint", func(b *testing.B) {
			old := dealtKeys(b, c, 3, partyIDs(5))
			pub := PublicOf(old[1])
			dealers, newSet := pids(1, 2, 3), pids(11, 12, 13, 14, 15)
			sid, err := ReshareSessionID(pub, dealers, newSet, 3, newNonce(b))
			require.NoError(b, err)
			benchRun(b, func() map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
				ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
				for _, id := range union(dealers, newSet) {
					m, err := NewReshare(ReshareConfig{Self: id, Share: old[id], Old: pub, Dealers: dealers,
						NewParties: newSet, NewThreshold: 3, SessionID: sid})
					require.NoError(b, err)
					ms[id] = m
				}
				return ms
			})
		})
	}
}

func BenchmarkRepairMachine(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name()+"/3-of-5", func(b *testing.B) {
			keys := dealtKeys(b, c, 3, partyIDs(5))
			ms := func() map[transport.PartyID]transport.Machine[*dkg.KeyShare] {
				return repairMachines(b, keys, pids(1, 3, 4), 2)
			}
			benchRun(b, ms)
		})
	}
}

func BenchmarkRepairSteps(b *testing.B) {
	for _, c := range curves {
		keys := dealtKeys(b, c, 3, partyIDs(5))
		set, err := NewRepairSet(PublicOf(keys[1]), pids(1, 3, 4), 2)
		require.NoError(b, err)
		b.Run(c.Name()+"/step1", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := RepairStep1(set, keys[1], rand.Reader)
				require.NoError(b, err)
			}
		})
		b.Run(c.Name()+"/all steps", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := repairByFunctions(b, set, keys)
				require.NoError(b, err)
			}
		})
	}
}

func BenchmarkPublicValidate(b *testing.B) {
	pub := PublicOf(dealtKeys(b, curve.Secp256k1(), 3, partyIDs(5))[1])
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, pub.Validate())
	}
}
