package frost

import (
	"crypto/ed25519"
	"fmt"
	"testing"

	"github.com/cloudflare/circl/sign/ed448"
	"github.com/stretchr/testify/require"
)

func TestSignThresholds(t *testing.T) {
	thresholds := []struct{ t, n int }{{1, 1}, {2, 3}, {3, 5}, {7, 10}}
	for _, suite := range allSuites {
		for _, th := range thresholds {
			t.Run(fmt.Sprintf("%s/%d-of-%d", suite, th.t, th.n), func(t *testing.T) {
				kps, pub, err := TrustedDealerKeygen(suite, nil, th.n, th.t, nil)
				require.NoError(t, err)
				require.Len(t, kps, th.n)
				msg := []byte(fmt.Sprintf("message for %d-of-%d", th.t, th.n))

				// Exactly t signers, and (when different) all n.
				for _, k := range []int{th.t, th.n} {
					run := runRounds(t, suite, pickSigners(t, kps, k), msg)
					sig, err := Aggregate(suite, run.pkg, run.shares, pub)
					require.NoError(t, err)
					require.Len(t, sig, suite.SignatureSize())
					require.NoError(t, Verify(suite, pub.GroupKey(), msg, sig))
					if suite == Ed25519SHA512() {
						require.True(t, ed25519.Verify(ed25519.PublicKey(pub.GroupKey().Bytes()), msg, sig),
							"crypto/ed25519 must accept FROST(Ed25519, SHA-512) output")
					}
					if suite == Ed448SHAKE256() {
						require.True(t, ed448.Verify(ed448.PublicKey(pub.GroupKey().Bytes()), msg, sig, ""),
							"an RFC 8032 Ed448 verifier must accept FROST(Ed448, SHAKE256) output")
					}
					for _, s := range run.shares {
						require.NoError(t, VerifySignatureShare(suite, run.pkg, s, pub))
					}

					// Tampered signature, message and key are rejected.
					for i := range sig {
						bad := append([]byte{}, sig...)
						bad[i] ^= 0x01
						require.Error(t, Verify(suite, pub.GroupKey(), msg, bad), "byte %d flipped", i)
					}
					require.ErrorIs(t, Verify(suite, pub.GroupKey(), append(msg, 0), sig), ErrInvalidSignature)
					other := suite.Curve().ScalarBaseMult(suite.Curve().ScalarFromUint64(7))
					require.ErrorIs(t, Verify(suite, other, msg, sig), ErrInvalidSignature)
					require.ErrorIs(t, Verify(suite, pub.GroupKey(), msg, sig[:len(sig)-1]), ErrInvalidSignature)
				}

				// Fewer than t signers: every signer refuses.
				if th.t > 1 {
					signers := pickSigners(t, kps, th.t-1)
					comms := make([]*SigningCommitments, len(signers))
					nonces := make([]*SigningNonces, len(signers))
					for i, kp := range signers {
						nonces[i], comms[i], err = Commit(suite, kp, nil)
						require.NoError(t, err)
					}
					pkg, err := NewSigningPackage(suite, comms, msg)
					require.NoError(t, err)
					_, err = Sign(suite, pkg, nonces[0], signers[0])
					require.ErrorIs(t, err, ErrNotEnoughSigners)
				}
			})
		}
	}
}

func TestTamperedShareAttributed(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			kps, pub, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(t, err)
			msg := []byte("attribute me")
			run := runRounds(t, suite, kps[:4], msg)

			// One cheater.
			id3 := kps[2].Identifier()
			good := run.shares[id3]
			run.shares[id3] = tamper(t, good)
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			var ce *CheatersError
			require.ErrorAs(t, err, &ce)
			require.Equal(t, []Identifier{id3}, ce.Identifiers)
			require.ErrorIs(t, err, ErrInvalidSignatureShare)
			require.ErrorAs(t, VerifySignatureShare(suite, run.pkg, run.shares[id3], pub), &ce)
			require.Equal(t, []Identifier{id3}, ce.Identifiers)

			// Two cheaters: both are named, not only the first.
			id1 := kps[0].Identifier()
			good1 := run.shares[id1]
			run.shares[id1] = tamper(t, good1)
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			require.ErrorAs(t, err, &ce)
			require.Equal(t, []Identifier{id1, id3}, ce.Identifiers)

			// A share filed under another signer is blamed on the slot.
			run.shares[id3] = good
			run.shares[id1] = good
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			require.ErrorAs(t, err, &ce)
			require.Equal(t, []Identifier{id1}, ce.Identifiers)

			// With the honest shares back, aggregation succeeds.
			run.shares[id1] = good1
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			require.NoError(t, err)

			// The same package under another group key (the package
			// remembers derived values per key): no valid signature.
			_, otherPub, err := TrustedDealerKeygen(suite, nil, 5, 3, nil)
			require.NoError(t, err)
			_, err = Aggregate(suite, run.pkg, run.shares, otherPub)
			require.ErrorAs(t, err, &ce)
			require.Len(t, ce.Identifiers, 4)
			sig, err := Aggregate(suite, run.pkg, run.shares, pub)
			require.NoError(t, err)
			require.NoError(t, Verify(suite, pub.GroupKey(), msg, sig))
			require.Error(t, Verify(suite, otherPub.GroupKey(), msg, sig))

			// A missing share, an extra share.
			delete(run.shares, id1)
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			require.ErrorIs(t, err, ErrMissingShare)
			run.shares[id1] = good1
			run.shares[kps[4].Identifier()] = good
			_, err = Aggregate(suite, run.pkg, run.shares, pub)
			require.ErrorIs(t, err, ErrUnknownIdentifier)
		})
	}
}

func TestSuiteMismatch(t *testing.T) {
	kps, pub, err := TrustedDealerKeygen(Secp256k1SHA256(), nil, 3, 2, nil)
	require.NoError(t, err)
	_, _, err = Commit(Secp256k1TR(), kps[0], nil)
	require.ErrorIs(t, err, ErrSuiteMismatch)
	run := runRounds(t, Secp256k1SHA256(), kps[:2], []byte("m"))
	_, err = Aggregate(Secp256k1TR(), run.pkg, run.shares, pub)
	require.ErrorIs(t, err, ErrSuiteMismatch)
	_, err = Aggregate(Ciphersuite{}, run.pkg, run.shares, pub)
	require.ErrorIs(t, err, ErrInvalidSuite)
	_, err = Sign(Ciphersuite{}, run.pkg, nil, kps[0])
	require.ErrorIs(t, err, ErrInvalidSuite)
}

func TestDealerParameters(t *testing.T) {
	for _, p := range []struct{ n, t int }{{0, 0}, {3, 0}, {2, 3}, {MaxSigners + 1, 2}} {
		_, _, err := TrustedDealerKeygen(Ed25519SHA512(), nil, p.n, p.t, nil)
		require.ErrorIs(t, err, ErrInvalidParameters, "%d-of-%d", p.t, p.n)
	}
	c := Ed25519SHA512().Curve()
	_, _, err := TrustedDealerKeygen(Ed25519SHA512(), c.NewScalar(), 3, 2, nil)
	require.ErrorIs(t, err, ErrInvalidKey)
	_, _, err = TrustedDealerKeygen(Ed25519SHA512(), Secp256k1SHA256().Curve().ScalarFromUint64(5), 3, 2, nil)
	require.ErrorIs(t, err, ErrSuiteMismatch)

	// A given secret is the group secret.
	secret := c.ScalarFromUint64(12345)
	kps, pub, err := TrustedDealerKeygen(Ed25519SHA512(), secret, 4, 3, nil)
	require.NoError(t, err)
	require.True(t, pub.GroupKey().Equal(c.ScalarBaseMult(secret)))
	require.Equal(t, 3, kps[0].MinSigners())
	require.Equal(t, []Identifier{mustID(t, 1), mustID(t, 2), mustID(t, 3), mustID(t, 4)}, pub.Identifiers())
	for _, kp := range kps {
		vs, ok := pub.VerifyingShare(kp.Identifier())
		require.True(t, ok)
		require.True(t, vs.Equal(kp.VerifyingShare()))
	}
}
