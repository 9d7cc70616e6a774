package ot

import (
	"crypto/rand"
	"testing"
)

// BenchmarkSetupAndExtend1024 is one pairwise setup (κ = 128 base OTs)
// followed by one KOS15 batch of 1024 random OTs, both parties in process.
func BenchmarkSetupAndExtend1024(b *testing.B) {
	b.ReportAllocs()
	sess := testSession("bench")
	for b.Loop() {
		s, r := runSetup(b, sess)
		msg, _, err := r.Extend(nil, 1024, rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Extend(msg, 1024); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtend1024 is one KOS15 batch of 1024 OTs on an existing setup.
func BenchmarkExtend1024(b *testing.B) {
	b.ReportAllocs()
	s, r := runSetup(b, testSession("bench extend"))
	for b.Loop() {
		msg, _, err := r.Extend(nil, 1024, rand.Reader)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Extend(msg, 1024); err != nil {
			b.Fatal(err)
		}
	}
}
