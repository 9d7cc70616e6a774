package cggmp

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// TestProofVerdicts: a check runs once per (proof, sender) for the same
// bytes, however many callers ask at once; other bytes, another proof or
// another sender are checked afresh, and a failing verdict is kept as it is.
func TestProofVerdicts(t *testing.T) {
	var v proofVerdicts
	var runs atomic.Int32
	bad := errors.New("bad proof")
	check := func(proof string, sender int, input string, err error) error {
		return v.check(proof, transport.PartyID(sender), []byte(input), func() error {
			runs.Add(1)
			return err
		})
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { require.NoError(t, check("prm", 2, "opening of 2", nil)) })
	}
	wg.Wait()
	require.EqualValues(t, 1, runs.Load(), "concurrent callers share one run")

	tests := []struct {
		name   string
		proof  string
		sender int
		input  string
		err    error
		want   error
		runs   int32
	}{
		{"same bytes again: kept", "prm", 2, "opening of 2", bad, nil, 1},
		{"another proof", "mod", 2, "opening of 2", bad, bad, 2},
		{"another sender", "prm", 3, "opening of 2", bad, bad, 3},
		{"a kept failure", "prm", 3, "opening of 2", nil, bad, 3},
		{"other bytes for a kept sender: checked afresh", "prm", 2, "something else", bad, bad, 4},
		{"and the first verdict stands for the first bytes", "prm", 2, "opening of 2", bad, nil, 4},
	}
	for _, tc := range tests {
		err := check(tc.proof, tc.sender, tc.input, tc.err)
		if tc.want == nil {
			require.NoError(t, err, tc.name)
		} else {
			require.ErrorIs(t, err, tc.want, tc.name)
		}
		require.Equal(t, tc.runs, runs.Load(), tc.name)
	}
}
