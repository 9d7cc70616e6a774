// Package demo runs the SDK's protocols with every party in one process over
// the in-memory network (transport/memnet). The programs under examples/ use
// it so that each of them reads as the steps a deployment would take; a real
// deployment runs one party per machine and drives the same Machines with
// transport.Run over its own authenticated, confidential transport (see
// examples/parties and transport/tlsnet).
//
// Everything here is for demonstrations: one process holds every share, so
// the threshold protects nothing, and the session nonces are drawn locally
// instead of being agreed among the parties. The steps it strings together
// are the SDK's protocols, documented where they live and drawn in
// docs/protocols.md:
//
//   - Keygen: dealerless key generation (package dkg; Komlo and Goldberg,
//     FROST, Figure 1, with Feldman commitments and GJKR complaints).
//   - Aux: Paillier keys from Blum safe primes and the aux-info protocol
//     (package cggmp; CGGMP21, ePrint 2021/060, Fig. 6), and ECDSAKeys,
//     which joins key shares and aux info into cggmp.Key values.
//   - Presign and SignECDSA: CGGMP21 presigning (Fig. 7) and one-round
//     signing (Fig. 8).
//   - SignFROST: peer-to-peer FROST signing (package frost; RFC 9591
//     section 5), optionally with the BIP-341 taproot tweak.
//
// RunAll, Parties, Nonce and Step are the plumbing shared by the examples.
package demo
