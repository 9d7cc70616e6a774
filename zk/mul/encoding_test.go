package mul

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
	aLen := int(enc[2])<<8 | int(enc[3])
	leadingZero := append([]byte{}, enc[:2]...)
	leadingZero = append(leadingZero, byte((aLen+1)>>8), byte(aLen+1), 0)
	leadingZero = append(leadingZero, enc[4:]...)
	badSign := bytes.Clone(enc)
	badSign[zOffset(t, enc)] = 0xff
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"version 0", append([]byte{0}, enc[1:]...)},
		{"wrong kind", append([]byte{EncodingVersion, 'l'}, enc[2:]...)},
		{"truncated", enc[:len(enc)-1]},
		{"trailing byte", append(bytes.Clone(enc), 1)},
		{"leading zero byte", leadingZero},
		{"length beyond MaxFieldBytes", append(bytes.Clone(enc[:2]), 0x04, 0x01)},
		{"sign byte 0xff", badSign},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var q Proof
			require.ErrorIs(t, q.UnmarshalBinary(tc.b), zk.ErrMalformed)
			_, err := DecodeProof(f.pub, tc.b)
			require.ErrorIs(t, err, zk.ErrMalformed)
		})
	}
	t.Run("missing field", func(t *testing.T) {
		q := zktest.Clone(t, p)
		q.V = nil
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("field too long to encode", func(t *testing.T) {
		q := zktest.Clone(t, p)
		q.Z = zktest.PowerOfTwo(8*MaxFieldBytes, false)
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrOutOfRange)
	})
}
