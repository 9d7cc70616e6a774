package mod

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
	proof, err := NewProof(zktest.Transcript("s", 1, 2), pub, priv, zktest.Seeded("fuzz"))
	require.NoError(f, err)
	valid, err := proof.MarshalBinary()
	require.NoError(f, err)
	f.Add(valid)
	f.Add(valid[:headerSize])
	f.Add(valid[:len(valid)-1])
	f.Add(append(bytes.Clone(valid), 0))
	f.Add([]byte{})
	f.Add([]byte{encodingVersion, 0, 1, 0, 128})
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
		err = p.Verify(zktest.Transcript("s", 1, 2), pub)
		if err == nil && !bytes.Equal(b, valid) {
			// Another valid encoding exists only through the documented
			// malleability x_i ↦ N − x_i.
			requireOnlyNegatedRoots(t, pub, valid, b)
		}
	})
}

// requireOnlyNegatedRoots checks that two valid proofs differ only by
// replacing some x_i with N − x_i.
func requireOnlyNegatedRoots(t *testing.T, pub Public, a, b []byte) {
	pa, err := DecodeProof(a)
	require.NoError(t, err)
	pb, err := DecodeProof(b)
	require.NoError(t, err)
	require.Equal(t, 1, int(pa.w.Eq(pb.w)))
	n := pub.N.Nat()
	for i := range pa.reps {
		ra, rb := pa.reps[i], pb.reps[i]
		require.Equal(t, ra.a, rb.a)
		require.Equal(t, ra.b, rb.b)
		require.Equal(t, 1, int(ra.z.Eq(rb.z)))
		if ra.x.Eq(rb.x) == 0 {
			sum := ra.x.Clone().Add(ra.x, rb.x, n.AnnouncedLen()+1)
			require.Equal(t, 1, int(sum.Eq(n)), "repetition %d", i)
		}
	}
}
