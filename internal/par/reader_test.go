package par

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/require"
)

// TestLockReader: concurrent readers each get whole, disjoint reads, a
// one-byte-at-a-time source still fills every read, and wrapping twice
// returns the same reader.
func TestLockReader(t *testing.T) {
	const n, size = 16, 16 // 256 bytes: every byte value once
	src := make([]byte, n*size)
	for i := range src {
		src[i] = byte(i)
	}
	r := LockReader(iotest.OneByteReader(bytes.NewReader(src)))
	require.Same(t, r, LockReader(r))

	got := make([][]byte, n)
	errs := make([]error, n)
	fns := make([]func(), n)
	for i := range fns {
		fns[i] = func() {
			got[i] = make([]byte, size)
			_, errs[i] = r.Read(got[i])
		}
	}
	Do(fns...)
	for _, err := range errs {
		require.NoError(t, err)
	}
	seen := map[byte]bool{}
	for _, b := range got {
		require.Len(t, b, size)
		// Each read is one contiguous run of the source: interleaved
		// reads would break the run.
		for j := 1; j < size; j++ {
			require.Equal(t, b[0]+byte(j), b[j])
		}
		require.False(t, seen[b[0]], "two reads got the same bytes")
		seen[b[0]] = true
	}
	_, err := r.Read(make([]byte, 1))
	require.ErrorIs(t, err, io.EOF)
}
