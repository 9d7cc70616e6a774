//go:build timing

package ot

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// The secrets of the extension do not show in its timing: the receiver's
// choice bits (all zero against uniform) and the sender's Δ (all zero
// against uniform), each through the operation that handles it, and the
// field multiplication on a sparse against a uniform operand. Run with
// -tags timing.
func TestTiming(t *testing.T) {
	const samples = 4000
	const count = 64
	s, r := runSetup(t, testSession("timing"))

	t.Run("Receiver.Extend choice bits", func(t *testing.T) {
		res, err := dudect.Measure(samples, nil, func(class int) func() {
			choices := make([]byte, count/8)
			if class == 1 {
				_, _ = rand.Read(choices)
			}
			return func() { _, _, _ = r.Extend(choices, count, rand.Reader) }
		})
		require.NoError(t, err)
		t.Log(res)
		require.False(t, res.Leaks(), res.String())
	})

	t.Run("Sender.Extend delta", func(t *testing.T) {
		var zero, uniform [16]byte
		_, _ = rand.Read(uniform[:])
		res, err := dudect.Measure(samples, nil, func(class int) func() {
			msg, _, err := r.Extend(nil, count, rand.Reader)
			require.NoError(t, err)
			sender := *s
			sender.batch = msg.batch
			sender.delta = zero
			if class == 1 {
				sender.delta = uniform
			}
			// The check fails for a Δ other than the real one, and
			// failing is the same work as passing: every column is
			// compared before the verdict.
			return func() { _, _ = sender.Extend(msg, count) }
		})
		require.NoError(t, err)
		t.Log(res)
		require.False(t, res.Leaks(), res.String())
	})

	t.Run("gfMul", func(t *testing.T) {
		var u [32]byte
		_, _ = rand.Read(u[:])
		b := gfFromBytes(u[:])
		res, err := dudect.Measure(samples*10, nil, func(class int) func() {
			// Both classes draw and copy alike, so that only a differs
			// in the timed call: drawing in one class alone moved t
			// past the threshold with equal medians.
			var raw [32]byte
			_, _ = rand.Read(raw[:])
			a := gfFromBytes(bytes.Clone(raw[:]))
			if class == 0 {
				a = gf256{1}
			}
			return func() { gfMul(a, b) }
		})
		require.NoError(t, err)
		t.Log(res)
		require.False(t, res.Leaks(), res.String())
	})
}
