package enc

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk"
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
	spans, _ := fieldSpans(t, good)
	with := func(mut func(b []byte) []byte) []byte {
		return mut(append([]byte(nil), good...))
	}
	splice := func(at, end int, repl ...byte) []byte {
		out := append([]byte(nil), good[:at]...)
		out = append(out, repl...)
		return append(out, good[end:]...)
	}
	cases := []struct {
		name string
		b    []byte
	}{
		{"bad version", with(func(b []byte) []byte { b[0] = 2; return b })},
		{"bad kind", with(func(b []byte) []byte { b[1] = 'f'; return b })},
		{"truncated", good[:len(good)-1]},
		{"trailing byte", append(append([]byte(nil), good...), 0)},
		{"bad sign byte", with(func(b []byte) []byte { b[spans[3][0]] = 2; return b })},
		{"negative zero", splice(spans[3][0], spans[3][1], 1, 0, 0)},
		{"leading zero", splice(2, spans[0][1], 0, 1, 0)},
		{"oversized length", splice(2, len(good), 0xff, 0xff)},
		{"z1 above cap", splice(spans[3][0], spans[3][1], append([]byte{0, 0, 0x62, 1}, make([]byte, 0x61)...)...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.ErrorIs(t, new(Proof).UnmarshalBinary(tc.b), zk.ErrMalformed)
		})
	}
}
