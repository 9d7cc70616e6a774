// Package robust signs with a cggmp key robustly: given every holder of a
// t-of-n key, it runs cggmp signing among a signer set of t parties, and
// when the attempt aborts it picks another set and tries again, until one
// attempt returns a signature. Of the n parties at most f = n − t may be
// malicious; the honest t then always end up signing together.
//
// It rests on two things. CGGMP21 (Canetti, Gennaro, Goldfeder,
// Makriyannis and Peled, "UC Non-Interactive, Proactive, Threshold ECDSA
// with Identifiable Aborts", ePrint 2021/060) is the variant of threshold
// ECDSA with identifiable abort: a signing run that fails names a party
// that deviated (package cggmp, "Identifiable abort": bad proofs and
// malformed values, Fig. 7's identification after a failed consistency
// check, Fig. 8's check of each partial signature). The agreement layer of
// package transport (docs/agreement.md) makes that outcome the same at
// every honest signer: with identities (cggmp's PresignConfig.Identity and
// SignConfig.Identity) a run ends with every honest signer holding the
// signature, or with every honest signer holding the same verdict and the
// same accepted blames after the conclusion. The outcome of an attempt is
// therefore a value every honest party, or one coordinator, can compute
// the next signer set from, the same for all.
//
// # Sans-I/O core and driver
//
// [Plan] is the deterministic core: it chooses the signer set of each
// attempt ([Plan.Next]) from the outcomes of the earlier ones
// ([Plan.Record]), and does no I/O. [Sign] is the driver: it asks the plan
// for a set, runs the attempt through a caller-supplied [Runner] (one
// cggmp.NewFullSign run among the set, or NewPresign then NewSign), reads
// the outcome of a failed attempt from its error ([OutcomeOf]) and loops.
// It runs the attempts one after the other, in the calling goroutine.
//
// Each attempt's run scopes the identities to its signers (cggmp keeps the
// keys of Identity.Peers that belong to the signer set) and withstands
// f' = t − 1 malicious signers, the size of the set less one, which is
// cggmp's default for a set of t signers. With f' = t − 1 the run's
// guarantee holds whenever the set holds one honest party, however many
// malicious ones are in it; the price is that a blame names its target only
// with every signer behind it (docs/agreement.md, "Limits"), so an attempt
// names a culprit only on self-verifying evidence: two different messages
// it signed for one slot, or an echo or view it signed holding what another
// party never signed.
//
// # Attempts
//
// The plan keeps the parties proven malicious (culprits, excluded for
// good) and the conflicts: the pairs of parties of an attempt of which one
// blamed the other in the conclusion without that blame naming anyone (a
// party silent on one, a bad message only one saw, a complaint: any blame
// is a [transport.BlameError] entry). Under the agreement layer's model
// (authenticated channels, synchrony) an honest party never blames another
// honest party, so every conflict holds a malicious party, and the honest
// parties, at least t of them, are free of conflicts with each other.
// Neither party of a conflict is named: either may be the honest one. The
// rules:
//
//  1. A culprit of an attempt's verdict is a culprit for good, with the
//     attempt's error as its evidence.
//  2. A blame of an attempt by one of its signers of another is a
//     conflict: the two are never again in one signer set.
//  3. A party in conflict with more parties than may be malicious,
//     counting the culprits (more than f), is a culprit ([ErrConflicts]):
//     one of its opponents at least is honest, and an honest party is only
//     ever in conflict with malicious ones.
//  4. The next set is the first set of t parties, none a culprit, no two
//     in conflict, in the order of fewest conflicts, then lowest party id,
//     that has not been tried before without effect (an attempt that named
//     nobody and held no blame among its signers is such a set).
//
// The bound. Say a failed attempt is traceable when it names a culprit or
// holds a blame among its signers. Give each malicious party M that is not
// yet a culprit the potential f + 1 − |N(M) ∪ C|, where N(M) are the
// parties in conflict with M that are not culprits and C the culprits
// other than M; it is at least 1 until rule 3 names M, and never grows. A
// traceable attempt names a culprit (its potential goes) or adds a
// conflict inside the set, which holds a malicious M whose N(M) grows by a
// party not in N(M) ∪ C. Each traceable failure thus lowers the sum, at
// most f(f+1) at the start, by one at least, and the set of honest parties
// is never excluded, so an attempt among honest parties only comes at the
// latest after f(f+1) traceable failures: at most f(f+1) + 1 attempts
// ([Plan.Bound]): 7 for 3-of-5, 21 for 5-of-9. When every failure names a
// culprit, as with identifiable aborts proven by evidence, the bound is
// f + 1 = n − t + 1. In the chaos tests (malicious parties that are
// silent, slow, send invalid shares, equivocate or withhold), a failure
// usually draws a blame from every honest signer of the set at once, and
// rule 3 convicts quickly: 200 seeded runs of 3-of-5 took at most 4
// attempts, and sampled runs of 5-of-9 at most 6 (the tests log the
// counts).
//
// An attempt that is not traceable makes no progress, and the plan only
// refuses to repeat its set: under the agreement layer's model it needs a
// malicious party that aborts without a cause, which an honest party
// cannot tell from one that aborts for a cause it found (docs/agreement.md
// names nobody for it). Such attempts are outside the bound; [Config]'s
// MaxAttempts caps them. An attempt that fails for a local reason naming
// nobody, or on a key mismatch between honest parties, ends the signing
// ([ErrAttempt]): another set would not do better.
//
// # Where the driver runs
//
// The plan needs every attempt's outcome as an honest signer of it holds
// it. [Sign] runs where that is at hand: in one process holding every
// party's machine (in-process signing, tests), or at a coordinator that
// has each attempt run among its signers and takes the outcome one honest
// signer reports. A coordinator that cannot tell which signer is honest
// must trust the report it takes: a malicious signer's report could name
// an honest party. Signatures are checked ([ErrBadSignature]) and need no
// trust. Running several candidate sets at once (the concurrent
// presigning) is left to a Runner; the plan itself is sequential.
//
// # Reports
//
// [Result] lists the culprits, each with its evidence (the error chain of
// the attempt that proved it, or the conflicts that convicted it), and the
// conflicts, with the suspects: the parties of the conflicts in which
// neither party is a culprit. Suspects are not named: one party of each conflict is
// malicious, but which one is not proven.
package robust
