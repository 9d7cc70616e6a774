package dkg

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// TestDKGPrimeOrderCurves runs a 2-of-3 key generation on ristretto255 and
// Ed448 (the groups of two RFC 9591 suites): the protocol only uses the
// curve interface, and the key share encoding names the curve by its ID, so
// both must work and round-trip unchanged.
func TestDKGPrimeOrderCurves(t *testing.T) {
	for _, c := range []curve.Curve{curve.Ristretto255(), curve.Ed448()} {
		t.Run(c.Name(), func(t *testing.T) {
			ids := partyIDs(3)
			net := memnet.New(ids)
			defer net.Close()
			out, errs := run(t, net, machines(t, c, 2, ids))
			require.Empty(t, errs)
			require.Len(t, out, 3)
			checkShares(t, c, 2, out)

			b, err := out[2].MarshalBinary()
			require.NoError(t, err)
			var back KeyShare
			require.NoError(t, back.UnmarshalBinary(b))
			require.Equal(t, c.ID(), back.Curve.ID())
			require.True(t, back.Secret.Equal(out[2].Secret))
			b2, err := back.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, b, b2)
		})
	}
}
