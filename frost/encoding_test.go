package frost

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeSigningPackageMalformed(t *testing.T) {
	for _, suite := range allSuites {
		t.Run(suite.Name(), func(t *testing.T) {
			kps, _, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
			require.NoError(t, err)
			run := runRounds(t, suite, kps[:2], []byte("message"))
			good := run.pkg.Bytes()
			pkg, err := DecodeSigningPackage(suite, good)
			require.NoError(t, err)
			require.Equal(t, []byte("message"), pkg.Message())
			require.Equal(t, 2, pkg.Len())

			zeroCount := append([]byte{0, 0}, good[2:]...)
			tooMany := binary.BigEndian.AppendUint16(nil, MaxSigners+1)
			tooMany = append(tooMany, good[2:]...)
			wrongCount := append([]byte{0, 3}, good[2:]...)
			longMsg := append([]byte{}, good...)
			longMsg = append(longMsg, 'x')
			cases := map[string][]byte{
				"empty":           nil,
				"one byte":        {0},
				"zero count":      zeroCount,
				"too many":        tooMany,
				"count too large": wrongCount,
				"truncated":       good[:len(good)-1],
				"trailing byte":   longMsg,
				"no length":       good[:len(good)-len("message")-4],
			}
			for name, b := range cases {
				_, err := DecodeSigningPackage(suite, b)
				require.ErrorIs(t, err, ErrInvalidEncoding, name)
			}
			// Another suite's encoding of another size is refused. Two
			// groups with elements of one size (secp256k1 and P-256:
			// 33-byte SEC1; Ed25519 and ristretto255: 32 bytes) can share
			// encodings by chance, and a signing package names no suite:
			// what binds the suite is the session and its context.
			for _, other := range allSuites {
				if other.Curve().PointSize() != suite.Curve().PointSize() {
					_, err := DecodeSigningPackage(other, good)
					require.Error(t, err, "decoded as %s", other.Name())
				}
			}
		})
	}
}

func TestSignatureShareEncoding(t *testing.T) {
	for _, suite := range allSuites {
		kps, _, err := TrustedDealerKeygen(suite, nil, 3, 2, nil)
		require.NoError(t, err)
		run := runRounds(t, suite, kps[:2], []byte("m"))
		for id, s := range run.shares {
			dec, err := DecodeSignatureShare(suite, s.Bytes())
			require.NoError(t, err)
			require.Equal(t, id, dec.Identifier())
			require.True(t, dec.Share().Equal(s.Share()))
			_, err = DecodeSignatureShare(suite, s.Bytes()[1:])
			require.ErrorIs(t, err, ErrInvalidEncoding)
		}
	}
}

func TestIdentifierString(t *testing.T) {
	require.Equal(t, "42", mustID(t, 42).String())
	s := Secp256k1SHA256().Curve().ScalarFromUint64(1).Negate()
	id, err := IdentifierFromScalar(s)
	require.NoError(t, err)
	require.Equal(t, "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", id.String())
	_, ok := id.Uint64()
	require.False(t, ok)
	require.Equal(t, -1, mustID(t, 2).Compare(id))
	var ce CheatersError
	ce.Identifiers = []Identifier{mustID(t, 3)}
	require.Equal(t, "frost: invalid signature share from signer 3", ce.Error())
	ce.Identifiers = append(ce.Identifiers, mustID(t, 5))
	require.Equal(t, "frost: invalid signature share from signers 3, 5", ce.Error())
}
