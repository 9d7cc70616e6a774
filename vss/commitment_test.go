package vss

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

func TestFeldmanVerify(t *testing.T) {
	for _, c := range curves {
		for _, th := range []int{1, 2, 3, 5} {
			t.Run(fmt.Sprintf("%s/t=%d", c.Name(), th), func(t *testing.T) {
				f, err := NewPolynomial(c, th, nil, rand.Reader)
				require.NoError(t, err)
				cm := f.Commit()
				one := c.ScalarFromUint64(1)
				for _, x := range ids(t, c, 10) {
					share := f.Evaluate(x)
					require.NoError(t, cm.Verify(x, share))
					require.True(t, cm.Evaluate(x).Equal(c.ScalarBaseMult(share)))
					// a tampered share; and, unless f is constant (t = 1),
					// the right share at the wrong id
					require.ErrorIs(t, cm.Verify(x, share.Add(one)), ErrShareMismatch)
					if th > 1 {
						require.ErrorIs(t, cm.Verify(x.Add(one), share), ErrShareMismatch)
					}
				}
				// a tampered commitment rejects the honest share
				pts := cm.Points()
				pts[th-1] = pts[th-1].Add(c.Generator())
				bad, err := NewCommitment(pts)
				require.NoError(t, err)
				x := c.ScalarFromUint64(3)
				require.ErrorIs(t, bad.Verify(x, f.Evaluate(x)), ErrShareMismatch)

				require.ErrorIs(t, cm.Verify(c.NewScalar(), f.Constant()), ErrZeroID)
				require.ErrorIs(t, cm.Verify(nil, one), ErrNilValue)
				other := curves[0]
				if other.ID() == c.ID() {
					other = curves[1]
				}
				require.ErrorIs(t, cm.Verify(x, other.ScalarFromUint64(1)), curve.ErrWrongCurve)
			})
		}
	}
}

func TestPolynomialBasics(t *testing.T) {
	c := curve.Secp256k1()
	secret := c.ScalarFromUint64(99)
	f, err := NewPolynomial(c, 3, secret, rand.Reader)
	require.NoError(t, err)
	require.Equal(t, 3, f.Threshold())
	require.True(t, f.Constant().Equal(secret))
	require.True(t, f.Evaluate(c.NewScalar()).Equal(secret))
	// the polynomial holds a copy: zeroizing it leaves the caller's secret
	f.Zeroize()
	require.False(t, secret.IsZero())
	require.True(t, f.Evaluate(c.ScalarFromUint64(5)).IsZero())

	// a sharing of zero, as refresh uses
	z, err := NewPolynomial(c, 2, c.NewScalar(), rand.Reader)
	require.NoError(t, err)
	require.True(t, z.Commit().Constant().IsIdentity())

	_, err = NewPolynomial(c, 0, nil, rand.Reader)
	require.ErrorIs(t, err, ErrThreshold)
	_, err = NewPolynomial(c, 2, curve.Edwards25519().NewScalar(), rand.Reader)
	require.ErrorIs(t, err, curve.ErrWrongCurve)
	_, err = NewPolynomial(c, 2, nil, failingReader{})
	require.ErrorIs(t, err, curve.ErrRandomness)
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, fmt.Errorf("no entropy") }

func TestCommitmentAdd(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			f, err := NewPolynomial(c, 3, nil, rand.Reader)
			require.NoError(t, err)
			g, err := NewPolynomial(c, 3, nil, rand.Reader)
			require.NoError(t, err)
			sum, err := SumCommitments(f.Commit(), g.Commit())
			require.NoError(t, err)
			x := c.ScalarFromUint64(4)
			require.NoError(t, sum.Verify(x, f.Evaluate(x).Add(g.Evaluate(x))))
			require.True(t, sum.Constant().Equal(c.ScalarBaseMult(f.Constant().Add(g.Constant()))))

			short, err := NewPolynomial(c, 2, nil, rand.Reader)
			require.NoError(t, err)
			_, err = f.Commit().Add(short.Commit())
			require.ErrorIs(t, err, ErrCommitmentLength)
			_, err = f.Commit().Add(nil)
			require.ErrorIs(t, err, ErrNilValue)
			_, err = SumCommitments()
			require.ErrorIs(t, err, ErrNilValue)
		})
	}
	a, err := NewPolynomial(curve.Secp256k1(), 2, nil, rand.Reader)
	require.NoError(t, err)
	b, err := NewPolynomial(curve.Edwards25519(), 2, nil, rand.Reader)
	require.NoError(t, err)
	_, err = a.Commit().Add(b.Commit())
	require.ErrorIs(t, err, curve.ErrWrongCurve)
}

func TestNewCommitmentRejects(t *testing.T) {
	_, err := NewCommitment(nil)
	require.ErrorIs(t, err, ErrCommitmentLength)
	_, err = NewCommitment([]curve.Point{nil})
	require.ErrorIs(t, err, ErrNilValue)
	_, err = NewCommitment([]curve.Point{curve.Secp256k1().Generator(), curve.Edwards25519().Generator()})
	require.ErrorIs(t, err, curve.ErrWrongCurve)
}

// TestAdversary17_ThresholdRaise: a Feldman vector of length t-1 or t+1 is
// rejected at decode (SECURITY.md case 17).
func TestAdversary17_ThresholdRaise(t *testing.T) {
	for _, c := range curves {
		for _, th := range []int{1, 2, 3, 5} {
			t.Run(fmt.Sprintf("%s/t=%d", c.Name(), th), func(t *testing.T) {
				enc := func(k int) []byte {
					f, err := NewPolynomial(c, k, nil, rand.Reader)
					require.NoError(t, err)
					b, err := f.Commit().MarshalBinary()
					require.NoError(t, err)
					return b
				}
				good := enc(th)
				cm, err := DecodeCommitment(c, good, th)
				require.NoError(t, err)
				require.Equal(t, good, cm.Bytes())
				require.Equal(t, th, cm.Threshold())

				if th > 1 {
					_, err = DecodeCommitment(c, enc(th-1), th)
					require.ErrorIs(t, err, ErrCommitmentLength)
				}
				_, err = DecodeCommitment(c, enc(th+1), th)
				require.ErrorIs(t, err, ErrCommitmentLength)
				_, err = DecodeCommitment(c, good[:len(good)-1], th)
				require.ErrorIs(t, err, ErrCommitmentLength)
				_, err = DecodeCommitment(c, append(good, 0), th)
				require.ErrorIs(t, err, ErrCommitmentLength)
				_, err = DecodeCommitment(c, good, 0)
				require.ErrorIs(t, err, ErrThreshold)
			})
		}
	}
}

func TestDecodeCommitmentPointRules(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			g := c.Generator().Bytes()
			id := c.Identity().Bytes()
			cat := func(ps ...[]byte) []byte {
				var out []byte
				for _, p := range ps {
					out = append(out, p...)
				}
				return out
			}
			// identity constant: rejected by DecodeCommitment, required by
			// DecodeZeroCommitment
			_, err := DecodeCommitment(c, cat(id, g), 2)
			require.ErrorIs(t, err, ErrIdentityConstant)
			require.ErrorIs(t, err, curve.ErrIdentity)
			zc, err := DecodeZeroCommitment(c, cat(id, g), 2)
			require.NoError(t, err)
			require.True(t, zc.Constant().IsIdentity())
			// higher coefficients may be the identity
			cm, err := DecodeCommitment(c, cat(g, id, id), 3)
			require.NoError(t, err)
			require.True(t, cm.Points()[2].IsIdentity())
			// an invalid point anywhere is rejected
			bad := make([]byte, c.PointSize())
			for i := range bad {
				bad[i] = 0xff
			}
			_, err = DecodeCommitment(c, cat(g, bad), 2)
			require.Error(t, err)
			_, err = DecodeZeroCommitment(c, cat(id, bad), 2)
			require.Error(t, err)
		})
	}
}

func TestCommitmentEqual(t *testing.T) {
	c := curve.Secp256k1()
	f, err := NewPolynomial(c, 2, nil, rand.Reader)
	require.NoError(t, err)
	a := f.Commit()
	b, err := NewCommitment(a.Points())
	require.NoError(t, err)
	require.True(t, a.Equal(b))
	require.False(t, a.Equal(nil))
	g, err := NewPolynomial(c, 2, nil, rand.Reader)
	require.NoError(t, err)
	require.False(t, a.Equal(g.Commit()))
}

// TestAdversary20_ZeroSharingConstant: the decode half of SECURITY.md case
// 20. A refresh contribution whose constant term is not the identity is
// rejected by DecodeZeroCommitment (refresh then aborts and blames the
// sender); an honest zero sharing decodes.
func TestAdversary20_ZeroSharingConstant(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			honest, err := NewPolynomial(c, 3, c.NewScalar(), rand.Reader)
			require.NoError(t, err)
			cm, err := DecodeZeroCommitment(c, honest.Commit().Bytes(), 3)
			require.NoError(t, err)
			require.True(t, cm.Constant().IsIdentity())

			one := c.ScalarFromUint64(1)
			for _, constant := range []curve.Scalar{one, one.Negate(), c.ScalarFromUint64(1 << 40)} {
				bad, err := NewPolynomial(c, 3, constant, rand.Reader)
				require.NoError(t, err)
				_, err = DecodeZeroCommitment(c, bad.Commit().Bytes(), 3)
				require.ErrorIs(t, err, ErrNonZeroConstant)
			}
		})
	}
}
