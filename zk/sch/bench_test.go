package sch

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func BenchmarkProve(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name(), func(b *testing.B) {
			k := newKey(b, c, 50)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		b.Run(c.Name(), func(b *testing.B) {
			k := newKey(b, c, 51)
			p, err := NewProof(zktest.Transcript("sid", 3, 0), k.pub, k.priv, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := p.Verify(zktest.Transcript("sid", 3, 0), k.pub); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
