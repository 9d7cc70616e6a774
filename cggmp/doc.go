// Package cggmp is threshold ECDSA on secp256k1, P-256 and the Stark curve
// (see "Curves") by Canetti, Gennaro,
// Goldfeder, Makriyannis and Peled, "UC Non-Interactive, Proactive,
// Threshold ECDSA with Identifiable Aborts" (CGGMP21, ePrint 2021/060): the
// variant with three-round presigning, one-round signing and identifiable
// abort. Figure numbers are those of the 2021-2023 revisions of the ePrint,
// which package zk also cites (the 2024 revision renumbers them): Fig. 6 is
// aux-info, Fig. 7 presigning, Fig. 8 signing. Dfns's written spec
// (LFDT-Lockness/cggmp21, spec/main.tex) is followed where the paper leaves
// a choice, as noted below. docs/cggmp.md draws every round.
//
// # Keys: key generation is dkg plus aux-info
//
// A [Key] is a [dkg.KeyShare] on one of those curves (from package dkg, or from
// refresh/reshare/repair or a refresh/dealer import) joined with the
// party's [AuxInfo] by [NewKey], which checks that both describe the same
// party set. The paper's key generation (Fig. 5) is n-of-n; mosaic uses
// the t-of-n Feldman DKG of package dkg instead, which carries the same
// rogue-key defence (a Schnorr proof of knowledge bound to the session and
// the party).
//
// # Aux-info
//
// Aux-info is the auxiliary-information part of Fig. 6, without its key
// refresh (package refresh renews the shares), with the commit-reveal of
// Dfns's spec. [GenerateAuxSecret] makes the party's Paillier key from two
// Blum safe primes (seconds; it can be done ahead of time, and
// [NewAuxSecret] takes a key from a pool) and ring-Pedersen parameters
// (N, s = t^λ, t) on the same modulus. The Machine of [NewAux] then runs
// four rounds:
//
//  1. broadcast a hash commitment V_i to (N_i, s_i, t_i, Πprm_i, ρ_i, u_i);
//  2. broadcast the opening; every receiver checks it against V_i, checks
//     the exact modulus size of the run's security level ([AuxConfig.Level];
//     SECURITY.md case 1), that the ring-Pedersen modulus is the Paillier
//     modulus, and Πprm (zk/prm) before it sends anything derived from its
//     own factorisation;
//  3. with ρ = ⊕ρ_j, broadcast Πmod (zk/mod) for N_i and, for each peer,
//     Πfac (zk/fac) against that peer's ring-Pedersen parameters, all bound
//     to (session, prover, verifier, ρ); every receiver verifies Πmod and
//     the Πfac addressed to it, and refuses a modulus proven by two parties
//     (case 15: both are named, as no one can tell the owner from the
//     copier; a copier without the factors fails Πmod and is named alone);
//  4. broadcast an empty confirmation, and the AuxInfo (every party's
//     Paillier public key and ring-Pedersen parameters, this party's
//     Paillier secret key) is the result.
//
// # Presigning
//
// The Machine of [NewPresign] runs Fig. 7 among a signing set of at least t
// parties. Each signer first converts its Shamir share to an additive one
// with its Lagrange coefficient at zero over the signing set,
// x'_i = λ_i·x_i and X'_j = λ_j·X_j, so that Σ x'_i = x (Dfns's spec,
// "Threshold Presigning"); a key tweak ([PresignConfig.Path] through
// [hd.DeriveTweak], or [hd.DeriveTweakP256] on P-256, plus
// [PresignConfig.Tweak]) is added once, by the
// lowest signer, and is bound into the presignature (Groth and Shoup,
// ePrint 2021/1330: a derivation chosen after presigning opens related-key
// forgeries). Then, with G the generator, enc_i encryption under P_i's
// Paillier key, ⊙ and ⊕ Paillier's scalar multiplication and addition:
//
//  1. k_i, γ_i ← Z_q; broadcast K_i = enc_i(k_i) and G_i = enc_i(γ_i) and,
//     for each peer P_j, ψ⁰_{j,i}: Πenc (zk/enc) for K_i against P_j's
//     ring-Pedersen parameters.
//  2. Verify the Πenc addressed to this party (SECURITY.md case 10: no MtA
//     answer goes to a K out of range); broadcast Γ_i = γ_i·G and, for each
//     P_j, the two MtA messages D_{j,i} = γ_i⊙K_j ⊕ enc_j(−β_{i,j}),
//     F_{j,i} = enc_i(−β_{i,j}) and their x'_i counterparts D̂_{j,i},
//     F̂_{j,i}, with ψ_{j,i} and ψ̂_{j,i}, their Πaff-g (zk/affg), and
//     ψ'_{j,i}, Πlog* (zk/logstar) tying G_i to Γ_i.
//  3. Verify; Γ = Σ_j Γ_j, δ_i = k_iγ_i + Σ_j(α_{i,j} + β_{i,j}) and
//     χ_i = k_ix'_i + Σ_j(α̂_{i,j} + β̂_{i,j}) mod q, where α_{i,j} and
//     α̂_{i,j} decrypt the D_{i,j} and D̂_{i,j} addressed to this party;
//     broadcast δ_i, Δ_i = k_i·Γ and S_i = χ_i·Γ and, for each peer,
//     ψ″_{j,i}: Πlog* for K_i and Δ_i in base Γ.
//  4. Verify; if δ·G = ΣΔ_j (δ = Σδ_j) and δ·X = ΣS_j (X the possibly
//     tweaked public key), broadcast an empty confirmation; the
//     [Presignature] is R = δ⁻¹·Γ = k⁻¹·G, its shares k_i and χ_i, and
//     the public k_j·R and χ_j·R of every signer. If a check failed, the
//     round-4 broadcast is an identification claim instead (see
//     "Identifiable abort"), and round 5 names the culprit.
//
// Every check on a peer's message happens before anything derived from
// this party's secrets goes back to that peer (SECURITY.md rule 4).
//
// # Signing
//
// Signing (Fig. 8) is one round. [Presignature.SignShare] consumes the
// presignature (its shares are zeroed; a second call returns
// [ErrPresignatureUsed], SECURITY.md cases 22 and 26) and returns the
// partial signature σ_i = ρ⁻¹·(k_i·e + r'·χ_i) for the digest e (32 bytes,
// read as an integer mod n; on the Stark curve a message hash below 2^251),
// with R' = ρ·R and r' = x(R') mod n (see "Re-randomised presignatures"
// and "Curves"). The Machine of [NewSign] broadcasts it;
// [Presignature.Combine], which any holder of the
// presignature (or a coordinator) can call, sums the partial signatures,
// normalises it to the curve's form (low S on secp256k1 and P-256,
// flipping the recovery id; see "Curves") and verifies the result
// under the presignature's public key; only if that fails does it check
// them one by one, σ_j·R = ρ⁻¹·(e·(k_j·R) + r'·(χ_j·R)), and name every
// signer whose share fails ([ErrPartialSignature], SECURITY.md case 25). A
// valid signature's s is fixed up to its sign, which normalisation
// removes, so the per-party checks are only needed to name a culprit.
// [NewFullSign] runs presigning and signing as one four-round run for
// callers that keep no presignatures: round 4 broadcasts the partial
// signature instead of the empty confirmation. A presignature made for a
// derivation path signs only for it ([SignConfig.Path],
// [Presignature.SignShareAt], [ErrPathMismatch]).
//
// A presignature can be kept between runs: [Presignature.MarshalBinary]
// encodes it (a used one refuses), [ParsePresignature] decodes and
// validates it, and [Presignature.CheckKey] refuses one made for another
// generation of the key ([KeyGeneration], [ErrPresignatureGeneration]), so
// a refresh retires every stored presignature. Package cggmp/presigstore
// seals them at rest and hands each out at most once, across crashes.
//
// On secp256k1, a [Signature] is (r, s) with s ≤ n/2 (BIP-146, EIP-2) and
// the recovery id (bit 0: the nonce point's y is odd; bit 1: its x is at
// least n).
// [Signature.Bytes] is r || s, [Signature.DER] the ASN.1 encoding Bitcoin
// scripts use (add the sighash byte, see package hd),
// [Signature.Ethereum] r || s || v with v = 27 + recovery id. [Verify] is
// SEC 1 section 4.1.4 (it rejects r = 0 and s = 0), [VerifyLowS] adds the
// low-S rule, and [RecoverPublicKey] is SEC 1 section 4.1.6. Ethereum
// writes v three ways: [Signature.YParity], 0 or 1, for typed transactions
// (EIP-2718, EIP-1559); [Signature.EcrecoverV], 27 or 28, for ecrecover,
// eth_sign and transactions without a chain id; [Signature.EIP155V],
// chainID·2 + 35 or 36, for legacy transactions with EIP-155 replay
// protection. Each refuses a recovery id of 2 or 3, which Ethereum cannot
// carry ([ErrRecoveryID]), and EIP155V refuses chain id 0 and a chain id
// whose v would not fit in 64 bits ([ErrChainID]), and so does every
// signature not on secp256k1.
//
// # Curves
//
// The protocol is the same on every curve: presigning, signing and
// identifiable abort take the curve from the key ([Key.Share].Curve), and
// package dkg, aux-info and package refresh (refresh, reshare, repair)
// never depended on it. [NewKey] accepts shares on secp256k1, P-256 and
// the Stark curve and refuses any other with [ErrCurve]. What differs is
// what each chain asks of the signature:
//
//   - secp256k1: SEC 1 ECDSA, low S, the recovery id and Ethereum's v
//     encodings, as above; keys derive BIP-32 non-hardened children
//     ([PresignConfig.Path]).
//   - P-256 (FIPS 186-5, SEC 2 secp256r1): SEC 1 ECDSA with r = x(R) mod n;
//     signatures verify with crypto/ecdsa. Combine normalises to low S too:
//     crypto/ecdsa, WebAuthn and cloud KMSs accept either S, while some of
//     the curve's chains (Sui's secp256r1 accounts) accept only the low
//     one, so low S is the form every verifier takes. The recovery id is
//     kept (bit 1, x(R) at least n, has probability about 2^-130), and
//     [RecoverPublicKey] works as on secp256k1. Keys derive SLIP-10
//     non-hardened children ([hd.DeriveTweakP256]).
//   - Stark (Starknet's curve over p = 2^251 + 17·2^192 + 1): Starknet's
//     ECDSA, as StarkWare's reference signer and verifier define it
//     (package ecdsa, stark.go, documents it). The digest is the message
//     hash z itself, a field element that Starknet computes with its
//     Pedersen or Poseidon hash, written as 32 bytes big-endian; it must be
//     in [1, 2^251) ([ErrStarkMessageHash]; zero is refused because the
//     reference verifier cannot check a signature on it), and is refused
//     before a presignature is consumed. r is x(R') itself, not reduced
//     mod n, and Starknet requires r < 2^251: signing checks it first and,
//     for the rare R' whose x is above (probability about 2^-55), refuses
//     with [ErrNonceRange] without consuming the presignature, which may
//     sign another digest; this digest needs a fresh presignature (or, with
//     [NewFullSign], a new run). Starknet has no low-S rule, since its
//     verifier accepts s and −s alike, but requires w = s⁻¹ mod n below
//     2^251: Combine keeps the summed s unless its inverse is out of range
//     and then takes −s, whose inverse n − w is in range, flipping the
//     recovery id's parity bit. [Verify] is package ecdsa's Starknet
//     verifier with every range rule; check Stark signatures with it, not
//     [VerifyLowS]. Starknet names a public key by its x-coordinate
//     (PublicKey().Bytes()[1:]). The recovery id's bit 1 is never set
//     (x(R') < 2^251 < n).
//
// A derivation path ([PresignConfig.Path]) is BIP-32's CKDpub on
// secp256k1 and SLIP-10's on P-256 (BIP-32 with P-256's order, and a
// re-hash instead of an invalid child); the Stark curve has no standard
// non-hardened derivation, so a path on a Stark key is refused with
// [ErrDerivationCurve]. An explicit [PresignConfig.Tweak] works on every
// curve. Stored formats name
// their curve: a [dkg.KeyShare] encoding carries the curve id, so a Key's
// does; a presignature on secp256k1 keeps format version 1, byte for byte,
// and one on another curve is version 2 with the curve id after the
// version byte ([Presignature.MarshalBinary]).
//
// # Broadcasts and complaints
//
// Aux-info and presigning send broadcasts only: what a party proves to one
// peer is a part of its broadcast addressed to that peer, a ciphertext
// under the peer's key or a zero-knowledge proof against the peer's public
// ring-Pedersen parameters. CGGMP21 assumes authenticated, not private,
// channels, so showing these parts to everyone reveals nothing; in return
// every check is a function of echo-checked public data that anyone can
// re-run. A party whose check of round r fails does not abort alone (the
// others would wait for it and blame it when their round times out): it
// broadcasts a complaint naming the senders at fault in round r+1;
// everyone acknowledges it in round r+2, which carries its echo, and then
// re-runs the checks for the complainer: the accused is named if they
// fail, the complainer if they pass ([ErrFalseComplaint]). Honest parties
// judge the same data with the same function, so a bad message seen by a
// single honest party and a false complaint end with every honest party
// naming the same culprit, and so does a complaint sent to some parties
// only in rounds 2 and 3, whose sender the echo check of the next round
// names. Complaints sent in the last regular round (round 4) are judged at
// once, with no later round to carry their echo: the verdict still names
// only a malicious party (an honest party's message passes every check),
// but a party that complains to some parties only makes those abort while
// the others may finish. After a failed consistency check round 5 follows
// round 4 (see "Identifiable abort"), and complaints sent in round 4 wait
// for its echo like the others. Runs with identities judge every complaint
// at once (see "Agreement with identities").
// The cost is bandwidth: each party sends its parts for every peer to every
// peer, O(n²) per round instead of O(n).
//
// Every message is versioned: one version byte and one kind byte (the
// round's own message, a complaint, its acknowledgement, an identification
// claim) before the round's fields, and a message of another version is
// refused as malformed, naming its sender. The protocol names
// ([AuxProtocol], [PresignProtocol], [SignProtocol], [FullSignProtocol])
// carry the version too, so a peer on another version is named at its
// first message.
//
// # Identifiable abort
//
// A bad proof, a malformed value, a false complaint or a partial signature
// that fails its check names its sender in a [*transport.AbortError]. When
// every proof of presigning verified but a consistency check of round 4
// failed, some party announced a δ_i or an S_i that is not what its
// ciphertexts say, and every party proves its own in a round-4 claim
// (Fig. 7, output, step 2, and Fig. 8's identification):
//
//   - after δ·G ≠ ΣΔ_j: H_i, a fresh encryption of k_iγ_i, with Πmul
//     (zk/mul) against K_i and G_i, and for every verifier a Πdec proof
//     (zk/dec) that U_i = H_i ⊕ Σ_j D_{i,j} ⊖ Σ_j F_{j,i}, which everyone can
//     compute from the round-2 broadcasts, decrypts to δ_i mod q;
//   - after δ·X ≠ ΣS_j: C_i = enc_i(x'_i) with Πlog* against X'_i, Ĥ_i, a
//     fresh encryption of k_ix'_i, with Πmul against K_i and C_i, and for
//     every verifier a wide Πlog* (zk/logstar, Public.Wide: the witness is
//     an MtA sum, not a scalar) that Û_i = Ĥ_i ⊕ Σ_j D̂_{i,j} ⊖ Σ_j F̂_{j,i}
//     decrypts to the discrete logarithm of S_i in base Γ.
//
// Every party checks every proof of every claim, those addressed to the
// others included, and re-checks the Πaff-g proofs of the MtAs addressed to
// the others; an MtA whose proof fails names both its sender and its
// addressee, who accepted it without complaint. Round 5 carries the echo of
// the claims, and the verdict follows ([ErrIdentified]): it depends on
// echo-checked broadcasts only, so colluders cannot make honest parties
// name different parties by addressing a bad proof to some of them. (With
// identities the verdict comes at once, in round 4: see the next section.)
//
// # Agreement with identities
//
// Without identities every run is broadcast with abort: a malicious party
// can make some honest parties finish while others abort, or time out on
// an honest party. [AuxConfig.Identity], [PresignConfig.Identity] (also for
// [NewFullSign]) and [SignConfig.Identity] give a run transport's agreement
// layer (docs/agreement.md): every message is signed with the party's
// long-term identity key, and every honest party ends the run alike, all
// with the same output or all aborting naming the same culprits, never an
// honest one. Each run then ends with one more round, in which every party
// signs a confirmation of the output's public part
// ([transport.FinishConfirmed]), and returns the output only with every
// party's confirmation (a party whose copy of one was withheld commits with
// the certificate another party sends). The public part is every party's
// Paillier key and ring-Pedersen parameters for aux-info, R and every
// signer's k_j·R and χ_j·R for a presignature, the signature for signing.
// Aux-info thus takes five rounds, presigning and full signing five, and
// signing two.
//
// Aux-info changes the key, so what a party stores, and when, follows its
// run's end:
//
//   - The machine's Result is the new [AuxInfo]: join it with the share
//     ([NewKey]), store the Key, sealed, with the certificate of every
//     party's confirmation ([transport.Certified] on the machine), which
//     proves to any party of the run that all of them confirmed the same
//     aux info, and only then retire the old aux info and its Paillier
//     key.
//   - An error wrapping [transport.ErrUnconfirmed]: this party confirmed,
//     but the run ended before it held every confirmation, and it gets no
//     new aux info. Keep the old Key in use. Should another party show the
//     run's certificate, pass it to the machine's Commit
//     ([transport.Committer]): it returns the AuxInfo this party staged,
//     and only then is the old aux info retired.
//   - Any other error: keep the old Key; no honest party committed.
//
// A run withstands f malicious parties ([transport.Identity] MaxFaulty): by
// default the key's threshold less one in presigning and signing, capped to
// the number of signers less one, and (n−1)/2 in aux-info, which has no
// threshold of its own (for a t-of-n key with t−1 above (n−1)/2, set
// MaxFaulty to t−1: more malicious parties than f could get an honest
// party named). An abort names a party on self-verifying evidence (two
// different broadcasts it signed for one round, or an echo it signed
// holding what another party never signed) or when more than f parties
// blame it, which the honest parties achieve alone when more than 2f take
// part: all holders of a 2-of-3 or a 3-of-5 key, for example. With exactly
// t signers there is no honest majority, and only self-verifying evidence
// names anyone.
//
// The verdicts of complaints and identification (see "Broadcasts and
// complaints" and "Identifiable abort") are such blames: every honest party
// reaches the same one from the same echo-checked broadcasts. With
// identities they come at once, in the round that carries the complaints
// or claims, without the round that carries their echo: the conclusion
// names a party that sent them to some parties only (two broadcasts it
// signed for one round), and waiting would only let a malicious party
// abort first, which ends the honest parties' runs before their verdict.
// A malicious party can still end a run naming nobody by aborting before
// the honest parties judge its message, for example instead of its own
// message of the round in which they complain about its last one.
//
// Every message of every run, with identities or not, also carries a
// digest of the run's public inputs (the key's public data with every
// party's aux public data, the signers, the derivation, the digest, the
// identity keys; for aux-info the modulus size and the parties): a party
// that holds other ones ends the run at once with
// [transport.ErrContextMismatch], naming nobody, instead of blaming honest
// peers for messages that fail against its own inputs.
//
// # Session ids
//
// Every run takes a session id that all its parties share and that no
// other run ever had; every message, proof and commitment is bound to it
// (SECURITY.md rule 2). [AuxSessionID], [PresignSessionID],
// [FullSignSessionID] and [SignSessionID] derive it, as [dkg.SessionID]
// does for key generation, from the protocol's family (its name without
// the version, so that a peer on another version reaches the run and is
// named with both versions at its first message), everything that defines
// the run (the party set; for presigning the key's public data, the
// signers, the derivation path and tweak; for signing the presignature's
// identity and the digest) and a fresh random nonce of at least
// [NonceSize] bytes that every party agreed on beforehand, for example sent
// by whoever requests the run. They refuse a short nonce and an invalid
// party set with an error wrapping [ErrConfig], and the ids of different
// protocols or runs never coincide. The Machines take any non-empty id
// (the transport refuses an empty one): they cannot tell a fresh id from a
// replayed one, so freshness is the caller's, and the helpers are how to
// get it right.
//
// # Re-randomised presignatures
//
// A presignature's R is known before the digest is chosen. With plain
// presignatures and raw digests that is exploitable, the class of
// CVE-2025-66017: for a target digest e* and any a, the adversary computes
// r* = x(a·R) and asks the signers to sign the raw digest e = e*·r/r*; from
// their signature (r, s) it derives (r*, s·r*/(a·r)), a valid signature on
// e* that no honest party agreed to sign. Groth and Shoup's related-key
// attack on additively derived keys is the same move: a signature on
// e = e* + r·t under X is one on e* under the derived key X + t·G. Both
// need r before e is fixed.
//
// So mosaic never signs with R itself: it derives
// ρ = H(session, R, public key, path, tweak, digest), a non-zero scalar
// from internal/transcript, and the signature uses R' = ρ·R, i.e. the
// nonce ρ·k⁻¹, so s = ρ⁻¹·(k·e + r'·k·x) stays linear in the shares k_i and
// χ_i. This is the re-randomised presignature mitigation of Groth and
// Shoup (ePrint 2021/1330), applied multiplicatively. Now r' is unknown
// until the digest is fixed, and changes with every digest, key, path and
// tweak. The attack above would need a digest e with e = e*·r'/r*, where
// r' = x(ρ(e)·R) and r* = x(a·ρ(e)·R) both depend on e through the hash,
// so digests can only be tried one by one, each succeeding with
// probability about 1/n; and turning a finished signature (r', s) on e
// into one on a chosen e* needs a scalar a with x(a·R') = e*·r'/e, a
// discrete logarithm. Raw digests are therefore safe to sign with a
// presignature, provided each presignature is used once, which the API
// enforces.
//
// # Notation
//
// The code keeps the paper's names. A Greek letter is spelled out, in the
// paper's case (γ is gamma, Γ is Gamma, δ is delta, Δ is Delta, ψ is Psi);
// a hat is the suffix Hat (D̂ is DHat), primes are Prime and DoublePrime
// (ψ' is PsiPrime, ψ″ is PsiDoublePrime) and ψ⁰ is Psi0. A value every
// party has is indexed by party: Γ_j is Gamma[j], this party's own
// Gamma[self]. A sum over the parties, which the paper writes without an
// index, gets the suffix Sum: Γ = Σ_j Γ_j is GammaSum. A proof the figure
// does not name after a ψ is named after its relation (Πprm is Prm).
//
// A Machine's round r carries the messages of the paper's round r.
// Checking them is the first step of the paper's round r+1 (or of its
// output), so the Machine runs that step, and then the rest of round r+1,
// when its round r is complete: the labels in the code ("Fig. 7, round 3,
// step i") name the paper's steps.
//
// # Parameters
//
// Paillier and ring-Pedersen moduli of exactly [paillier.ModulusBits2048]
// (2048) bits, or [paillier.ModulusBits3072], products of Blum safe primes;
// ℓ = [zk.L] = 256, ε = [zk.Epsilon] = 512, ℓ' = [zk.LPrime] = 1280 (the
// MtA masks β are drawn from ±2^ℓ'); ℓ covers the group order of every
// curve (secp256k1's and P-256's n < 2^256, the Stark curve's n < 2^252),
// and since these are fixed numbers rather than functions of n, every
// bound of the proofs and of the MtA (no wrap-around modulo N) holds
// unchanged on each curve; [zk.Repetitions] = 128 for Πmod and
// Πprm, a constant; every Fiat-Shamir challenge from internal/transcript,
// bound to the session id, the prover and the verifier (SECURITY.md rule
// 2).
package cggmp
