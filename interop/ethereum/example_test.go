package ethereum_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// A 2-of-3 CGGMP21 key signs an EIP-1559 transaction on Ethereum mainnet,
// and go-ethereum's types.Sender names the key's address as its sender.
// The aux secrets come from the public test primes (production:
// cggmp.GenerateAuxSecret, or local.Aux).
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ids := local.Parties(3)
	shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, ids)
	if err != nil {
		panic(err)
	}
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for i, id := range ids {
		if secrets[id], err = cggmp.NewAuxSecret(testfixtures.ExampleKey(i), rand.Reader); err != nil {
			panic(err)
		}
	}
	aux, err := local.AuxFromSecrets(ctx, secrets)
	if err != nil {
		panic(err)
	}
	keys, err := local.ECDSAKeys(shares, aux)
	if err != nil {
		panic(err)
	}
	from := hd.EthereumAddress(keys[1].PublicKey())

	to := common.HexToAddress("0x00000000000000000000000000000000000a11ce")
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 0, GasTipCap: big.NewInt(1_000_000_000),
		GasFeeCap: big.NewInt(30_000_000_000), Gas: 21000, To: &to, Value: big.NewInt(1)})
	signer := types.LatestSignerForChainID(big.NewInt(1))
	digest := signer.Hash(tx).Bytes()

	// Parties 1 and 3 sign: presigning, then the one-round signing.
	signers := []transport.PartyID{1, 3}
	pres, err := local.Presign(ctx, keys, signers, nil)
	if err != nil {
		panic(err)
	}
	sig, err := local.SignECDSA(ctx, pres, signers, digest)
	if err != nil {
		panic(err)
	}

	// go-ethereum takes r || s || y parity (0 or 1).
	parity, err := sig.YParity()
	if err != nil {
		panic(err)
	}
	signed, err := tx.WithSignature(signer, append(sig.Bytes(), parity))
	if err != nil {
		panic(err)
	}
	sender, err := types.Sender(signer, signed)
	fmt.Println("types.Sender is the key's address:", err == nil && sender == common.HexToAddress(from))
	// Output:
	// types.Sender is the key's address: true
}
