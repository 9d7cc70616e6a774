package fac

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestEncodingRoundTrip(t *testing.T) {
	f := getFixture(t)
	b, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	q, err := DecodeProof(f.public(), b)
	require.NoError(t, err)
	b2, err := q.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, b2)
}

func TestUnmarshalRejects(t *testing.T) {
	f := getFixture(t)
	good, err := f.proof.MarshalBinary()
	require.NoError(t, err)
	spans := fieldSpans(t, good)
	with := func(mut func(b []byte) []byte) []byte {
		return mut(append([]byte(nil), good...))
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"bad version", with(func(b []byte) []byte { b[0] = 2; return b })},
		{"version 0", with(func(b []byte) []byte { b[0] = 0; return b })},
		{"bad kind", with(func(b []byte) []byte { b[1] = 'e'; return b })},
		{"truncated", good[:len(good)-1]},
		{"trailing byte", append(append([]byte(nil), good...), 0)},
		{"bad sign byte", with(func(b []byte) []byte { b[spans[5][0]] = 2; return b })},
		{"negative zero", append(append([]byte(nil), good[:spans[5][0]]...), append([]byte{1, 0, 0}, good[spans[5][1]:]...)...)},
		{"leading zero", append(append([]byte(nil), good[:2]...), append([]byte{0, 1, 0}, good[spans[0][1]:]...)...)},
		{"oversized length", append(append([]byte(nil), good[:2]...), 0xff, 0xff)},
		{"length above cap", append(append([]byte(nil), good[:2]...), append([]byte{0x02, 0x01}, make([]byte, 0x201)...)...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := new(Proof).UnmarshalBinary(tc.b)
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}
}

// A 10^6-bit value is refused before any arithmetic.
func TestHugeValueRefusedEarly(t *testing.T) {
	f := getFixture(t)
	p := zktest.Clone(t, f.proof)
	huge := make([]byte, 125000)
	huge[0] = 1
	p.Z1.SetBytes(huge)
	require.ErrorIs(t, p.Verify(zktest.Transcript(testSession, testProver, testVerifier), f.public()), zk.ErrOutOfRange)
	_, err := p.MarshalBinary()
	require.ErrorIs(t, err, zk.ErrOutOfRange)
}
