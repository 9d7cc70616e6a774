package affg

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

func TestEncodingStrict(t *testing.T) {
	f, p := shared(t)
	enc, err := p.MarshalBinary()
	require.NoError(t, err)

	aLen := int(enc[3])<<8 | int(enc[4])
	leadingZero := append([]byte{}, enc[:3]...)
	leadingZero = append(leadingZero, byte((aLen+1)>>8), byte(aLen+1), 0)
	leadingZero = append(leadingZero, enc[5:]...)

	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"version 0", append([]byte{0}, enc[1:]...)},
		{"version 2", append([]byte{2}, enc[1:]...)},
		{"wrong kind", append([]byte{EncodingVersion, 'e'}, enc[2:]...)},
		{"unknown curve", append([]byte{EncodingVersion, EncodingKind, 9}, enc[3:]...)},
		{"edwards25519 curve id", append([]byte{EncodingVersion, EncodingKind, 2}, enc[3:]...)},
		{"truncated", enc[:len(enc)-1]},
		{"truncated header", enc[:3]},
		{"trailing byte", append(bytes.Clone(enc), 0)},
		{"leading zero byte", leadingZero},
		{"length beyond MaxFieldBytes", append(bytes.Clone(enc[:3]), 0xff, 0xff)},
		{"sign byte 2", func() []byte {
			b := bytes.Clone(enc)
			b[z1Offset(t, b)] = 2
			return b
		}()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var q Proof
			require.ErrorIs(t, q.UnmarshalBinary(tc.b), zk.ErrMalformed)
			_, err := DecodeProof(f.pub, tc.b)
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}

	t.Run("missing field", func(t *testing.T) {
		q := zktest.Clone(t, p)
		q.WY = nil
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("field too long to encode", func(t *testing.T) {
		q := zktest.Clone(t, p)
		q.Z1 = zktest.PowerOfTwo(8*MaxFieldBytes, false)
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrOutOfRange)
	})
	t.Run("failed decode leaves the proof unchanged", func(t *testing.T) {
		q := zktest.Clone(t, p)
		require.Error(t, q.UnmarshalBinary(enc[:10]))
		b, err := q.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, enc, b)
	})
}
