package frost

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cloudflare/circl/sign/ed448"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Test vectors, copied unchanged into the repository's testdata (origin,
// commit and licence in testdata/SOURCES.md):
//   - rfc9591/frost-{ed25519-sha512,secp256k1-sha256}.json:
//     cfrg/draft-irtf-cfrg-frost poc/, commit 127452b9, equal to RFC 9591
//     Appendix E.
//   - rfc9591/frost-{ristretto255-sha512,ed448-shake256,p256-sha256}.json:
//     RFC 9591 Appendix E.2 to E.4, in the same JSON layout.
//   - frost-secp256k1-tr/vectors.json: ZcashFoundation/frost
//     frost-secp256k1-tr/tests/helpers/vectors.json, commit 0966bd15. Its
//     "verifying_key_key" field is the group public key.
const testdataDir = "../testdata"

type vectorFile struct {
	Config struct {
		MaxParticipants string `json:"MAX_PARTICIPANTS"`
		NumParticipants string `json:"NUM_PARTICIPANTS"`
		MinParticipants string `json:"MIN_PARTICIPANTS"`
		Name            string `json:"name"`
	} `json:"config"`
	Inputs struct {
		ParticipantList   []uint64 `json:"participant_list"`
		GroupSecretKey    string   `json:"group_secret_key"`
		GroupPublicKey    string   `json:"group_public_key"`
		VerifyingKeyKey   string   `json:"verifying_key_key"`
		Message           string   `json:"message"`
		ShareCoefficients []string `json:"share_polynomial_coefficients"`
		ParticipantShares []struct {
			Identifier uint64 `json:"identifier"`
			Share      string `json:"participant_share"`
		} `json:"participant_shares"`
	} `json:"inputs"`
	RoundOne struct {
		Outputs []struct {
			Identifier         uint64 `json:"identifier"`
			HidingRandomness   string `json:"hiding_nonce_randomness"`
			BindingRandomness  string `json:"binding_nonce_randomness"`
			HidingNonce        string `json:"hiding_nonce"`
			BindingNonce       string `json:"binding_nonce"`
			HidingCommitment   string `json:"hiding_nonce_commitment"`
			BindingCommitment  string `json:"binding_nonce_commitment"`
			BindingFactorInput string `json:"binding_factor_input"`
			BindingFactor      string `json:"binding_factor"`
		} `json:"outputs"`
	} `json:"round_one_outputs"`
	RoundTwo struct {
		Outputs []struct {
			Identifier uint64 `json:"identifier"`
			SigShare   string `json:"sig_share"`
		} `json:"outputs"`
	} `json:"round_two_outputs"`
	FinalOutput struct {
		Sig string `json:"sig"`
	} `json:"final_output"`
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

func mustID(t testing.TB, v uint64) Identifier {
	t.Helper()
	id, err := IdentifierFromUint64(v)
	require.NoError(t, err)
	return id
}

func mustAtoi(t testing.TB, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	require.NoError(t, err)
	return v
}

func loadVectors(t testing.TB, rel string) *vectorFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testdataDir, rel))
	require.NoError(t, err, "test vectors are read from the repository's testdata")
	var v vectorFile
	require.NoError(t, json.Unmarshal(raw, &v))
	return &v
}

func TestVectors(t *testing.T) {
	cases := []struct {
		file  string
		suite Ciphersuite
	}{
		{"rfc9591/frost-ed25519-sha512.json", Ed25519SHA512()},
		{"rfc9591/frost-secp256k1-sha256.json", Secp256k1SHA256()},
		{"rfc9591/frost-ristretto255-sha512.json", Ristretto255SHA512()},
		{"rfc9591/frost-ed448-shake256.json", Ed448SHAKE256()},
		{"rfc9591/frost-p256-sha256.json", P256SHA256()},
		{"frost-secp256k1-tr/vectors.json", Secp256k1TR()},
	}
	for _, tc := range cases {
		t.Run(tc.suite.Name(), func(t *testing.T) {
			runVectors(t, loadVectors(t, tc.file), tc.suite)
		})
	}
}

func runVectors(t *testing.T, v *vectorFile, suite Ciphersuite) {
	c := suite.Curve()
	maxSigners := mustAtoi(t, v.Config.MaxParticipants)
	minSigners := mustAtoi(t, v.Config.MinParticipants)
	require.Equal(t, mustAtoi(t, v.Config.NumParticipants), len(v.Inputs.ParticipantList))

	groupKeyHex := v.Inputs.GroupPublicKey
	if groupKeyHex == "" {
		groupKeyHex = v.Inputs.VerifyingKeyKey
	}
	groupKey, err := c.DecodePoint(mustHex(t, groupKeyHex), false)
	require.NoError(t, err)

	// Appendix C: the shares are f(1..MAX) for f = secret + a1·x + ...
	secret, err := c.DecodeScalar(mustHex(t, v.Inputs.GroupSecretKey))
	require.NoError(t, err)
	coeffs := []curve.Scalar{secret}
	for _, h := range v.Inputs.ShareCoefficients {
		a, err := c.DecodeScalar(mustHex(t, h))
		require.NoError(t, err)
		coeffs = append(coeffs, a)
	}
	require.Len(t, coeffs, minSigners)
	kps, pub, err := dealFromCoefficients(suite, coeffs, maxSigners)
	require.NoError(t, err)
	require.True(t, pub.GroupKey().Equal(groupKey), "group public key")
	require.Len(t, kps, len(v.Inputs.ParticipantShares))
	byID := map[Identifier]*KeyPackage{}
	for i, ps := range v.Inputs.ParticipantShares {
		kp := kps[i]
		require.Equal(t, mustID(t, ps.Identifier), kp.Identifier())
		require.Equal(t, ps.Share, hex.EncodeToString(kp.SigningShare().Bytes()), "share of %d", ps.Identifier)
		// The same key package, built the way a DKG result would be.
		share, err := c.DecodeScalar(mustHex(t, ps.Share))
		require.NoError(t, err)
		kp2, err := NewKeyPackage(suite, kp.Identifier(), share, groupKey, minSigners)
		require.NoError(t, err)
		require.True(t, kp2.VerifyingShare().Equal(kp.VerifyingShare()))
		byID[kp.Identifier()] = kp2
	}

	// Round one from the given randomness.
	msg := mustHex(t, v.Inputs.Message)
	nonces := map[Identifier]*SigningNonces{}
	var comms []*SigningCommitments
	for _, r1 := range v.RoundOne.Outputs {
		id := mustID(t, r1.Identifier)
		n, comm, err := commitWithRandomness(suite, byID[id], mustHex(t, r1.HidingRandomness), mustHex(t, r1.BindingRandomness))
		require.NoError(t, err)
		require.Equal(t, r1.HidingNonce, hex.EncodeToString(n.hiding.Bytes()), "hiding nonce of %s", id)
		require.Equal(t, r1.BindingNonce, hex.EncodeToString(n.binding.Bytes()), "binding nonce of %s", id)
		require.Equal(t, r1.HidingCommitment, hex.EncodeToString(comm.Hiding().Bytes()))
		require.Equal(t, r1.BindingCommitment, hex.EncodeToString(comm.Binding().Bytes()))
		// The commitments survive the wire.
		dec, err := DecodeSigningCommitments(suite, comm.Bytes())
		require.NoError(t, err)
		require.True(t, dec.Equal(comm))
		nonces[id] = n
		comms = append(comms, dec)
	}
	pkg, err := NewSigningPackage(suite, comms, msg)
	require.NoError(t, err)
	pkg2, err := DecodeSigningPackage(suite, pkg.Bytes())
	require.NoError(t, err)
	require.Equal(t, pkg.Bytes(), pkg2.Bytes())

	// Binding factors (section 4.4).
	sc, err := newSigningContext(suite, pkg2, pub.key)
	require.NoError(t, err)
	for i, r1 := range v.RoundOne.Outputs {
		require.Equal(t, mustID(t, r1.Identifier), pkg2.commitments[i].id)
		require.Equal(t, r1.BindingFactorInput, hex.EncodeToString(sc.bindingFactorInput(i)))
		require.Equal(t, r1.BindingFactor, hex.EncodeToString(sc.rho[i].Bytes()))
		require.Equal(t, r1.BindingFactor, hex.EncodeToString(suite.H1(sc.bindingFactorInput(i)).Bytes()))
	}

	// Round two.
	shares := map[Identifier]*SignatureShare{}
	for _, r2 := range v.RoundTwo.Outputs {
		id := mustID(t, r2.Identifier)
		share, err := Sign(suite, pkg2, nonces[id], byID[id])
		require.NoError(t, err)
		require.Equal(t, r2.SigShare, hex.EncodeToString(share.Share().Bytes()), "share of %s", id)
		dec, err := DecodeSignatureShare(suite, share.Bytes())
		require.NoError(t, err)
		require.NoError(t, VerifySignatureShare(suite, pkg2, dec, pub))
		shares[id] = dec
	}

	// Aggregation and verification.
	sig, err := Aggregate(suite, pkg2, shares, pub)
	require.NoError(t, err)
	require.Equal(t, v.FinalOutput.Sig, hex.EncodeToString(sig))
	require.NoError(t, Verify(suite, groupKey, msg, sig))
	if suite == Ed448SHAKE256() {
		// RFC 9591 section 6.3: the output is an RFC 8032 Ed448 signature
		// (empty context), checked here with circl's verifier.
		require.True(t, ed448.Verify(ed448.PublicKey(groupKey.Bytes()), msg, sig, ""))
	}
}
