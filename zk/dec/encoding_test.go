package dec

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
	sLen := int(enc[3])<<8 | int(enc[4])
	leadingZero := append([]byte{}, enc[:3]...)
	leadingZero = append(leadingZero, byte((sLen+1)>>8), byte(sLen+1), 0)
	leadingZero = append(leadingZero, enc[5:]...)
	_, z1At := offsets(t, enc)
	badSign := bytes.Clone(enc)
	badSign[z1At] = 3
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"version 2", append([]byte{2}, enc[1:]...)},
		{"wrong kind", append([]byte{EncodingVersion, 'm'}, enc[2:]...)},
		{"unknown curve", append([]byte{EncodingVersion, EncodingKind, 0}, enc[3:]...)},
		{"truncated", enc[:len(enc)-1]},
		{"trailing byte", append(bytes.Clone(enc), 0)},
		{"leading zero byte", leadingZero},
		{"length beyond MaxFieldBytes", append(bytes.Clone(enc[:3]), 0x04, 0x01)},
		{"sign byte 3", badSign},
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
		q.Gamma = nil
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrMalformed)
	})
	t.Run("field too long to encode", func(t *testing.T) {
		q := zktest.Clone(t, p)
		q.Z1 = zktest.PowerOfTwo(8*MaxFieldBytes, false)
		_, err := q.MarshalBinary()
		require.ErrorIs(t, err, zk.ErrOutOfRange)
	})
}
