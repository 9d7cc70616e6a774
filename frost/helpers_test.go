package frost

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

var allSuites = []Ciphersuite{Ed25519SHA512(), Secp256k1SHA256(), Secp256k1TR(), Ristretto255SHA512(), Ed448SHAKE256(), P256SHA256()}

// signingRun is one execution of both rounds by the chosen signers.
type signingRun struct {
	pkg    *SigningPackage
	shares map[Identifier]*SignatureShare
}

// runRounds runs round one and round two for the signers, all in process,
// and returns the package and shares ready for Aggregate.
func runRounds(t testing.TB, suite Ciphersuite, signers []*KeyPackage, msg []byte) *signingRun {
	t.Helper()
	nonces := make([]*SigningNonces, len(signers))
	comms := make([]*SigningCommitments, len(signers))
	for i, kp := range signers {
		n, c, err := Commit(suite, kp, nil)
		require.NoError(t, err)
		nonces[i], comms[i] = n, c
	}
	pkg, err := NewSigningPackage(suite, comms, msg)
	require.NoError(t, err)
	shares := make(map[Identifier]*SignatureShare, len(signers))
	for i, kp := range signers {
		s, err := Sign(suite, pkg, nonces[i], kp)
		require.NoError(t, err)
		shares[kp.Identifier()] = s
	}
	return &signingRun{pkg: pkg, shares: shares}
}

// pickSigners returns k of the key packages, chosen at random, in random
// order.
func pickSigners(t testing.TB, kps []*KeyPackage, k int) []*KeyPackage {
	t.Helper()
	idx := make([]int, len(kps))
	for i := range idx {
		idx[i] = i
	}
	var b [1]byte
	for i := len(idx) - 1; i > 0; i-- {
		_, err := rand.Read(b[:])
		require.NoError(t, err)
		j := int(b[0]) % (i + 1)
		idx[i], idx[j] = idx[j], idx[i]
	}
	out := make([]*KeyPackage, k)
	for i := range out {
		out[i] = kps[idx[i]]
	}
	return out
}

// tamper returns a share for the same signer with z+1.
func tamper(t testing.TB, s *SignatureShare) *SignatureShare {
	t.Helper()
	c := s.suite.Curve()
	bad, err := NewSignatureShare(s.suite, s.id, s.z.Add(c.ScalarFromUint64(1)))
	require.NoError(t, err)
	return bad
}
