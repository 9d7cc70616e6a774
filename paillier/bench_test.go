package paillier_test

import (
	"context"
	"crypto/rand"
	"testing"

	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
)

func BenchmarkGenerateKey(b *testing.B) {
	if testing.Short() {
		b.Skip("slow")
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := paillier.GenerateKey(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnc(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pk := sk.PublicKey()
	m, _ := bigint.SampleIntBits(rand.Reader, 256)
	b.Run("public", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := pk.Enc(rand.Reader, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("owner-crt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := sk.Enc(rand.Reader, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("owner-crt-nonce-sampled", func(b *testing.B) {
		// What SecretKey.Enc did before SampleNonce: ρ ← Z*_N, then ρ^N
		// by CRT modulo p² and q².
		b.ReportAllocs()
		for b.Loop() {
			rho, err := bigint.SampleUnit(rand.Reader, pk.N())
			if err != nil {
				b.Fatal(err)
			}
			sk.EncWithNonce(m, rho)
		}
	})
	b.Run("owner-sample-nonce", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := sk.SampleNonce(rand.Reader); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The alternative we measured against: saferith's own Exp modulo N².
	b.Run("saferith-rhoN", func(b *testing.B) {
		rho, _ := bigint.SampleUnit(rand.Reader, pk.N())
		b.ReportAllocs()
		for b.Loop() {
			new(saferith.Nat).Exp(rho, pk.NNat(), pk.NSquared())
		}
	})
}

func BenchmarkDec(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	ct, _, _ := sk.PublicKey().Enc(rand.Reader, new(saferith.Int).SetUint64(12345))
	b.Run("dec", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := sk.Dec(ct); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("dec-with-nonce", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := sk.DecWithNonce(ct); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMulScalar(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pk := sk.PublicKey()
	ct, _, _ := pk.Enc(rand.Reader, new(saferith.Int).SetUint64(12345))
	k, _ := bigint.SampleIntBits(rand.Reader, 256)
	b.ReportAllocs()
	for b.Loop() {
		pk.MulScalar(ct, k)
	}
}

// BenchmarkAffine compares the MtA sender's D = (x ⊙ K) ⊕ enc(m; ρ) in one
// shared-squaring exponentiation with the three-call composition.
func BenchmarkAffine(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pk := sk.PublicKey()
	ct, _, _ := pk.Enc(rand.Reader, new(saferith.Int).SetUint64(12345))
	x, _ := bigint.SampleIntBits(rand.Reader, 256)
	m, _ := bigint.SampleIntBits(rand.Reader, 1280)
	rho, _ := bigint.SampleUnit(rand.Reader, pk.N())
	b.Run("AffineWithNonce", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pk.AffineWithNonce(ct, x, m, rho)
		}
	})
	b.Run("Add-MulScalar-EncWithNonce", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pk.Add(pk.MulScalar(ct, x), pk.EncWithNonce(m, rho))
		}
	})
}

func BenchmarkNewCiphertext(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pk := sk.PublicKey()
	ct, _, _ := pk.Enc(rand.Reader, new(saferith.Int).SetUint64(12345))
	data := ct.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pk.DecodeCiphertext(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommit(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	// Typical CGGMP21 prover exponents: x ∈ ±2^(ℓ+ε) (768 bits), y ∈ ±2^(ℓ+ε)·N̂.
	x, _ := bigint.SampleIntBits(rand.Reader, 768)
	y, _ := bigint.SampleIntScaled(rand.Reader, 768, pp.N())
	// The two-base exponentiation Commit uses without tables.
	b.Run("exp2", func(b *testing.B) {
		s, t := pp.S(), pp.T()
		b.ReportAllocs()
		for b.Loop() {
			pp.NOdd().Exp2(s, x, t, y)
		}
	})
	// Commit on fresh parameters: tables built by the first call.
	b.Run("lazy-tables", func(b *testing.B) {
		pp.Commit(x, y)
		b.ReportAllocs()
		for b.Loop() {
			pp.Commit(x, y)
		}
	})
	b.Run("bigmod-two-exps", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a := pp.NOdd().ExpInt(pp.S(), x)
			a.ModMul(a, pp.NOdd().ExpInt(pp.T(), y), pp.N())
		}
	})
	fast, err := pp.Precompute(paillier.DefaultTableBits)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("fixed-base", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fast.Commit(x, y)
		}
	})
	b.Run("saferith", func(b *testing.B) {
		s, t := pp.S(), pp.T()
		b.ReportAllocs()
		for b.Loop() {
			a := new(saferith.Nat).ExpI(s, x, pp.N())
			c := new(saferith.Nat).ExpI(t, y, pp.N())
			a.ModMul(a, c, pp.N())
		}
	})
}

// BenchmarkCommitTableBuild is the one-off cost of the lazily built tables.
func BenchmarkCommitTableBuild(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	pp, _, err := sk.GeneratePedersen(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pp.Precompute(paillier.DefaultTableBits); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGeneratePedersen(b *testing.B) {
	sk := testfixtures.PaillierKey(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := sk.GeneratePedersen(rand.Reader); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadSecretKey(b *testing.B) {
	data, _ := testfixtures.PaillierKey(b, 0).MarshalBinary()
	b.ReportAllocs()
	for b.Loop() {
		var sk paillier.SecretKey
		if err := sk.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}
