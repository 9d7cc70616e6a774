package fac

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// 2048-bit N0 and N̂.
func BenchmarkProve(b *testing.B) {
	f := getFixture(b)
	pub, priv := f.public(), f.private()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewProof(zktest.Transcript(testSession, testProver, testVerifier), pub, priv, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	f := getFixture(b)
	pub := f.public()
	b.ReportAllocs()
	for b.Loop() {
		if err := f.proof.Verify(zktest.Transcript(testSession, testProver, testVerifier), pub); err != nil {
			b.Fatal(err)
		}
	}
}

// The verifier that owns N̂ (as in CGGMP21 aux-info) works modulo its primes.
func BenchmarkVerifyWithKey(b *testing.B) {
	f := getFixture(b)
	pub := f.public()
	b.ReportAllocs()
	for b.Loop() {
		if err := f.proof.VerifyWithKey(zktest.Transcript(testSession, testProver, testVerifier), pub, f.hat1); err != nil {
			b.Fatal(err)
		}
	}
}
