package curve

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRandomScalarNilReader checks the house rule that a nil io.Reader means
// crypto/rand.Reader.
func TestRandomScalarNilReader(t *testing.T) {
	for _, c := range curves {
		t.Run(c.Name(), func(t *testing.T) {
			a, err := c.RandomScalar(nil)
			require.NoError(t, err)
			b, err := c.RandomScalar(nil)
			require.NoError(t, err)
			require.False(t, a.IsZero())
			require.False(t, a.Equal(b))
		})
	}
}
