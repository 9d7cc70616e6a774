// Package local runs every party of mosaic's protocols in one process,
// over a fresh in-memory network (package [memnet]) for each run. It is
// for integrators' tests, demonstrations and single-host simulations: a
// whole threshold wallet in a few calls,
//
//	shares, err := local.Keygen(ctx, curve.Secp256k1(), 2, local.Parties(3))
//	aux, err := local.Aux(ctx, local.Parties(3), nil)
//	keys, err := local.ECDSAKeys(shares, aux)
//	pres, err := local.Presign(ctx, keys, signers, nil)
//	sig, err := local.SignECDSA(ctx, pres, signers, digest)
//
// and the key's life after that: [Refresh], [Repair], [Reshare], and
// [SignFROST] for Schnorr signatures from the same kind of key.
//
// # Not a deployment
//
// One process holds every share here, so the threshold protects nothing:
// whoever can read this process's memory has the key. A deployment runs
// one party per machine (or per security domain) and differs in three
// ways that this package hides:
//
//   - Each party drives its own [transport.Machine] with [transport.Run]
//     over an authenticated, confidential transport to its peers (package
//     [github.com/mosaic-mpc/mosaic/transport/tlsnet], or the integrator's
//     own), not over memnet.
//   - The session nonce is drawn once by whoever requests a run and sent
//     to every party with the request; each party then derives the same
//     session id from it with the protocol's helper ([dkg.SessionID],
//     [cggmp.AuxSessionID], [cggmp.PresignSessionID],
//     [cggmp.SignSessionID], [frost.SessionID], [refresh.SessionID],
//     [refresh.RepairSessionID], [refresh.ReshareSessionID]). Here one
//     fresh nonce is drawn per run and handed to every party directly,
//     through the same helpers.
//   - Each party holds only its own identity key and learns the others'
//     public keys from its PKI (package tlsnet binds them to the parties'
//     certificates: tlsnet.LoadIdentities, tlsnet.Node.Identity), not
//     from one [Identities] map.
//
// examples/parties is the same protocols with one process per party over
// mutual TLS; it is the template for a deployment.
//
// # The protocols
//
// Each function runs one protocol, documented where it lives and drawn in
// docs/protocols.md and docs/cggmp.md:
//
//   - [Keygen]: dealerless key generation (package [dkg]; Komlo and
//     Goldberg, FROST, Figure 1, with Feldman commitments and GJKR
//     complaints).
//   - [Aux] and [AuxFromSecrets]: Paillier keys from Blum safe primes and
//     the aux-info protocol (package [cggmp]; CGGMP21, ePrint 2021/060,
//     Fig. 6); [ECDSAKeys] joins key shares and aux info into [cggmp.Key]
//     values.
//   - [Presign], [PresignPath], [SignECDSA], [SignECDSAPath]: CGGMP21
//     presigning (Fig. 7) and one-round signing (Fig. 8), optionally at a
//     BIP-32 path (package [hd]).
//   - [SignFROST]: peer-to-peer FROST signing (package [frost]; RFC 9591
//     section 5), optionally under the BIP-341 taproot output key.
//   - [Refresh], [Repair], [Reshare]: proactive refresh, share repair and
//     resharing to a new committee (package [refresh]).
//
// [RunAll] is the plumbing under all of them, for any other
// [transport.Machine].
//
// # Signed runs that agree
//
// Every run of this package is signed: each party signs its messages with
// an Ed25519 identity key ([transport.Identity]), which gives the run the
// agreement layer of docs/agreement.md. Every honest party ends a run the
// same way, all with the same output or all aborting naming the same
// culprits, and a run returns only once every party has confirmed its
// output. The keys come from one of two places:
//
//   - [WithIdentities]: the parties' long-term keys, as a wallet has them
//     ([NewIdentities] makes them). A key made with them records their
//     public halves ([dkg.KeyShare.Identities]), and every later run on it
//     must be given the same keys, which this package checks before
//     anything runs ([ErrInput]). Give the keys of joining parties to a
//     [Reshare] the same way.
//
//     idk, err := local.NewIdentities(local.Parties(3))
//     shares, err := local.Keygen(ctx, curve.Edwards25519(), 2, local.Parties(3), local.WithIdentities(idk))
//     sig, key, err := local.SignFROST(ctx, suite, shares, signers, msg, nil, local.WithIdentities(idk))
//
//   - Without it, each run draws a key per party for itself alone, which
//     no one keeps: the run agrees all the same, but its outputs record no
//     identity keys (a key share of such a run has none), and a key that
//     records identity keys is refused.
//
// [WithCertificates] hands over the certificate of every party's
// confirmation ([transport.Certified]), which a deployment stores with a
// new share.
//
// # Options, errors, randomness
//
// Every run takes [Option] values: [WithRand] for the randomness
// ([crypto/rand] by default; identity keys too), [WithIdentities] and
// [WithCertificates] (above), [WithTimeout] and [WithRoundTimeout] for how
// long a run and one of its rounds may take ([DefaultTimeout] and
// [DefaultRoundTimeout] by default). Bad inputs (an empty party list, a
// threshold out of range, a party without a share, a missing or wrong
// identity key) are errors wrapping [ErrInput], never panics; a failure of
// one party is a [*PartyError] naming it, wrapping the protocol's error (a
// [*transport.AbortError] names the culprits).
package local
