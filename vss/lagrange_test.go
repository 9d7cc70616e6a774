package vss

import (
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

func TestLagrangeKnownValues(t *testing.T) {
	// ids {1, 2, 3}: λ_1(0) = 3, λ_2(0) = -3, λ_3(0) = 1.
	for _, c := range curves {
		set := ids(t, c, 3)
		ls, err := LagrangeCoefficients(c, set)
		require.NoError(t, err)
		require.True(t, ls[0].Equal(c.ScalarFromUint64(3)))
		require.True(t, ls[1].Equal(c.ScalarFromUint64(3).Negate()))
		require.True(t, ls[2].Equal(c.ScalarFromUint64(1)))
		for k, i := range set {
			l, err := LagrangeCoefficient(c, set, i)
			require.NoError(t, err)
			require.True(t, l.Equal(ls[k]))
		}
		// λ_i(x_j) is 1 for i = j and 0 otherwise
		for _, xj := range set {
			at, err := LagrangeCoefficientsAt(c, set, xj)
			require.NoError(t, err)
			for k, i := range set {
				require.Equal(t, i.Equal(xj), at[k].Equal(c.ScalarFromUint64(1)))
				require.Equal(t, !i.Equal(xj), at[k].IsZero())
			}
		}
	}
}

func TestLagrangeAtInterpolates(t *testing.T) {
	for _, c := range curves {
		f, err := NewPolynomial(c, 4, nil, rand.Reader)
		require.NoError(t, err)
		set := []curve.Scalar{c.ScalarFromUint64(2), c.ScalarFromUint64(5), c.ScalarFromUint64(7), c.ScalarFromUint64(11)}
		x := c.ScalarFromUint64(4) // a new party's id, as in repair
		acc := c.NewScalar()
		for _, i := range set {
			l, err := LagrangeAt(c, set, i, x)
			require.NoError(t, err)
			acc = acc.Add(l.Mul(f.Evaluate(i)))
		}
		require.True(t, acc.Equal(f.Evaluate(x)))
	}
}

// TestLagrangeBatchMatchesSingle checks the batch-inverted coefficients
// against the one-at-a-time computation on random identifier sets.
func TestLagrangeBatchMatchesSingle(t *testing.T) {
	for _, c := range curves {
		for n := 1; n <= 12; n++ {
			set := make([]curve.Scalar, n)
			for k := range set {
				s, err := c.RandomScalar(rand.Reader)
				require.NoError(t, err)
				set[k] = s
			}
			x, err := c.RandomScalar(rand.Reader)
			require.NoError(t, err)
			batch, err := LagrangeCoefficientsAt(c, set, x)
			require.NoError(t, err)
			for k, i := range set {
				single, err := LagrangeAt(c, set, i, x)
				require.NoError(t, err)
				require.True(t, single.Equal(batch[k]), "n=%d k=%d", n, k)
			}
		}
	}
}

// TestAdversary21_Identifiers: zero, q, q+i (which reduce to 0 and i),
// duplicates and a missing id are rejected (SECURITY.md case 21).
func TestAdversary21_Identifiers(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			one, two, three := c.ScalarFromUint64(1), c.ScalarFromUint64(2), c.ScalarFromUint64(3)
			// q and q+1 as scalars: the reduction happened when the scalar
			// was made, so they are 0 and 1.
			q := c.ScalarFromNat(c.Order().Nat())
			qPlus1 := q.Add(one)
			cases := []struct {
				name string
				ids  []curve.Scalar
				i    curve.Scalar
				err  error
			}{
				{"empty", nil, one, ErrNoIDs},
				{"zero in set", []curve.Scalar{one, c.NewScalar()}, one, ErrZeroID},
				{"q in set", []curve.Scalar{one, q}, one, ErrZeroID},
				{"q+1 duplicates 1", []curve.Scalar{one, qPlus1}, one, ErrDuplicateID},
				{"duplicate", []curve.Scalar{one, two, two}, one, ErrDuplicateID},
				{"nil id", []curve.Scalar{one, nil}, one, ErrNilValue},
				{"i missing", []curve.Scalar{one, two}, three, ErrIDNotInSet},
				{"i zero", []curve.Scalar{one, two}, c.NewScalar(), ErrZeroID},
				{"i nil", []curve.Scalar{one, two}, nil, ErrNilValue},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					_, err := LagrangeCoefficient(c, tc.ids, tc.i)
					require.ErrorIs(t, err, tc.err)
					if tc.err != ErrIDNotInSet && tc.i != nil && !tc.i.IsZero() {
						_, err = LagrangeCoefficients(c, tc.ids)
						require.ErrorIs(t, err, tc.err)
					}
				})
			}
			_, err := IDScalar(c, 0)
			require.ErrorIs(t, err, ErrZeroID)
			_, err = IDScalars(c, []uint32{1, 2, 1})
			require.ErrorIs(t, err, ErrDuplicateID)
			_, err = IDScalars(c, []uint32{1, 0})
			require.ErrorIs(t, err, ErrZeroID)
			// the wrong curve is an error, not a panic
			other := curve.Edwards25519()
			if c.ID() == other.ID() {
				other = curve.Secp256k1()
			}
			_, err = LagrangeCoefficient(c, []curve.Scalar{one, other.ScalarFromUint64(2)}, one)
			require.ErrorIs(t, err, curve.ErrWrongCurve)
			_, err = LagrangeAt(c, []curve.Scalar{one, two}, one, other.ScalarFromUint64(2))
			require.ErrorIs(t, err, curve.ErrWrongCurve)
		})
	}
}
