//go:build timing

package dkls23

import (
	"bytes"
	"crypto/rand"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/dudect"
)

// choiceRand returns the randomness for one bobStart: Bob draws his
// nonce, then the extension receiver its count/8 bytes of choice bits
// (ot.Receiver's Extend with nil choices), so all-zero bytes there make β
// all zero; the rest is random. TestTiming checks that the zeros reach β.
func choiceRand(zero bool) io.Reader {
	// Both classes draw, so that the preparation is alike: a draw in one
	// class alone shows in the timing of what follows it.
	nonce := make([]byte, nonceSize)
	_, _ = rand.Read(nonce)
	choices := make([]byte, voleOTs/8)
	_, _ = rand.Read(choices)
	if zero {
		clear(choices)
	}
	return io.MultiReader(bytes.NewReader(nonce), bytes.NewReader(choices), rand.Reader)
}

// timingSink keeps the timed maskedScalar from being optimised away.
var timingSink scalar

// The multiplication does not show its secrets in its timing: Bob's
// choice bits β (all zero against uniform) through bobStart and through
// bobFinish, Alice's inputs (zero and one against uniform scalars)
// through aliceRespond, and the bit of maskedScalar. Run with -tags
// timing.
func TestTiming(t *testing.T) {
	const samples = 1500
	alice, bob := otPair(t)
	g := gadget()
	label := []byte("timing")
	var random [voleInputs]scalar
	for i := range random {
		var err error
		random[i], err = randomScalar(nil)
		require.NoError(t, err)
	}
	var lowWeight [voleInputs]scalar
	lowWeight[1].SetInt(1)

	// The zero class really has β = 0, and both classes multiply
	// correctly.
	for _, zero := range []bool{true, false} {
		st, msg, err := bobStart(bob, label, g, choiceRand(zero))
		require.NoError(t, err)
		require.Equal(t, zero, st.beta == [voleOTs]byte{}, "zero class: %v", zero)
		c, answer, err := aliceRespond(alice, label, msg, &random, g, rand.Reader)
		require.NoError(t, err)
		d, err := st.bobFinish(answer, g)
		require.NoError(t, err)
		for i := range voleInputs {
			var want, got scalar
			want.Mul2(&st.b, &random[i])
			got.Add2(&c[i], &d[i])
			require.True(t, want.Equals(&got), "c + d ≠ b·a for input %d", i)
		}
	}

	measure := func(t *testing.T, n int, prepare func(class int) func()) {
		res, err := dudect.Measure(n, nil, prepare)
		require.NoError(t, err)
		t.Log(res)
		require.False(t, res.Leaks(), res.String())
	}

	t.Run("bobStart choice bits", func(t *testing.T) {
		measure(t, samples, func(class int) func() {
			r := choiceRand(class == 0)
			return func() { _, _, _ = bobStart(bob, label, g, r) }
		})
	})

	t.Run("bobFinish choice bits", func(t *testing.T) {
		measure(t, samples, func(class int) func() {
			st, msg, err := bobStart(bob, label, g, choiceRand(class == 0))
			require.NoError(t, err)
			_, answer, err := aliceRespond(alice, label, msg, &random, g, rand.Reader)
			require.NoError(t, err)
			return func() { _, _ = st.bobFinish(answer, g) }
		})
	})

	t.Run("aliceRespond inputs", func(t *testing.T) {
		_, msg, err := bobStart(bob, label, g, rand.Reader)
		require.NoError(t, err)
		measure(t, samples, func(class int) func() {
			a := lowWeight
			if class == 1 {
				a = random
			}
			return func() { _, _, _ = aliceRespond(alice, label, msg, &a, g, rand.Reader) }
		})
	})

	t.Run("maskedScalar bit", func(t *testing.T) {
		b := random[0].Bytes()
		measure(t, 200000, func(class int) func() {
			bit := byte(class)
			return func() { timingSink = maskedScalar(&b, bit) }
		})
	})
}
