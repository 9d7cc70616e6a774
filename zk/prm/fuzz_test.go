package prm

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// fuzzSeeds adds the seed corpus. The valid proof is made with a fixed
// randomness stream, so every fuzzing worker process builds the same one.
func fuzzSeeds(f *testing.F) (Public, []byte) {
	pub, priv := testKey(f, 0)
	proof, err := NewProof(zktest.Transcript("s", 1, 0), pub, priv, zktest.Seeded("fuzz"))
	require.NoError(f, err)
	valid, err := proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(valid)
	f.Add(valid[:headerSize])
	f.Add(valid[:len(valid)-1])
	f.Add(append(bytes.Clone(valid), 0))
	f.Add([]byte{})
	f.Add([]byte{encodingVersion, 0, 128, 0, 128})
	return pub, valid
}

// FuzzDecodeProof: decoding never panics and a decoded proof re-encodes to
// the same bytes (the encoding is canonical).
func FuzzDecodeProof(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeProof(b)
		if err != nil {
			require.Nil(t, p)
			return
		}
		again, err := p.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, again)
	})
}

// FuzzVerify: verifying whatever decodes never panics, and only the
// untouched proof verifies. (Slower per input than FuzzDecodeProof: most
// inputs reach the exponentiations.)
func FuzzVerify(f *testing.F) {
	pub, valid := fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodeProof(b)
		if err != nil {
			return
		}
		if p.Verify(zktest.Transcript("s", 1, 0), pub) == nil {
			require.Equal(t, valid, b)
		}
	})
}
