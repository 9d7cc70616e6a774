package cggmp

import (
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// Presigning and signing per curve, 3-of-5 with 2048-bit moduli (the
// secp256k1 figures repeat BenchmarkPresign's and BenchmarkSign's first
// case, so that the curves compare within one run). The Paillier and
// zero-knowledge work, which dominates presigning, is the same on every
// curve; the curve shows in the group operations of the proofs and in
// signing, which is nearly all curve arithmetic.

func BenchmarkCurvePresign(b *testing.B) {
	for _, tc := range ecdsaCurves() {
		b.Run(tc.c.Name()+"/3-of-5", func(b *testing.B) {
			b.ReportAllocs()
			keys := testKeysOn(b, tc.c, 3, 5, paillier.ModulusBits2048)
			signers := partyIDs(3)
			// One untimed run builds the ring-Pedersen tables.
			presignAll(b, keys, signers, nil)
			b.ResetTimer()
			start := cputime.Process()
			for i := 0; i < b.N; i++ {
				presignAll(b, keys, signers, nil)
			}
			cputime.Report(b, cputime.Process()-start, time.Millisecond)
		})
	}
}

func BenchmarkCurveSign(b *testing.B) {
	for _, tc := range ecdsaCurves() {
		b.Run(tc.c.Name()+"/3-of-5", func(b *testing.B) {
			b.ReportAllocs()
			keys := testKeysOn(b, tc.c, 3, 5, paillier.ModulusBits2048)
			signers := partyIDs(3)
			digest := testDigest(tc.c, "bench")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				pres := presignAll(b, keys, signers, nil)
				b.StartTimer()
				var partials []*PartialSignature
				for _, id := range signers {
					ps, err := pres[id].SignShare(digest)
					if err != nil {
						b.Fatal(err)
					}
					partials = append(partials, ps)
				}
				if _, err := pres[signers[0]].Combine(digest, partials); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
