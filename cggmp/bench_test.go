package cggmp

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/transport"
)

// BenchmarkAux runs aux-info for n parties, every party in process,
// including the generation of every party's Paillier key (the slow part).
func BenchmarkAux(b *testing.B) {
	for _, n := range []int{3, 5, 10} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			ids := partyIDs(n)
			for i := 0; i < b.N; i++ {
				secrets := map[transport.PartyID]*AuxSecret{}
				for _, id := range ids {
					sec, err := GenerateAuxSecret(context.Background(), rand.Reader)
					if err != nil {
						b.Fatal(err)
					}
					secrets[id] = sec
				}
				out, errs := runSign(b, ids, auxMachines(b, ids, secrets))
				if len(errs) > 0 || len(out) != n {
					b.Fatal(errs)
				}
			}
		})
	}
}

// BenchmarkAuxProtocol runs aux-info for n parties with the fixtures'
// Paillier keys: the protocol alone, without safe-prime generation.
func BenchmarkAuxProtocol(b *testing.B) {
	for _, n := range []int{3, 5, 10} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			ids := partyIDs(n)
			secrets := map[transport.PartyID]*AuxSecret{}
			for i, id := range ids {
				secrets[id] = fixtureAuxSecret(b, i)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out, errs := runSign(b, ids, auxMachines(b, ids, secrets))
				if len(errs) > 0 || len(out) != n {
					b.Fatal(errs)
				}
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
	for _, sz := range []struct {
		t, n       int
		identities bool
	}{{3, 5, false}, {3, 5, true}, {7, 10, false}} {
		name := fmt.Sprintf("%d-of-%d", sz.t, sz.n)
		if sz.identities {
			name += " with identities"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			keys := testKeys(b, sz.t, sz.n)
			signers := partyIDs(sz.t)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if sz.identities {
					presignWithIdentities(b, keys, signers)
				} else {
					presignAll(b, keys, signers, nil)
				}
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
	for _, sz := range []struct{ t, n int }{{3, 5}, {7, 10}} {
		b.Run(fmt.Sprintf("%d-of-%d", sz.t, sz.n), func(b *testing.B) {
			b.ReportAllocs()
			keys := testKeys(b, sz.t, sz.n)
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
}
