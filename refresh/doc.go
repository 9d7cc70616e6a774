// Package refresh manages the life of a threshold key after key generation
// without ever changing its public key: proactive refresh of the shares
// ([New]), repair of a lost share ([NewRepair], or [RepairStep1] to
// [RepairStep3] through a coordinator), and resharing to a new committee
// ([NewReshare]). It works on [dkg.KeyShare] for either curve, so FROST
// (Ed25519, secp256k1) and CGGMP ECDSA (secp256k1) keys are refreshed
// alike. Each machine is a [transport.Machine] driven by transport's round
// framework; its session id comes from [SessionID], [RepairSessionID] or
// [ReshareSessionID].
//
// # Proactive refresh
//
// The share renewal of Herzberg, Jarecki, Krawczyk and Yung (HJKY),
// "Proactive Secret Sharing, or: How to Cope with Perpetual Leakage"
// (CRYPTO 1995): every party i deals a Feldman sharing δ_i of zero,
// δ_i(0) = 0, and adds the values u_ji = δ_j(i) it receives to its share:
// x_i' = x_i + Σ_j u_ji. The shared secret stays the same, every share
// changes, and shares stolen before the refresh are useless with shares
// stolen after it. The commitment's constant term must be the identity,
// checked when it is decoded ([vss.DecodeZeroCommitment]): a dealer that
// shares a non-zero value would shift the key, and is named instead
// (SECURITY.md case 20, [ErrNonZeroSharing]). Public shares move by the
// summed commitments; the group key and the threshold are asserted
// unchanged.
//
// # Resharing
//
// Desmedt and Jajodia, "Redistributing Secret Shares to New Access
// Structures and Its Applications" (GMU tech. report ISSE-TR-97-01, 1997),
// made verifiable as in Wong, Wang and Wing, "Verifiable Secret
// Redistribution for Archive Systems" (IEEE SISW 2002): any t old share
// holders i deal w_i = λ_i·x_i (λ_i the Lagrange coefficient of i at 0
// among the dealers) to a new committee of any size with any threshold t';
// new party j's share is x'_j = Σ_i u_ij. Each dealer's Feldman commitment
// must open to λ_i·X_i, its public share weighted by its Lagrange
// coefficient, so the new sharing is of the same secret and a dealer who
// shares anything else is named. Resharing rounds are asymmetric (dealers
// send, receivers receive); they use [transport.Expect]'s From and To.
//
// # Dealing rounds
//
// Refresh and resharing run one protocol: dealer i shares w_i (0 in a
// refresh, λ_i·x_i in resharing) among the receivers (every party in a
// refresh, the new committee in resharing), in four steps:
//
//   - D1, dealer i: draws δ_i of degree t-1 with δ_i(0) = w_i, broadcasts
//     its Feldman commitment ε_i and sends each receiver j its
//     u_ij = δ_i(j).
//   - D2, everyone: checks every commitment (its length, SECURITY.md case
//     17, and its constant term) and aborts naming every bad dealer;
//     receiver i checks u_ji·G against ε_j and complains about j
//     otherwise.
//   - D3: complaints are settled in public (GJKR, below).
//   - D4, receiver i: combines the values (x_i' = x_i + Σ_j u_ji in a
//     refresh, x'_i = Σ_j u_ji in resharing) and the public shares from the
//     summed commitments; the group key is asserted unchanged.
//
// On the wire:
//
//  1. Dealers: ε_i, and u_ij to each receiver (D1; D2 on receipt).
//  2. Receivers: their complaint lists, empty when all is well; a list then
//     doubles as a confirmation to everyone. Its echo vector proves that the
//     receivers saw the same commitments. Without complaints the run ends
//     (D4) after the framework's echo-only round has checked the lists
//     (with identities, the confirmation round takes its place; see
//     "Agreement").
//  3. Only after a complaint, dealers: the disputed values (D3).
//  4. Everyone: empty direct messages whose echo vector checks the reveals
//     before the verdict: a missing or bad reveal aborts naming the dealer;
//     a valid one settles the complaint, the accuser adopts the value, and
//     the run completes (D4).
//
// # Repair
//
// Laing and Stinson, "A Survey and Refinement of Repairable Threshold
// Schemes" (ePrint 2017/1155), in the three-step flow of the Zcash
// Foundation's FROST (frost-core, keys/repairable.rs). Helpers H (at least
// t share holders, [NewRepairSet]) restore the share x_r = f(r) of party r:
//
//   - step 1, helper i ([RepairStep1]): v_i = ζ_i·x_i, where ζ_i is i's
//     Lagrange coefficient among H evaluated at r's identifier, so
//     Σ_i v_i = f(r). Split v_i into random summands δ_{i→j}, one per
//     helper j, and send δ_{i→j} privately to j.
//   - step 2, helper j ([RepairStep2]): σ_j = Σ_i δ_{i→j}, sent privately
//     to r.
//   - step 3, party r ([RepairStep3]): x_r = Σ_j σ_j.
//
// Each σ_j is a sum of values that are uniformly random to its holder, so
// no helper learns anything about x_r or another helper's share, and r
// learns x_r only.
//
// This package makes the repair verifiable, so that a helper that sends a
// wrong value is named rather than merely detected. With step 1, helper i
// also publishes D_{i→j} = δ_{i→j}·G for every helper j ([RepairCommitment]).
// Then anyone checks Σ_j D_{i→j} = ζ_i·X_i against i's public share X_i (a
// helper whose summands do not add up to its weighted share is named by
// everybody); helper j checks δ_{i→j}·G = D_{i→j} and otherwise complains
// about i; and r checks σ_j·G = Σ_i D_{i→j}, naming j otherwise. When all
// checks pass, x_r·G = Σ_j Σ_i D_{i→j} = Σ_i ζ_i·X_i = X_r, so r's final
// comparison with its public share cannot fail. The points hide the
// summands as Feldman commitments hide coefficients (discrete logarithm),
// and their sums are the already public ζ_i·X_i. The σ check is private to
// r (σ_j is secret), so a bad σ is reported by r alone; the helpers, who
// learnt nothing, complete.
//
// [NewRepair] runs the steps over the network, helpers and r alike. Only
// the helpers send; r listens, so its private verdict on the σ values never
// holds up a helper:
//
//  1. Helpers (step 1): broadcast D_{i→·}, and send each other helper j its
//     δ_{i→j}. Everyone checks every commitment against the helper's public
//     share and aborts naming every bad helper.
//  2. Helpers (step 2): broadcast complaints (empty when all is well), and
//     send σ_j to r, or an empty message while j complains.
//  3. Without complaints: helpers broadcast an empty confirmation, whose
//     echo checks the complaint lists; then r checks every σ_j and combines
//     them (step 3). With complaints instead, helpers broadcast the disputed
//     summands.
//  4. Only after a complaint, helpers: direct messages to every party,
//     carrying the echo of the reveals; an accuser whose complaints were
//     settled by valid reveals sends its σ_j to r in it. A bad reveal names
//     the accused helper; otherwise r finishes as in round 3.
//
// With identities every party, r too, then confirms the key's public data
// in one more round (see "Agreement").
//
// # Complaints and blame
//
// Refresh, reshare and repair send secret values directly and check them
// against public commitments. A receiver whose value fails complains in a
// broadcast; the accused then reveals the disputed value in public and
// everyone checks it, as in Gennaro, Jarecki, Krawczyk and Rabin (GJKR),
// "Secure Distributed Key Generation for Discrete-Log Based Cryptosystems"
// (J. Cryptology 2007), steps 1(b) to 1(d): a missing or bad reveal aborts
// naming the accused, a valid one settles the complaint and the run
// completes, so a false accusation cannot frame an honest party. Every
// broadcast is echo-checked by the transport framework, and every verdict
// waits for the echo check of what it judges. Failures are
// [*transport.AbortError] values naming the culprits; a caller's key share
// is never modified, so a failed run leaves every party with its old share.
//
// # Agreement
//
// Each configuration ([Config], [ReshareConfig], [RepairConfig]) takes an
// optional Identity, the party's long-term Ed25519 identity key and every
// other party's. With it every message is signed and the run gets the
// agreement layer of package transport (docs/agreement.md): every honest
// party ends the run the same way, all with the same new public data or
// all aborting naming the same culprits, never an honest one. Its
// MaxFaulty, the number of malicious parties the run withstands, defaults
// to the key's threshold t less one: in a resharing the OLD threshold,
// since the old holders hold the key now ([ReshareConfig] says more).
// Peers may hold the keys of parties outside the run, which are left out,
// so a wallet passes the key's record ([dkg.KeyShare.Identities],
// [Public.Identities]), with the keys of any joining parties added for a
// resharing. Without an Identity a run keeps the older contract, broadcast
// with abort, under which a malicious party can make one honest party
// finish and another abort: in a refresh, one honest party would then move
// to its new share while another kept its old one, which no longer fits.
//
// Every run, with an Identity or not, carries a context
// ([transport.Config]'s Context): a digest of the key's public data (with
// its record of identity keys), the helpers and lost party of a repair,
// the dealers, new committee and new threshold of a resharing, and the
// run's identity keys. A party holding other public data (a share of
// another generation of the key, say) ends the run at once with
// [transport.ErrContextMismatch], and nobody is named.
//
// Every run finishes with [transport.FinishConfirmed]: with an Identity,
// every party signs a confirmation of the key's public data after the run
// (group key, every public share, chain code, identity keys) in one more
// round, and a party commits only with every party's confirmation. What
// to store, and when:
//
//   - The machine's Result is a new share (or nil, for a dealer that
//     leaves and for a helper): store it, sealed, with the certificate of
//     every party's confirmation ([transport.Certified] on the machine),
//     and only then delete the old share. The certificate proves to every
//     party of the run that all confirmed.
//   - An error wrapping [transport.ErrUnconfirmed]: this party confirmed,
//     but the run ended before it held every confirmation, and it gets no
//     new share. Keep the old share in use: under the model of
//     docs/agreement.md no honest party committed either, and the honest
//     parties' old shares still fit each other. Should another party show a
//     certificate of the run all the same, pass it to the machine's Commit
//     ([transport.Committer]): it returns the new share this party staged,
//     and only then is the old share deleted.
//   - Any other error: keep the old share; no honest party changed its
//     share.
//
// The key's record of identity keys ([Public.Identities]) follows the key.
// A refresh keeps it, and a refresh with an Identity gives a key without
// one the run's keys; a run with an Identity on a key with a record must
// be signed with the record's keys (ErrConfig otherwise). A resharing with
// an Identity records the new committee's keys from its Peers; without
// one it keeps the old record's keys when the record knows every new
// party, and records none otherwise. A repaired share has the key's
// record, like every other share of the key.
//
// # Composition with CGGMP
//
// Results are plain [dkg.KeyShare] values, so a CGGMP key refresh can run
// this package's refresh for the ECDSA share and renew its Paillier and
// ring-Pedersen parameters (aux-info) alongside, binding both runs to one
// nonce; nothing here depends on that.
//
// Two sub-packages hold operations kept apart from this everyday API:
// refresh/dealer imports a single secret key into shares and exports one
// back (single points of trust), and refresh/backup seals a key share under
// a passphrase.
package refresh
