package vss

import (
	"crypto/rand"
	"fmt"
	"testing"
)

func BenchmarkSplit(b *testing.B) {
	for _, c := range curves {
		for _, tn := range [][2]int{{2, 3}, {3, 5}, {7, 10}} {
			b.Run(fmt.Sprintf("%s/t=%d/n=%d", c.Name(), tn[0], tn[1]), func(b *testing.B) {
				set := ids(b, c, tn[1])
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := Split(c, nil, tn[0], set, rand.Reader); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkFeldmanVerify(b *testing.B) {
	for _, c := range curves {
		for _, t := range []int{2, 3, 7} {
			b.Run(fmt.Sprintf("%s/t=%d", c.Name(), t), func(b *testing.B) {
				f, err := NewPolynomial(c, t, nil, rand.Reader)
				if err != nil {
					b.Fatal(err)
				}
				cm := f.Commit()
				x := c.ScalarFromUint64(5)
				share := f.Evaluate(x)
				b.ReportAllocs()
				for b.Loop() {
					if err := cm.Verify(x, share); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkLagrangeCoefficients(b *testing.B) {
	for _, c := range curves {
		for _, n := range []int{3, 10} {
			b.Run(fmt.Sprintf("%s/n=%d", c.Name(), n), func(b *testing.B) {
				set := ids(b, c, n)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := LagrangeCoefficients(c, set); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkDecodeCommitment(b *testing.B) {
	for _, c := range curves {
		b.Run(c.Name()+"/t=3", func(b *testing.B) {
			f, err := NewPolynomial(c, 3, nil, rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			enc := f.Commit().Bytes()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := DecodeCommitment(c, enc, 3); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
