package frost

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Fuzz targets for every decoder of peer input (SECURITY.md rule 9): no
// input panics, and whatever decodes re-encodes to the same bytes, so each
// value has exactly one accepted encoding.

func fuzzSuite(s uint8) Ciphersuite { return allSuites[int(s)%len(allSuites)] }

// fuzzSeeds returns, per suite, a valid commitment, share, package and
// signature encoding to start from.
func fuzzSeeds(f *testing.F) [][4][]byte {
	f.Helper()
	var out [][4][]byte
	for _, suite := range allSuites {
		kps, pub, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
		require.NoError(f, err)
		run := runRounds(f, suite, kps[:2], []byte("fuzz seed"))
		sig, err := Aggregate(suite, run.pkg, run.shares, pub)
		require.NoError(f, err)
		out = append(out, [4][]byte{
			run.pkg.commitments[0].Bytes(),
			run.shares[kps[0].Identifier()].Bytes(),
			run.pkg.Bytes(),
			sig,
		})
	}
	return out
}

func FuzzDecodeIdentifier(f *testing.F) {
	for i, suite := range allSuites {
		f.Add(mustID(f, 1).Bytes(suite), uint8(i))
		f.Add(make([]byte, 32), uint8(i))
	}
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		suite := fuzzSuite(s)
		id, err := DecodeIdentifier(suite, b)
		if err != nil {
			return
		}
		require.False(t, id.IsZero())
		require.Equal(t, b, id.Bytes(suite))
	})
}

func FuzzDecodeSigningCommitments(f *testing.F) {
	for i, seed := range fuzzSeeds(f) {
		f.Add(seed[0], uint8(i))
	}
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		suite := fuzzSuite(s)
		sc, err := DecodeSigningCommitments(suite, b)
		if err != nil {
			return
		}
		require.Equal(t, b, sc.Bytes())
		// The canonical encoding recomputed from the decoded values.
		again, err := NewSigningCommitments(suite, sc.Identifier(), sc.Hiding(), sc.Binding())
		require.NoError(t, err)
		require.Equal(t, b, again.Bytes())
	})
}

func FuzzDecodeSignatureShare(f *testing.F) {
	for i, seed := range fuzzSeeds(f) {
		f.Add(seed[1], uint8(i))
	}
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		suite := fuzzSuite(s)
		sh, err := DecodeSignatureShare(suite, b)
		if err != nil {
			return
		}
		require.Equal(t, b, sh.Bytes())
	})
}

func FuzzDecodeSigningPackage(f *testing.F) {
	for i, seed := range fuzzSeeds(f) {
		f.Add(seed[2], uint8(i))
	}
	f.Fuzz(func(t *testing.T, b []byte, s uint8) {
		suite := fuzzSuite(s)
		pkg, err := DecodeSigningPackage(suite, b)
		if err != nil {
			return
		}
		require.Equal(t, b, pkg.Bytes())
		ids := pkg.Identifiers()
		for i := 1; i < len(ids); i++ {
			require.Negative(t, ids[i-1].Compare(ids[i]))
		}
	})
}

func FuzzVerify(f *testing.F) {
	type keyed struct {
		suite Ciphersuite
		pub   *PublicKeyPackage
	}
	var keys []keyed
	for _, suite := range allSuites {
		_, pub, err := TrustedDealerKeygen(suite, nil, 1, 1, nil)
		require.NoError(f, err)
		keys = append(keys, keyed{suite, pub})
	}
	for i, seed := range fuzzSeeds(f) {
		f.Add(seed[3], []byte("fuzz seed"), uint8(i))
	}
	f.Fuzz(func(t *testing.T, sig, msg []byte, s uint8) {
		k := keys[int(s)%len(keys)]
		// Signatures under a fresh random key never verify; the point is
		// that no signature bytes make Verify panic.
		require.Error(t, Verify(k.suite, k.pub.GroupKey(), msg, sig))
	})
}
