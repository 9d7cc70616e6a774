package ethereum_test

import (
	"context"
	"crypto/rand"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// threshold and parties: every test key is 2-of-3, and parties 1 and 2
// sign.
const threshold = 2

var (
	parties = local.Parties(3)
	signers = parties[:threshold]
)

// signFunc signs a 32-byte digest for the key derived from the group key
// along path (the empty path: the group key itself) with one protocol's
// helpers from package local.
type signFunc func(ctx context.Context, path hd.Path, digest []byte) (*cggmp.Signature, error)

// newShares runs a 2-of-3 key generation on secp256k1.
func newShares(ctx context.Context, t *testing.T) map[transport.PartyID]*dkg.KeyShare {
	t.Helper()
	shares, err := local.Keygen(ctx, curve.Secp256k1(), threshold, parties)
	require.NoError(t, err)
	return shares
}

// cggmpKeys joins shares with aux info from a real aux-info run whose
// Paillier keys are the test-only 2048-bit fixtures (paillier.Level112),
// so that no safe prime is searched for.
func cggmpKeys(ctx context.Context, t *testing.T, shares map[transport.PartyID]*dkg.KeyShare) map[transport.PartyID]*cggmp.Key {
	t.Helper()
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for i, id := range parties {
		var err error
		secrets[id], err = cggmp.NewAuxSecret(testfixtures.PaillierKey(t, i), rand.Reader)
		require.NoError(t, err)
	}
	aux, err := local.AuxFromSecrets(ctx, secrets)
	require.NoError(t, err)
	keys, err := local.ECDSAKeys(shares, aux)
	require.NoError(t, err)
	return keys
}

// cggmpSigner presigns for path and signs with the fresh presignatures.
func cggmpSigner(keys map[transport.PartyID]*cggmp.Key) signFunc {
	return func(ctx context.Context, path hd.Path, digest []byte) (*cggmp.Signature, error) {
		pres, err := local.PresignPath(ctx, keys, signers, path)
		if err != nil {
			return nil, err
		}
		return local.SignECDSAPath(ctx, pres, signers, path, digest)
	}
}

// childKey returns the public key a path derives from the shares' group
// key and chain code (BIP-32 public derivation, package hd).
func childKey(t *testing.T, share *dkg.KeyShare, path hd.Path) curve.Point {
	t.Helper()
	_, child, _, err := hd.DeriveTweak(share.GroupKey, share.ChainCode, path)
	require.NoError(t, err)
	return child
}

// rsv returns sig as go-ethereum's crypto package takes it: r || s || v
// with v the y parity, 0 or 1 (Signature.Ethereum writes 27 or 28).
func rsv(t *testing.T, sig *cggmp.Signature) []byte {
	t.Helper()
	eth := sig.Ethereum()
	require.Len(t, eth, 65)
	require.Contains(t, []byte{27, 28}, eth[64])
	parity, err := sig.YParity()
	require.NoError(t, err)
	require.Equal(t, parity, eth[64]-27, "Ethereum's v and YParity disagree")
	out := slices.Clone(eth)
	out[64] = parity
	return out
}

// addressOf is go-ethereum's address of a public key, or the zero address
// when the key is not one.
func addressOf(pub []byte) common.Address {
	k, err := crypto.UnmarshalPubkey(pub)
	if err != nil {
		return common.Address{}
	}
	return crypto.PubkeyToAddress(*k)
}

// requireGoEthereumAccepts checks sig on digest under pub with go-ethereum:
// Ecrecover returns the uncompressed key, SigToPub gives the address that
// package hd computes, VerifySignature accepts r || s under the
// uncompressed and the compressed key, and the values pass the
// transaction rules (ValidateSignatureValues with homestead: low S).
func requireGoEthereumAccepts(t *testing.T, pub curve.Point, digest []byte, sig *cggmp.Signature) {
	t.Helper()
	uncompressed, err := curve.EncodeSEC1Uncompressed(pub)
	require.NoError(t, err)
	sigRSV := rsv(t, sig)

	recovered, err := crypto.Ecrecover(digest, sigRSV)
	require.NoError(t, err)
	require.Equal(t, uncompressed, recovered, "Ecrecover returns another key")

	ecPub, err := crypto.SigToPub(digest, sigRSV)
	require.NoError(t, err)
	require.Equal(t, hd.EthereumAddress(pub), crypto.PubkeyToAddress(*ecPub).Hex(), "SigToPub gives another address")

	require.True(t, crypto.VerifySignature(uncompressed, digest, sigRSV[:64]), "VerifySignature refuses (uncompressed key)")
	require.True(t, crypto.VerifySignature(pub.Bytes(), digest, sigRSV[:64]), "VerifySignature refuses (compressed key)")
	r, s := new(big.Int).SetBytes(sigRSV[:32]), new(big.Int).SetBytes(sigRSV[32:64])
	require.True(t, crypto.ValidateSignatureValues(sigRSV[64], r, s, true), "ValidateSignatureValues refuses")
}

// requireGoEthereumRefuses checks that go-ethereum does not take sig for
// anything else: another digest, the other v, the high-S twin (n - s) or
// another key.
func requireGoEthereumRefuses(t *testing.T, pub curve.Point, digest []byte, sig *cggmp.Signature) {
	t.Helper()
	uncompressed, err := curve.EncodeSEC1Uncompressed(pub)
	require.NoError(t, err)
	want := addressOf(uncompressed)
	good := rsv(t, sig)

	otherDigest := slices.Clone(digest)
	otherDigest[31] ^= 1
	flippedV := slices.Clone(good)
	flippedV[64] ^= 1
	// n - s with the other v is the same signature's malleable twin:
	// ecrecover still finds the key, but the transaction rules (EIP-2) and
	// VerifySignature refuse it.
	highS := slices.Concat(good[:32], sig.S.Negate().Bytes(), []byte{good[64] ^ 1})
	otherKey, err := curve.EncodeSEC1Uncompressed(pub.Add(curve.Secp256k1().Generator()))
	require.NoError(t, err)

	for _, tc := range []struct {
		name        string
		key, digest []byte
		sig         []byte
		// recovers: Ecrecover still finds the signer's key; verifies:
		// VerifySignature (which reads r || s, not v) accepts; valid:
		// ValidateSignatureValues with the homestead (low-S) rule accepts.
		recovers, verifies, valid bool
	}{
		{name: "another digest", key: uncompressed, digest: otherDigest, sig: good, valid: true},
		{name: "flipped v", key: uncompressed, digest: digest, sig: flippedV, verifies: true, valid: true},
		{name: "high S", key: uncompressed, digest: digest, sig: highS, recovers: true},
		{name: "another key", key: otherKey, digest: digest, sig: good, recovers: true, valid: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := crypto.Ecrecover(tc.digest, tc.sig)
			if tc.recovers {
				require.NoError(t, err)
				require.Equal(t, want, addressOf(got), "Ecrecover misses the signer")
			} else if err == nil {
				require.NotEqual(t, want, addressOf(got), "Ecrecover finds the signer")
			}
			require.Equal(t, tc.verifies, crypto.VerifySignature(tc.key, tc.digest, tc.sig[:64]), "VerifySignature")
			r, s := new(big.Int).SetBytes(tc.sig[:32]), new(big.Int).SetBytes(tc.sig[32:64])
			require.Equal(t, tc.valid, crypto.ValidateSignatureValues(tc.sig[64], r, s, true), "ValidateSignatureValues")
		})
	}
}

// Chain ids (EIP-155): Ethereum mainnet and the Sepolia test network.
var (
	mainnet = big.NewInt(1)
	sepolia = big.NewInt(11155111)
)

// ethCase is one thing an Ethereum wallet signs: a digest, and for a
// transaction the unsigned transaction and the signer whose hash it is.
type ethCase struct {
	name string
	path string // non-hardened BIP-32 path; "m" is the group key
	// digest returns the 32 bytes to sign, and for a transaction row the
	// unsigned transaction and its go-ethereum signer.
	digest func() ([]byte, *types.Transaction, types.Signer)
}

func message(digest []byte) func() ([]byte, *types.Transaction, types.Signer) {
	return func() ([]byte, *types.Transaction, types.Signer) { return digest, nil, nil }
}

func transaction(chainID *big.Int, tx *types.Transaction) func() ([]byte, *types.Transaction, types.Signer) {
	return func() ([]byte, *types.Transaction, types.Signer) {
		signer := types.LatestSignerForChainID(chainID)
		return signer.Hash(tx).Bytes(), tx, signer
	}
}

// ethCases are the rows every protocol signs.
func ethCases() []ethCase {
	to := common.HexToAddress("0x00000000000000000000000000000000000a11ce")
	gwei := big.NewInt(1_000_000_000)
	return []ethCase{
		{name: "keccak256 of a message, group key", path: "m",
			digest: message(crypto.Keccak256([]byte("mosaic: Ethereum interop 1")))},
		{name: "keccak256 of a message, child m/0/7", path: "m/0/7",
			digest: message(crypto.Keccak256([]byte("mosaic: Ethereum interop 2")))},
		{name: "EIP-191 personal_sign hash", path: "m",
			digest: message(accounts.TextHash([]byte("mosaic: Ethereum interop 3")))},
		{name: "legacy EIP-155 transaction, mainnet", path: "m",
			digest: transaction(mainnet, types.NewTx(&types.LegacyTx{
				Nonce: 7, GasPrice: new(big.Int).Mul(big.NewInt(20), gwei), Gas: 21000,
				To: &to, Value: big.NewInt(1_000_000_000_000_000),
			}))},
		{name: "EIP-1559 transaction, Sepolia, child m/44/60", path: "m/44/60",
			digest: transaction(sepolia, types.NewTx(&types.DynamicFeeTx{
				ChainID: sepolia, Nonce: 3, GasTipCap: big.NewInt(2), GasFeeCap: new(big.Int).Mul(big.NewInt(30), gwei),
				Gas: 50000, To: &to, Value: big.NewInt(1), Data: []byte("mosaic"),
			}))},
	}
}

// requireSender attaches sig to tx with go-ethereum's WithSignature and
// checks that types.Sender gives the key's address, also after the signed
// transaction's wire encoding is decoded again; that v is the one mosaic
// names for the transaction type (EIP155V for a legacy transaction,
// YParity for a typed one); and that a signer for another chain refuses
// the transaction (replay protection).
func requireSender(t *testing.T, pub curve.Point, tx *types.Transaction, signer types.Signer, sig *cggmp.Signature) {
	t.Helper()
	want := common.HexToAddress(hd.EthereumAddress(pub))
	signed, err := tx.WithSignature(signer, rsv(t, sig))
	require.NoError(t, err)
	from, err := types.Sender(signer, signed)
	require.NoError(t, err)
	require.Equal(t, want, from)

	raw, err := signed.MarshalBinary()
	require.NoError(t, err)
	var decoded types.Transaction
	require.NoError(t, decoded.UnmarshalBinary(raw))
	from, err = types.Sender(signer, &decoded)
	require.NoError(t, err)
	require.Equal(t, want, from, "after the wire encoding")

	v, _, _ := signed.RawSignatureValues()
	if tx.Type() == types.LegacyTxType {
		wantV, err := sig.EIP155V(signer.ChainID().Uint64())
		require.NoError(t, err)
		require.Equal(t, wantV, v.Uint64(), "EIP-155 v")
	} else {
		wantV, err := sig.YParity()
		require.NoError(t, err)
		require.Equal(t, uint64(wantV), v.Uint64(), "y parity")
	}

	other := types.LatestSignerForChainID(new(big.Int).Add(signer.ChainID(), big.NewInt(1)))
	_, err = types.Sender(other, signed)
	require.Error(t, err, "a signer for another chain takes the transaction")
}

// runEthCases signs every row of ethCases with sign and checks each
// signature with go-ethereum.
func runEthCases(ctx context.Context, t *testing.T, share *dkg.KeyShare, sign signFunc) {
	for _, tc := range ethCases() {
		t.Run(tc.name, func(t *testing.T) {
			path, err := hd.ParsePath(tc.path)
			require.NoError(t, err)
			pub := childKey(t, share, path)
			digest, tx, signer := tc.digest()
			require.Len(t, digest, 32)

			sig, err := sign(ctx, path, digest)
			require.NoError(t, err)
			require.NoError(t, cggmp.VerifyLowS(pub, digest, sig), "mosaic's own verifier")
			requireGoEthereumAccepts(t, pub, digest, sig)
			requireGoEthereumRefuses(t, pub, digest, sig)
			if tx != nil {
				requireSender(t, pub, tx, signer, sig)
			}
		})
	}
}
