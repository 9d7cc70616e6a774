package frost

import (
	"testing"

	"github.com/cloudflare/circl/sign/ed448"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// TestPrimeOrderSuitesWithDKGKeys runs package dkg on the curves of the
// ristretto255, Ed448 and P-256 suites and signs with the resulting shares
// through the FROST machine: dkg is curve-generic, so its key shares feed
// every suite. Ed448 signatures are also checked with an RFC 8032 verifier.
func TestPrimeOrderSuitesWithDKGKeys(t *testing.T) {
	for _, suite := range []Ciphersuite{Ristretto255SHA512(), Ed448SHAKE256(), P256SHA256()} {
		t.Run(suite.Name(), func(t *testing.T) {
			shares := dkgShares(t, suite.Curve(), 2, 3)
			signers := []transport.PartyID{3, 1}
			msg := []byte("threshold message " + t.Name())
			out, errs := p2pSign(t, suite, shares, signers, msg, nil, nil)
			require.Empty(t, errs)
			sig := out[1]
			require.Equal(t, sig, out[3])
			require.Len(t, sig, suite.SignatureSize())
			group := shares[1].GroupKey
			require.NoError(t, Verify(suite, group, msg, sig))
			if suite == Ed448SHAKE256() {
				require.True(t, ed448.Verify(ed448.PublicKey(group.Bytes()), msg, sig, ""))
			}
			bad := append([]byte{}, sig...)
			bad[0] ^= 1
			require.Error(t, Verify(suite, group, msg, bad))
		})
	}
}

// TestWideIdentifiers: an Ed448 identifier may use all 57 bytes of the
// scalar encoding (RFC 9591's NonZeroScalar); it round-trips there, is
// refused by the 32-byte suites rather than truncated, and identifiers
// that fit in 32 bytes keep their 32-byte transcript form, so session ids
// of the older suites do not change.
func TestWideIdentifiers(t *testing.T) {
	ed448Suite := Ed448SHAKE256()
	c := ed448Suite.Curve()
	big := c.ScalarFromUint64(1).Negate() // q - 1, above 2^445
	id, err := IdentifierFromScalar(big)
	require.NoError(t, err)
	require.Equal(t, big.Bytes(), id.Bytes(ed448Suite))
	back, err := DecodeIdentifier(ed448Suite, big.Bytes())
	require.NoError(t, err)
	require.Equal(t, id, back)
	require.Len(t, id.transcriptBytes(), idSize)
	require.Equal(t, 1, id.Compare(mustID(t, 1<<62)))
	for _, suite := range []Ciphersuite{Ed25519SHA512(), Ristretto255SHA512(), P256SHA256(), Secp256k1SHA256()} {
		_, err := id.Scalar(suite.Curve())
		require.ErrorIs(t, err, ErrInvalidIdentifier, suite.Name())
	}
	small := mustID(t, 7)
	require.Len(t, small.transcriptBytes(), 32)
	require.Len(t, small.Bytes(ed448Suite), 57)
	require.Equal(t, byte(7), small.Bytes(ed448Suite)[0])
	require.Equal(t, byte(7), small.Bytes(P256SHA256())[31])
}
