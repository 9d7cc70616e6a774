package starknet_test

import (
	"context"
	"crypto/sha256"
	"math/big"
	"testing"
	"time"

	snc "github.com/NethermindEth/starknet.go/curve"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// starkHash returns a 32-byte message hash that is a Starknet field
// element below 2^251: SHA-256 of msg with its top five bits cleared, as
// examples/ecdsa makes one.
func starkHash(msg string) []byte {
	h := sha256.Sum256([]byte(msg))
	h[0] &= 0x07
	return h[:]
}

// A 2-of-3 CGGMP21 key on the Stark curve signs; Starknet's verifier
// (starknet.go's curve.Curve.Verify, given the full public point) accepts
// every signature, and refuses it for another message hash.
func TestStarknetVerifierAcceptsThresholdSignatures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ids := local.Parties(3)
	shares, err := local.Keygen(ctx, curve.Stark(), 2, ids)
	require.NoError(t, err)
	aux, err := local.Aux(ctx, ids, nil, local.WithLevel(paillier.Level112))
	require.NoError(t, err)
	keys, err := local.ECDSAKeys(shares, aux)
	require.NoError(t, err)

	pub := keys[1].PublicKey()
	enc := pub.Bytes() // 0x02/0x03 ‖ x
	pubX := new(big.Int).SetBytes(enc[1:])
	pubY := snc.Curve.GetYCoordinate(pubX)
	// GetYCoordinate returns one of the two roots; take the one whose
	// parity the encoding names.
	if pubY.Bit(0) != uint(enc[0]&1) {
		pubY = new(big.Int).Sub(snc.Curve.P, pubY)
	}

	signers := ids[:2]
	for i, msg := range []string{"mosaic: Starknet interop 1", "mosaic: Starknet interop 2", "mosaic: Starknet interop 3"} {
		digest := starkHash(msg)
		pres, err := local.Presign(ctx, keys, signers, nil)
		require.NoError(t, err)
		sig, err := local.SignECDSA(ctx, pres, signers, digest)
		require.NoError(t, err)
		require.NoError(t, cggmp.Verify(pub, digest, sig), "message %d", i)

		r := new(big.Int).SetBytes(sig.R.Bytes())
		s := new(big.Int).SetBytes(sig.S.Bytes())
		z := new(big.Int).SetBytes(digest)
		require.True(t, snc.Curve.Verify(z, r, s, pubX, pubY), "Starknet's verifier refuses message %d", i)
		other := new(big.Int).Add(z, big.NewInt(1))
		require.False(t, snc.Curve.Verify(other, r, s, pubX, pubY), "Starknet's verifier accepts another hash for message %d", i)
	}
}
