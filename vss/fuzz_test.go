package vss

import (
	"bytes"
	"errors"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// FuzzDecodeCommitment feeds arbitrary bytes and thresholds to both
// decoders on both curves: they must never panic, must enforce the exact
// length and the constant-term rule, and what they accept must re-encode to
// the input.
func FuzzDecodeCommitment(f *testing.F) {
	for _, c := range curves {
		g := c.Generator().Bytes()
		id := c.Identity().Bytes()
		f.Add(byte(c.ID()), uint8(1), g)
		f.Add(byte(c.ID()), uint8(2), append(append([]byte(nil), g...), id...))
		f.Add(byte(c.ID()), uint8(2), append(append([]byte(nil), id...), g...))
		f.Add(byte(c.ID()), uint8(3), g)
	}
	f.Fuzz(func(t *testing.T, curveID byte, th uint8, b []byte) {
		c := curves[int(curveID)%len(curves)]
		tt := int(th%8) - 1 // includes 0 and -1
		for _, zero := range []bool{false, true} {
			var cm *Commitment
			var err error
			if zero {
				cm, err = DecodeZeroCommitment(c, b, tt)
			} else {
				cm, err = DecodeCommitment(c, b, tt)
			}
			if err != nil {
				require.Nil(t, cm)
				if tt >= 1 && len(b) != tt*c.PointSize() {
					require.True(t, errors.Is(err, ErrCommitmentLength), "%v", err)
				}
				continue
			}
			require.Equal(t, tt, cm.Threshold())
			require.True(t, bytes.Equal(b, cm.Bytes()))
			require.Equal(t, zero, cm.Constant().IsIdentity())
			// the decoded commitment is usable without panics
			x := c.ScalarFromUint64(uint64(th) + 1)
			_ = cm.Verify(x, c.ScalarFromUint64(1))
		}
	})
}

// FuzzLagrange checks that Lagrange on arbitrary identifier lists never
// panics and, when it succeeds, that the coefficients at 0 sum to 1 (the
// interpolation of the constant polynomial 1).
func FuzzLagrange(f *testing.F) {
	f.Add([]byte{1, 2, 3})
	f.Add([]byte{1, 1})
	f.Add([]byte{0, 5})
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 16 {
			raw = raw[:16]
		}
		c := curve.Secp256k1()
		ids := make([]curve.Scalar, len(raw))
		for k, v := range raw {
			ids[k] = c.ScalarFromUint64(uint64(v))
		}
		ls, err := LagrangeCoefficients(c, ids)
		if err != nil {
			return
		}
		sum := c.NewScalar()
		for _, l := range ls {
			sum = sum.Add(l)
		}
		require.True(t, sum.Equal(c.ScalarFromUint64(1)))
	})
}
