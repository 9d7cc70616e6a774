package schnorr

import (
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
)

func BenchmarkBIP340Sign(b *testing.B) {
	c := curve.Secp256k1()
	sk, err := c.RandomScalar(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	msg, aux := make([]byte, 32), make([]byte, 32)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(sk, msg, aux); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBIP340Verify(b *testing.B) {
	c := curve.Secp256k1()
	sk, err := c.RandomScalar(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	msg := make([]byte, 32)
	sig, err := Sign(sk, msg, make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	pub, _ := PublicKey(sk)
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(pub, msg, sig); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProve(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			x, X := keypair(b, c)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Prove(session("s", 1), x, X, rand.Reader); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkProofVerify(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			x, X := keypair(b, c)
			p, err := Prove(session("s", 1), x, X, rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := p.Verify(session("s", 1), X); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
