package cggmp

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/internal/cputime"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The benchmarks run at both security levels. The names without a bits=
// level are the 2048-bit runs (pinned to 2048, whatever the package
// default); the sub-benchmarks under bits=3072 repeat the 3-of-5 and n = 5
// cases with 3072-bit Paillier and ring-Pedersen moduli. Besides ns/op
// (wall clock, both cores) they report cpu-ms/op, the process CPU time per
// operation, which is steadier on a shared machine.
const (
	benchBits2048 = 2048
	benchBits3072 = paillier.ModulusBits3072
)

// benchLevel is one security level of a benchmark: its sub-benchmark
// prefix ("" for 2048 bits) and the sizes it runs.
type benchLevel struct {
	bits   int
	prefix string
}

var benchLevels = []benchLevel{{benchBits2048, ""}, {benchBits3072, "bits=3072"}}

// runLevel runs fn under the level's prefix (directly for 2048 bits, so
// that the existing names keep working).
func runLevel(b *testing.B, lv benchLevel, fn func(b *testing.B)) {
	if lv.prefix == "" {
		fn(b)
		return
	}
	b.Run(lv.prefix, fn)
}

// auxMachinesBits is auxMachines with AuxConfig.Level set to that of bits.
func auxMachinesBits(t testing.TB, ids []transport.PartyID, secrets map[transport.PartyID]*AuxSecret, bits int) map[transport.PartyID]transport.Machine[*AuxInfo] {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		t.Fatal(err)
	}
	ms := map[transport.PartyID]transport.Machine[*AuxInfo]{}
	for _, id := range ids {
		m, err := NewAux(AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id], Level: levelOfBits(t, bits)})
		if err != nil {
			t.Fatal(err)
		}
		ms[id] = m
	}
	return ms
}

// BenchmarkAux runs aux-info for n parties, every party in process,
// including the generation of every party's Paillier key (the slow part).
func BenchmarkAux(b *testing.B) {
	for _, lv := range benchLevels {
		sizes := []int{3, 5, 10}
		if lv.bits != benchBits2048 {
			sizes = []int{5}
		}
		runLevel(b, lv, func(b *testing.B) {
			for _, n := range sizes {
				b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
					b.ReportAllocs()
					ids := partyIDs(n)
					start := cputime.Process()
					for i := 0; i < b.N; i++ {
						secrets := map[transport.PartyID]*AuxSecret{}
						for _, id := range ids {
							sec, err := GenerateAuxSecret(context.Background(), rand.Reader, paillier.WithModulusBits(lv.bits))
							if err != nil {
								b.Fatal(err)
							}
							secrets[id] = sec
						}
						out, errs := runSign(b, ids, auxMachinesBits(b, ids, secrets, lv.bits))
						if len(errs) > 0 || len(out) != n {
							b.Fatal(errs)
						}
					}
					cputime.Report(b, cputime.Process()-start, time.Millisecond)
				})
			}
		})
	}
}

// BenchmarkAuxProtocol runs aux-info for n parties with the fixtures'
// Paillier keys: the protocol alone, without safe-prime generation.
func BenchmarkAuxProtocol(b *testing.B) {
	for _, lv := range benchLevels {
		sizes := []int{3, 5, 10}
		if lv.bits != benchBits2048 {
			sizes = []int{5}
		}
		runLevel(b, lv, func(b *testing.B) {
			for _, n := range sizes {
				b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
					b.ReportAllocs()
					ids := partyIDs(n)
					secrets := map[transport.PartyID]*AuxSecret{}
					for i, id := range ids {
						secrets[id] = fixtureAuxSecretBits(b, i, lv.bits)
					}
					b.ResetTimer()
					start := cputime.Process()
					for i := 0; i < b.N; i++ {
						out, errs := runSign(b, ids, auxMachinesBits(b, ids, secrets, lv.bits))
						if len(errs) > 0 || len(out) != n {
							b.Fatal(errs)
						}
					}
					cputime.Report(b, cputime.Process()-start, time.Millisecond)
				})
			}
		})
	}
}

// BenchmarkPresign and BenchmarkSign measure presigning and signing from a
// presignature for t signers of an n-party key, every signer in process.
// BenchmarkPresign's "with identities" runs are the 3-of-5 run again with
// PresignConfig.Identity: every message signed and checked, signed echoes
// and the confirmation round (docs/agreement.md, "Cost").
func BenchmarkPresign(b *testing.B) {
	type size struct {
		t, n       int
		identities bool
	}
	for _, lv := range benchLevels {
		sizes := []size{{3, 5, false}, {3, 5, true}, {7, 10, false}}
		if lv.bits != benchBits2048 {
			sizes = []size{{3, 5, false}}
		}
		runLevel(b, lv, func(b *testing.B) {
			for _, sz := range sizes {
				name := fmt.Sprintf("%d-of-%d", sz.t, sz.n)
				if sz.identities {
					name += " with identities"
				}
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					keys := testKeysBits(b, sz.t, sz.n, lv.bits)
					signers := partyIDs(sz.t)
					// One untimed run builds every signer's ring-Pedersen
					// tables for its peers (once per key, not per run).
					presignAll(b, keys, signers, nil)
					b.ResetTimer()
					start := cputime.Process()
					for i := 0; i < b.N; i++ {
						if sz.identities {
							presignWithIdentities(b, keys, signers)
						} else {
							presignAll(b, keys, signers, nil)
						}
					}
					cputime.Report(b, cputime.Process()-start, time.Millisecond)
				})
			}
		})
	}
}

// presignWithIdentities is presignAll with every signer's Identity set.
func presignWithIdentities(b *testing.B, keys map[transport.PartyID]*Key, signers []transport.PartyID) {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		b.Fatal(err)
	}
	ms := map[transport.PartyID]transport.Machine[*Presignature]{}
	for _, id := range signers {
		m, err := NewPresign(PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Identity: identityOf(id, signers)})
		if err != nil {
			b.Fatal(err)
		}
		ms[id] = m
	}
	out, errs := runSign(b, signers, ms)
	if len(errs) > 0 || len(out) != len(signers) {
		b.Fatal(errs)
	}
}

func BenchmarkSign(b *testing.B) {
	type size struct{ t, n int }
	for _, lv := range benchLevels {
		sizes := []size{{3, 5}, {7, 10}}
		if lv.bits != benchBits2048 {
			sizes = []size{{3, 5}}
		}
		runLevel(b, lv, func(b *testing.B) {
			for _, sz := range sizes {
				b.Run(fmt.Sprintf("%d-of-%d", sz.t, sz.n), func(b *testing.B) {
					b.ReportAllocs()
					keys := testKeysBits(b, sz.t, sz.n, lv.bits)
					signers := partyIDs(sz.t)
					digest := sha256.Sum256([]byte("bench"))
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						b.StopTimer()
						pres := presignAll(b, keys, signers, nil)
						b.StartTimer()
						var partials []*PartialSignature
						for _, id := range signers {
							ps, err := pres[id].SignShare(digest[:])
							if err != nil {
								b.Fatal(err)
							}
							partials = append(partials, ps)
						}
						if _, err := pres[signers[0]].Combine(digest[:], partials); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// levelOfBits is the security level of a modulus size, for benchmarks.
func levelOfBits(t testing.TB, bits int) paillier.SecurityLevel {
	level, err := paillier.LevelOf(bits)
	if err != nil {
		t.Fatal(err)
	}
	return level
}
