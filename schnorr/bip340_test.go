package schnorr

import (
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/stretchr/testify/require"
)

// bip340Vectors is the BIP's official test-vector file (bitcoin/bips,
// bip-0340/test-vectors.csv, commit 7fe0b034), copied unchanged into the
// repository's testdata (provenance and licence in testdata/SOURCES.md).
const bip340Vectors = "../testdata/bip340/test-vectors.csv"

type bip340Vector struct {
	index, secretKey, publicKey, auxRand, message, signature, comment string
	valid                                                             bool
}

func loadBIP340Vectors(t testing.TB) []bip340Vector {
	t.Helper()
	f, err := os.Open(bip340Vectors)
	require.NoError(t, err, "BIP-340 vectors must be present in testdata/bip340")
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"index", "secret key", "public key", "aux_rand", "message", "signature", "verification result", "comment"}, rows[0])
	var out []bip340Vector
	for _, r := range rows[1:] {
		require.Len(t, r, 8)
		require.Contains(t, []string{"TRUE", "FALSE"}, r[6], "row %s", r[0])
		out = append(out, bip340Vector{r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[6] == "TRUE"})
	}
	// The file at the pinned commit has 19 rows (0-18); fail loudly if it
	// is ever truncated rather than silently checking fewer.
	require.Len(t, out, 19)
	return out
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// TestBIP340Vectors checks every row of the BIP's file: rows with a secret
// key are signed and must give the exact signature and public key; every row
// is verified and must give the listed result.
func TestBIP340Vectors(t *testing.T) {
	signed, verified := 0, 0
	for _, v := range loadBIP340Vectors(t) {
		t.Run(v.index+"_"+strings.ReplaceAll(v.comment, " ", "_"), func(t *testing.T) {
			pub := unhex(t, v.publicKey)
			msg := unhex(t, v.message)
			sig := unhex(t, v.signature)
			if v.secretKey != "" {
				sk, err := curve.Secp256k1().DecodeScalar(unhex(t, v.secretKey))
				require.NoError(t, err)
				gotPub, err := PublicKey(sk)
				require.NoError(t, err)
				require.Equal(t, pub, gotPub)
				gotSig, err := Sign(sk, msg, unhex(t, v.auxRand))
				require.NoError(t, err)
				require.Equal(t, sig, gotSig)
				signed++
			}
			err := Verify(pub, msg, sig)
			if v.valid {
				require.NoError(t, err)
			} else if strings.HasPrefix(v.comment, "public key") {
				require.ErrorIs(t, err, ErrInvalidPublicKey)
			} else {
				require.ErrorIs(t, err, ErrInvalidSignature)
			}
			verified++
		})
	}
	require.Equal(t, 19, verified)
	require.Equal(t, 8, signed) // rows 0-3 and 15-18 carry a secret key
}

// TestBIP340Checks exercises each verification check of the BIP by name.
func TestBIP340Checks(t *testing.T) {
	reasons := map[string]string{
		"5":  "lift_x",
		"6":  "odd y",
		"9":  "infinity",
		"10": "infinity",
		"11": "x(R) != r",
		"12": "r >= p",
		"13": "s >= n",
		"14": "lift_x",
	}
	for _, v := range loadBIP340Vectors(t) {
		want, ok := reasons[v.index]
		if !ok {
			continue
		}
		err := Verify(unhex(t, v.publicKey), unhex(t, v.message), unhex(t, v.signature))
		require.ErrorContains(t, err, want, "row %s", v.index)
	}
}

func TestBIP340SignVerifyRandom(t *testing.T) {
	c := curve.Secp256k1()
	for i := 0; i < 20; i++ {
		sk, err := c.RandomScalar(rand.Reader)
		require.NoError(t, err)
		aux := make([]byte, 32)
		_, err = rand.Read(aux)
		require.NoError(t, err)
		msg := make([]byte, i*7)
		_, err = rand.Read(msg)
		require.NoError(t, err)
		sig, err := Sign(sk, msg, aux)
		require.NoError(t, err)
		pub, err := PublicKey(sk)
		require.NoError(t, err)
		require.NoError(t, Verify(pub, msg, sig))
		// the negated key has the same x-only key and signs alike
		sig2, err := Sign(sk.Negate(), msg, aux)
		require.NoError(t, err)
		require.Equal(t, sig, sig2)
		// Challenge agrees with what Verify computes
		R, err := curve.LiftX(sig[:32])
		require.NoError(t, err)
		P, err := curve.LiftX(pub)
		require.NoError(t, err)
		e, err := Challenge(R, P, msg)
		require.NoError(t, err)
		s, err := c.DecodeScalar(sig[32:])
		require.NoError(t, err)
		require.True(t, c.ScalarBaseMult(s).Equal(R.Add(P.ScalarMult(e))))
		// flipping any bit breaks the signature
		for _, pos := range []int{0, 31, 32, 63} {
			bad := append([]byte(nil), sig...)
			bad[pos] ^= 1
			require.Error(t, Verify(pub, msg, bad), "bit flip at %d", pos)
		}
		if len(msg) > 0 {
			bad := append([]byte(nil), msg...)
			bad[0] ^= 1
			require.ErrorIs(t, Verify(pub, bad, sig), ErrInvalidSignature)
		}
	}
}

func TestBIP340Rejects(t *testing.T) {
	c := curve.Secp256k1()
	sk := c.ScalarFromUint64(3)
	aux := make([]byte, 32)
	sig, err := Sign(sk, []byte("m"), aux)
	require.NoError(t, err)
	pub, err := PublicKey(sk)
	require.NoError(t, err)

	_, err = Sign(c.NewScalar(), nil, aux)
	require.ErrorIs(t, err, ErrInvalidSecretKey)
	_, err = Sign(nil, nil, aux)
	require.ErrorIs(t, err, ErrInvalidSecretKey)
	_, err = Sign(curve.Edwards25519().ScalarFromUint64(3), nil, aux)
	require.ErrorIs(t, err, ErrInvalidSecretKey)
	_, err = Sign(sk, nil, aux[:31])
	require.ErrorIs(t, err, ErrInvalidAuxRand)
	_, err = Sign(sk, nil, nil)
	require.ErrorIs(t, err, ErrInvalidAuxRand)
	_, err = PublicKey(c.NewScalar())
	require.ErrorIs(t, err, ErrInvalidSecretKey)

	require.ErrorIs(t, Verify(pub[:31], []byte("m"), sig), ErrInvalidPublicKey)
	require.ErrorIs(t, Verify(append(pub, 0), []byte("m"), sig), ErrInvalidPublicKey)
	require.ErrorIs(t, Verify(pub, []byte("m"), sig[:63]), ErrInvalidSignature)
	require.ErrorIs(t, Verify(pub, []byte("m"), append(sig, 0)), ErrInvalidSignature)
	require.ErrorIs(t, Verify(nil, nil, nil), ErrInvalidPublicKey)

	_, err = Challenge(c.Identity(), c.Generator(), nil)
	require.ErrorIs(t, err, curve.ErrIdentity)
	_, err = Challenge(c.Generator(), curve.Edwards25519().Generator(), nil)
	require.ErrorIs(t, err, ErrInvalidPublicKey)
}
