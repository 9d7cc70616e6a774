package ethereum_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// A 2-of-3 CGGMP21 key on secp256k1 signs messages, an EIP-191 hash, a
// legacy EIP-155 and an EIP-1559 transaction, for the group key and for
// BIP-32 children; go-ethereum recovers the signer from each and refuses
// each for anything else.
func TestGoEthereumRecoversCGGMP21Signatures(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	shares := newShares(ctx, t)
	keys := cggmpKeys(ctx, t, shares)
	require.Equal(t, paillier.Level112, keys[1].Level(), "the fixture keys are 2048-bit")
	runEthCases(ctx, t, shares[1], cggmpSigner(keys))
}
