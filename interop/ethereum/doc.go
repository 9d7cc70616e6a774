// Package ethereum checks mosaic's threshold ECDSA signatures on secp256k1
// with go-ethereum (github.com/ethereum/go-ethereum v1.17.10), the Go
// Ethereum client, as a wallet's signatures will be checked on chain. For
// each signature of a 2-of-3 key, made by CGGMP21 (package cggmp) and by
// DKLs23 (package dkls23) from the same key generation, for the group key
// and for BIP-32 children (package hd):
//
//   - crypto.Ecrecover returns the uncompressed public key from the
//     digest and r || s || y parity, crypto.SigToPub the key whose address
//     (crypto.PubkeyToAddress) is the one hd.EthereumAddress computes, and
//     crypto.VerifySignature accepts r || s under that key;
//   - crypto.ValidateSignatureValues accepts r, s and v under the
//     homestead rule (low S, EIP-2);
//   - a legacy transaction with EIP-155 replay protection and an EIP-1559
//     transaction (an EIP-2718 envelope), signed through
//     types.Transaction.WithSignature with types.LatestSignerForChainID,
//     have types.Sender equal to the key's address, also after their wire
//     encoding is decoded; their v is the one cggmp.Signature.EIP155V or
//     cggmp.Signature.YParity names, and a signer for another chain
//     refuses them;
//   - go-ethereum takes a signature for nothing else: another digest or
//     the other v recovers another address (or none), VerifySignature refuses
//     another digest, another key and the high-S twin (n - s), which
//     ValidateSignatureValues refuses too although ecrecover accepts it.
//
// It is a module of its own, so that this test-only dependency, with the
// many modules it brings, stays out of mosaic's go.mod: `go test ./...` at
// the repository root does not enter it; CI runs `go test ./...` here as a
// step of its own. Its keys' Paillier keys are the public test fixtures of
// internal/testfixtures, so that no safe prime is searched for.
//
// The package has no code beside its tests.
package ethereum
