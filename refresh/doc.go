// Package refresh manages the life of a threshold key after key generation
// without ever changing its public key: proactive refresh of the shares,
// repair of a lost share, and resharing to a new committee. It works on
// dkg.KeyShare for either curve, so FROST (Ed25519, secp256k1) and CGGMP
// ECDSA (secp256k1) keys are refreshed alike.
//
// # Proactive refresh (New)
//
// The periodic share renewal of Herzberg, Jarecki, Krawczyk and Yung,
// "Proactive Secret Sharing, or: How to Cope with Perpetual Leakage"
// (CRYPTO 1995): every party deals a Feldman sharing of zero,
// f_j(0) = 0, and adds the shares it receives to its own. The shared secret stays the same, every share
// changes, and shares stolen before the refresh are useless with shares
// stolen after it. The commitment's constant term must be the identity,
// checked when it is decoded (vss.DecodeZeroCommitment): a dealer that
// shares a non-zero value would shift the key, and is named instead
// (SECURITY.md case 20, ErrNonZeroSharing). Public shares move by the
// summed commitments; the group key and the threshold are asserted
// unchanged.
//
// # Repair (RepairStep1/2/3, NewRepair)
//
// Laing and Stinson, "A Survey and Refinement of Repairable Threshold
// Schemes" (ePrint 2017/1155), with the three-step flow of the Zcash
// Foundation's FROST (frost-core, keys/repairable.rs). Helpers H (at least
// t share holders) restore the share x_r = f(r) of party r:
//
//   - step 1, helper i: v_i = ζ_i·x_i, where ζ_i is i's Lagrange
//     coefficient among H evaluated at r's identifier, so Σ_i v_i = f(r).
//     Split v_i into random summands δ_{i→j}, one per helper j, and send
//     δ_{i→j} privately to j.
//   - step 2, helper j: σ_j = Σ_i δ_{i→j}, sent privately to r.
//   - step 3, party r: x_r = Σ_j σ_j.
//
// Each σ_j is a sum of values that are uniformly random to its holder, so
// no helper learns anything about x_r or another helper's share, and r
// learns x_r only.
//
// This package makes the repair verifiable, so that a helper that sends a
// wrong value is named rather than merely detected. With step 1, helper i
// also publishes D_{i→j} = δ_{i→j}·G for every helper j. Then anyone checks
// Σ_j D_{i→j} = ζ_i·X_i against i's public share X_i (a helper whose
// summands do not add up to its weighted share is named by everybody);
// helper j checks δ_{i→j}·G = D_{i→j} and otherwise complains about i (the
// Machine settles complaints in public, see below); and r checks
// σ_j·G = Σ_i D_{i→j}, naming j otherwise. When all checks pass,
// x_r·G = Σ_j Σ_i D_{i→j} = Σ_i ζ_i·X_i = X_r, so r's final comparison with
// its public share cannot fail. The points hide the summands as Feldman
// commitments hide coefficients (discrete logarithm), and their sums are
// the already public ζ_i·X_i. The σ check is private to r (σ_j is secret),
// so a bad σ is reported by r alone; the helpers, who learnt nothing,
// complete. Both plain functions, for a coordinator-based deployment, and
// a Machine are provided.
//
// # Resharing (NewReshare)
//
// Desmedt and Jajodia, "Redistributing Secret Shares to New Access
// Structures and Its Applications" (GMU tech. report ISSE-TR-97-01, 1997),
// made verifiable as in Wong, Wang and Wing, "Verifiable Secret
// Redistribution for Archive Systems" (IEEE SISW 2002): any t old share
// holders deal λ_i·x_i to a new committee of any size with any threshold.
// Each dealer's Feldman commitment must open to λ_i·X_i, its public share
// weighted by its Lagrange coefficient, so the new sharing is of the same
// secret and a dealer who shares anything else is named. Resharing rounds
// are asymmetric (dealers send, receivers receive); they use
// transport.Expect's From and To.
//
// # Complaints and blame
//
// Refresh, reshare and repair send secret values directly and check them
// against public commitments. A receiver whose value fails complains in a
// broadcast; the accused then reveals the disputed value in public and
// everyone checks it, as in Gennaro, Jarecki, Krawczyk and Rabin, "Secure
// Distributed Key Generation for Discrete-Log Based Cryptosystems" (J.
// Cryptology 2007): a missing or bad reveal aborts naming the accused, a
// valid one settles the complaint and the run completes, so a false
// accusation cannot frame an honest party. Every broadcast is echo-checked
// by the transport framework. Failures are *transport.AbortError values
// naming the culprits; a caller's key share is never modified, so a failed
// run leaves every party with its old share.
//
// # Composition with CGGMP
//
// Results are plain dkg.KeyShare values, so a CGGMP key refresh can run
// this package's refresh for the ECDSA share and renew its Paillier and
// ring-Pedersen parameters (aux-info) alongside, binding both runs to one
// nonce; nothing here depends on that.
//
// Two sub-packages hold operations kept apart from this everyday API:
// refresh/dealer imports a single secret key into shares and exports one
// back (single points of trust), and refresh/backup seals a key share under
// a passphrase.
package refresh
