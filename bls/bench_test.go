package bls

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
)

func BenchmarkPartialSign(b *testing.B) {
	ids, shares := thresholdKey(b, 2, 3)
	msg := []byte("bench")
	b.ReportAllocs()
	for b.Loop() {
		_, err := POP().PartialSign(shares[ids[0]], msg)
		require.NoError(b, err)
	}
}

func BenchmarkPartialVerify(b *testing.B) {
	ids, shares := thresholdKey(b, 2, 3)
	msg := []byte("bench")
	p, err := POP().PartialSign(shares[ids[1]], msg)
	require.NoError(b, err)
	key := shares[ids[0]]
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, POP().PartialVerify(key, msg, p))
	}
}

// BenchmarkCombine67of100 combines 67 valid partials of a 67-of-100 key
// (interpolation in G2 and one verification of the result). The key is
// dealt by Shamir sharing rather than a 100-party DKG to keep set-up
// short; Combine only reads its public shares.
func BenchmarkCombine67of100(b *testing.B) {
	key, shares := dealtKey(b, 67, 100)
	msg := []byte("bench")
	ps := partials(b, POP(), shares, key.Parties[:67], msg)
	b.ReportAllocs()
	for b.Loop() {
		_, err := POP().Combine(key, msg, ps)
		require.NoError(b, err)
	}
}

func BenchmarkDKG5(b *testing.B) {
	ids := local.Parties(5)
	b.ReportAllocs()
	for b.Loop() {
		_, err := local.Keygen(context.Background(), curve.BLS12381G1(), 3, ids)
		require.NoError(b, err)
	}
}

func BenchmarkSign(b *testing.B) {
	sk, _ := randomKey(b)
	b.ReportAllocs()
	for b.Loop() {
		_, err := POP().Sign(sk, []byte("bench"))
		require.NoError(b, err)
	}
}

func BenchmarkVerify(b *testing.B) {
	sk, pk := randomKey(b)
	sig, err := POP().Sign(sk, []byte("bench"))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, POP().Verify(pk, []byte("bench"), sig))
	}
}

func BenchmarkDKG32(b *testing.B) {
	ids := local.Parties(32)
	b.ReportAllocs()
	for b.Loop() {
		_, err := local.Keygen(context.Background(), curve.BLS12381G1(), 17, ids)
		require.NoError(b, err)
	}
}
