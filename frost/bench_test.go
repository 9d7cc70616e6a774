package frost

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
)

var benchMsg = []byte("benchmark message: 32 bytes long")

func BenchmarkCommit(b *testing.B) {
	for _, suite := range allSuites {
		b.Run(suite.Name(), func(b *testing.B) {
			kps, _, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(b, err)
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				n, _, err := Commit(suite, kps[0], nil)
				if err != nil {
					b.Fatal(err)
				}
				n.Zeroize()
			}
			cputime.Report(b, cputime.Process()-start, time.Nanosecond)
		})
	}
}

// BenchmarkSign measures one signer's round two in a 3-of-5 signing.
func BenchmarkSign(b *testing.B) {
	for _, suite := range allSuites {
		b.Run(suite.Name()+"/3-of-5", func(b *testing.B) {
			kps, _, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(b, err)
			signers := kps[:3]
			b.ReportAllocs()
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				nonces := make([]*SigningNonces, len(signers))
				comms := make([]*SigningCommitments, len(signers))
				for j, kp := range signers {
					nonces[j], comms[j], err = Commit(suite, kp, nil)
					require.NoError(b, err)
				}
				pkg, err := NewSigningPackage(suite, comms, benchMsg)
				require.NoError(b, err)
				b.StartTimer()
				t0 := cputime.Process()
				if _, err := Sign(suite, pkg, nonces[0], signers[0]); err != nil {
					b.Fatal(err)
				}
				cpu += cputime.Process() - t0
			}
			cputime.Report(b, cpu, time.Nanosecond)
		})
	}
}

func BenchmarkAggregate(b *testing.B) {
	for _, suite := range allSuites {
		for _, th := range []struct{ t, n int }{{3, 5}, {7, 10}, {67, 100}} {
			b.Run(fmt.Sprintf("%s/%d-of-%d", suite.Name(), th.t, th.n), func(b *testing.B) {
				kps, pub, err := TrustedDealerKeygen(suite, nil, th.n, th.t, nil)
				require.NoError(b, err)
				run := runRounds(b, suite, kps[:th.t], benchMsg)
				wire := run.pkg.Bytes()
				b.ReportAllocs()
				var cpu time.Duration
				for i := 0; i < b.N; i++ {
					// A fresh package each time, as a coordinator that did
					// not sign has: nothing derived from it is remembered.
					b.StopTimer()
					pkg, err := DecodeSigningPackage(suite, wire)
					require.NoError(b, err)
					b.StartTimer()
					t0 := cputime.Process()
					if _, err := Aggregate(suite, pkg, run.shares, pub); err != nil {
						b.Fatal(err)
					}
					cpu += cputime.Process() - t0
				}
				cputime.Report(b, cpu, time.Nanosecond)
			})
		}
	}
}

// BenchmarkSigning3of5 is a whole 3-of-5 signing with all parties in
// process: three commits, the package, three signature shares, aggregation
// with verification.
func BenchmarkSigning3of5(b *testing.B) {
	for _, suite := range allSuites {
		b.Run(suite.Name(), func(b *testing.B) {
			kps, pub, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(b, err)
			signers := kps[:3]
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				nonces := make([]*SigningNonces, len(signers))
				comms := make([]*SigningCommitments, len(signers))
				for j, kp := range signers {
					nonces[j], comms[j], err = Commit(suite, kp, nil)
					if err != nil {
						b.Fatal(err)
					}
				}
				pkg, err := NewSigningPackage(suite, comms, benchMsg)
				if err != nil {
					b.Fatal(err)
				}
				shares := make(map[Identifier]*SignatureShare, len(signers))
				for j, kp := range signers {
					s, err := Sign(suite, pkg, nonces[j], kp)
					if err != nil {
						b.Fatal(err)
					}
					shares[kp.Identifier()] = s
				}
				if _, err := Aggregate(suite, pkg, shares, pub); err != nil {
					b.Fatal(err)
				}
			}
			cputime.Report(b, cputime.Process()-start, time.Nanosecond)
		})
	}
}

// BenchmarkSigning3of5Separate is BenchmarkSigning3of5 with every party on
// its own copy of the signing package, decoded from the wire, as separate
// machines would be: each signer and the coordinator derive the binding
// factors and group commitment themselves.
func BenchmarkSigning3of5Separate(b *testing.B) {
	for _, suite := range allSuites {
		b.Run(suite.Name(), func(b *testing.B) {
			kps, pub, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(b, err)
			signers := kps[:3]
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				nonces := make([]*SigningNonces, len(signers))
				comms := make([]*SigningCommitments, len(signers))
				for j, kp := range signers {
					var c *SigningCommitments
					nonces[j], c, err = Commit(suite, kp, nil)
					if err != nil {
						b.Fatal(err)
					}
					if comms[j], err = DecodeSigningCommitments(suite, c.Bytes()); err != nil {
						b.Fatal(err)
					}
				}
				pkg, err := NewSigningPackage(suite, comms, benchMsg)
				if err != nil {
					b.Fatal(err)
				}
				wire := pkg.Bytes()
				shares := make(map[Identifier]*SignatureShare, len(signers))
				for j, kp := range signers {
					own, err := DecodeSigningPackage(suite, wire)
					if err != nil {
						b.Fatal(err)
					}
					s, err := Sign(suite, own, nonces[j], kp)
					if err != nil {
						b.Fatal(err)
					}
					if shares[kp.Identifier()], err = DecodeSignatureShare(suite, s.Bytes()); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := Aggregate(suite, pkg, shares, pub); err != nil {
					b.Fatal(err)
				}
			}
			cputime.Report(b, cputime.Process()-start, time.Nanosecond)
		})
	}
}
