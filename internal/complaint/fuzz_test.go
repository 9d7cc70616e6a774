package complaint

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Both decoders read peers' bytes (SECURITY.md rule 9): they must refuse
// with ErrMalformed or round-trip exactly, and never panic.

func FuzzDecodeList(f *testing.F) {
	accusable := ids(1, 2, 5)
	f.Add(EncodeList(ids(1, 5)), uint32(2))
	f.Add(EncodeList(nil), uint32(1))
	f.Add([]byte{0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 5}, uint32(9))
	f.Fuzz(func(t *testing.T, data []byte, sender uint32) {
		got, err := DecodeList(data, accusable, transport.PartyID(sender))
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		require.Equal(t, data, EncodeList(got))
		require.NotContains(t, got, transport.PartyID(sender))
	})
}

func FuzzDecodeReveal(f *testing.F) {
	curves := []curve.Curve{curve.Secp256k1(), curve.Edwards25519()}
	f.Add(EncodeReveal(ids(2), func(transport.PartyID) []byte { return make([]byte, 32) }), uint8(1))
	f.Add(EncodeReveal(ids(1, 2), func(transport.PartyID) []byte { return make([]byte, 32) }), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, accuserBits uint8) {
		var accusers []transport.PartyID
		for i := range 8 {
			if accuserBits&(1<<i) != 0 {
				accusers = append(accusers, transport.PartyID(i+1))
			}
		}
		for _, c := range curves {
			got, err := DecodeReveal(c, data, accusers)
			if err != nil {
				require.ErrorIs(t, err, ErrMalformed)
				continue
			}
			again := EncodeReveal(accusers, func(a transport.PartyID) []byte { return got[a].Bytes() })
			require.True(t, bytes.Equal(data, again), "%x re-encodes as %x", data, again)
		}
	})
}
