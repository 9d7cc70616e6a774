package dkg

import (
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// BenchmarkDKG runs a whole key generation, every party in process, for
// n = 5, 10, 32 with a majority threshold t = n/2 + 1.
func BenchmarkDKG(b *testing.B) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		for _, n := range []int{5, 10, 32} {
			th := n/2 + 1
			b.Run(fmt.Sprintf("%s/%d-of-%d", c.Name(), th, n), func(b *testing.B) {
				b.ReportAllocs()
				ids := partyIDs(n)
				for i := 0; i < b.N; i++ {
					ms := machines(b, c, th, ids)
					net := memnet.New(ids)
					_, errs := run(b, net, ms)
					net.Close()
					if len(errs) > 0 {
						b.Fatal(errs)
					}
				}
			})
		}
	}
}

// BenchmarkDKGAgreement compares, side by side, a key generation without
// and with identities (signed messages, signed echoes, the confirmation
// round), every party in process over memnet.
func BenchmarkDKGAgreement(b *testing.B) {
	c := curve.Secp256k1()
	for _, n := range []int{3, 5} {
		th := n/2 + 1
		ids := partyIDs(n)
		for _, signed := range []bool{false, true} {
			b.Run(fmt.Sprintf("%d-of-%d/identities=%v", th, n, signed), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					var ms map[transport.PartyID]transport.Machine[*KeyShare]
					if signed {
						ms, _ = signedDKG{c: c, t: th, parties: ids}.machines(b)
					} else {
						ms = machines(b, c, th, ids)
					}
					net := memnet.New(ids)
					_, errs := run(b, net, ms)
					net.Close()
					if len(errs) > 0 {
						b.Fatal(errs)
					}
				}
			})
		}
	}
}
