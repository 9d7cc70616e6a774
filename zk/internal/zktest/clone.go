package zktest

import (
	"encoding"
	"testing"

	"github.com/stretchr/testify/require"
)

// Clone returns a deep copy of proof through its own encoding
// (MarshalBinary, then UnmarshalBinary into a new value), so that a test
// can tamper with the copy and keep the original.
func Clone[T any, P interface {
	*T
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}](tb testing.TB, proof P) P {
	tb.Helper()
	b, err := proof.MarshalBinary()
	require.NoError(tb, err)
	c := P(new(T))
	require.NoError(tb, c.UnmarshalBinary(b))
	return c
}
