package dkg

import (
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
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
