package vss

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

var splitCases = []struct{ t, n int }{
	{1, 1}, {1, 3}, {2, 2}, {2, 3}, {3, 5}, {3, 7}, {5, 5}, {5, 9}, {5, 10},
}

// TestSplitReconstructEverySubset checks every t-subset and (t+1)-subset
// reconstructs the secret and every (t-1)-subset does not (a spread sample of
// each under -short).
func TestSplitReconstructEverySubset(t *testing.T) {
	for _, c := range curves {
		for _, tc := range splitCases {
			t.Run(fmt.Sprintf("%s/t=%d/n=%d", c.Name(), tc.t, tc.n), func(t *testing.T) {
				secret, err := c.RandomScalar(rand.Reader)
				require.NoError(t, err)
				shares, cm, err := Split(c, secret, tc.t, ids(t, c, tc.n), rand.Reader)
				require.NoError(t, err)
				require.Len(t, shares, tc.n)
				require.Equal(t, tc.t, cm.Threshold())
				require.True(t, cm.Constant().Equal(c.ScalarBaseMult(secret)))
				for _, s := range shares {
					require.NoError(t, cm.Verify(s.ID, s.Value))
				}
				// every t-subset (and t+1-subset) gives the secret
				for _, k := range []int{tc.t, tc.t + 1} {
					if k > tc.n {
						continue
					}
					sampledSubsets(tc.n, k, 12, func(idx []int) {
						got, err := Reconstruct(c, pick(shares, idx))
						require.NoError(t, err)
						require.True(t, got.Equal(secret), "subset %v", idx)
					})
				}
				// every (t-1)-subset gives something else
				if tc.t > 1 {
					sampledSubsets(tc.n, tc.t-1, 12, func(idx []int) {
						got, err := Reconstruct(c, pick(shares, idx))
						require.NoError(t, err)
						require.False(t, got.Equal(secret), "subset %v of size t-1", idx)
						_, err = ReconstructVerified(cm, pick(shares, idx))
						require.ErrorIs(t, err, ErrThreshold)
					})
				}
				got, err := ReconstructVerified(cm, shares)
				require.NoError(t, err)
				require.True(t, got.Equal(secret))
			})
		}
	}
}

func TestSplitRandomSecret(t *testing.T) {
	c := curve.Secp256k1()
	shares, cm, err := Split(c, nil, 2, ids(t, c, 3), nil)
	require.NoError(t, err)
	got, err := Reconstruct(c, shares[1:])
	require.NoError(t, err)
	require.True(t, c.ScalarBaseMult(got).Equal(cm.Constant()))
}

func TestSplitRejects(t *testing.T) {
	c := curve.Secp256k1()
	secret := c.ScalarFromUint64(42)
	five := ids(t, c, 5)
	dup := append(ids(t, c, 3), c.ScalarFromUint64(2))
	withZero := append(ids(t, c, 3), c.NewScalar())
	cases := []struct {
		name   string
		secret curve.Scalar
		t      int
		ids    []curve.Scalar
		err    error
	}{
		{"t = 0", secret, 0, five, ErrThreshold},
		{"t = -1", secret, -1, five, ErrThreshold},
		{"t > n", secret, 6, five, ErrThreshold},
		{"no ids", secret, 1, nil, ErrNoIDs},
		{"duplicate id", secret, 2, dup, ErrDuplicateID},
		{"zero id", secret, 2, withZero, ErrZeroID},
		{"secret on another curve", curve.Edwards25519().ScalarFromUint64(1), 2, five, curve.ErrWrongCurve},
		{"ids on another curve", secret, 2, ids(t, curve.Edwards25519(), 3), curve.ErrWrongCurve},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Split(c, tc.secret, tc.t, tc.ids, rand.Reader)
			require.ErrorIs(t, err, tc.err)
		})
	}
}

func TestReconstructRejects(t *testing.T) {
	c := curve.Edwards25519()
	shares, cm, err := Split(c, c.ScalarFromUint64(7), 2, ids(t, c, 3), rand.Reader)
	require.NoError(t, err)

	_, err = Reconstruct(c, nil)
	require.ErrorIs(t, err, ErrNoShares)

	_, err = Reconstruct(c, []Share{shares[0], shares[0]})
	require.ErrorIs(t, err, ErrDuplicateID)
	var idErr *IDError
	require.ErrorAs(t, err, &idErr)
	require.Equal(t, 1, idErr.Position)

	_, err = Reconstruct(c, []Share{shares[0], {ID: c.NewScalar(), Value: shares[1].Value}})
	require.ErrorIs(t, err, ErrZeroID)

	_, err = Reconstruct(c, []Share{shares[0], {ID: shares[1].ID}})
	require.ErrorIs(t, err, ErrNilValue)

	// a tampered share is caught by ReconstructVerified, which names it
	bad := append([]Share(nil), shares...)
	bad[2] = Share{ID: bad[2].ID, Value: bad[2].Value.Add(c.ScalarFromUint64(1))}
	_, err = ReconstructVerified(cm, bad)
	require.ErrorIs(t, err, ErrShareMismatch)
	require.ErrorAs(t, err, &idErr)
	require.Equal(t, 2, idErr.Position)
}

func TestShareZeroize(t *testing.T) {
	c := curve.Secp256k1()
	shares, _, err := Split(c, c.ScalarFromUint64(7), 2, ids(t, c, 2), rand.Reader)
	require.NoError(t, err)
	shares[0].Zeroize()
	require.True(t, shares[0].Value.IsZero())
	require.False(t, shares[1].Value.IsZero())
}
