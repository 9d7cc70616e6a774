package transport_test

import (
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/internal/agreementtest"
	"github.com/mosaic-mpc/mosaic/transport"
)

// BenchmarkAgreementToy measures what the agreement layer adds to a run
// of the toy protocol (all machines in one goroutine, lock-step, no
// network), side by side: unsigned (broadcast with abort), signed with a
// confirmation round, and signed runs that abort on a bad broadcast and go
// through the conclusion. The toy does no cryptography of its own, so the
// ratio is the layer's cost at its most visible.
func BenchmarkAgreementToy(b *testing.B) {
	for _, n := range []int{3, 5} {
		parties := partyIDs(n)
		b.Run(fmt.Sprintf("n=%d/unsigned", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ms := map[transport.PartyID]transport.Machine[uint64]{}
				for _, p := range parties {
					ms[p] = newToy(b, p, parties, false)
				}
				if _, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/signed+confirmed", n), func(b *testing.B) {
			b.ReportAllocs()
			toy := signedToy{parties: parties, faulty: (n - 1) / 2}
			for b.Loop() {
				ms, keys := toy.machines(b)
				if _, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Keys: keys}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/signed+abort+conclusion", n), func(b *testing.B) {
			b.ReportAllocs()
			toy := signedToy{parties: parties, faulty: (n - 1) / 2}
			for b.Loop() {
				ms, keys := toy.machines(b)
				evil := map[transport.PartyID]agreementtest.Behaviour{
					2: agreementtest.NewScript(1, agreementtest.Fault{Kind: agreementtest.Garbage, Round: 1, To: []transport.PartyID{1}}),
				}
				o, err := agreementtest.Run(&agreementtest.Net[uint64]{Machines: ms, Keys: keys, Malicious: evil})
				if err != nil || len(o.Errs) != n-1 {
					b.Fatal(err, o)
				}
			}
		})
	}
}
