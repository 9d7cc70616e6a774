// Package roast implements ROAST (T. Ruffing, V. Ronge, E. Jin,
// J. Schneider-Bensch, D. Schröder, "ROAST: Robust Asynchronous Schnorr
// Threshold Signatures", ACM CCS 2022, ePrint 2022/550) over the FROST
// signing of package frost, for every suite it has: FROST(Ed25519,
// SHA-512), FROST(secp256k1, SHA-256) and the BIP-340 taproot suite, with
// or without a BIP-341 tweak.
//
// FROST aborts when a signer of the session withholds or spoils its share;
// someone must then pick other signers and try again, and a wrong pick
// waits forever for a signer that never answers. ROAST is that retry done
// so that it always ends: a coordinator among n signers, of whom at least
// t (the key's threshold) are honest and keep answering, outputs a valid
// signature over an asynchronous network (messages arrive in any order,
// after any finite delay; no timeouts), however the other n − t behave.
//
// # The paper in this package
//
//   - Section 2 (preliminaries): ROAST wraps any semi-interactive threshold
//     signature scheme with identifiable aborts, one whose signers publish
//     presignatures before the message and the signer set are fixed, and
//     whose signature shares can be verified one by one. RFC 9591 FROST is
//     one: the presignature is a signer's commitment pair
//     (frost.SigningCommitments), the share is checked with
//     frost.VerifySignatureShare (RFC 9591 section 5.4). The paper's own
//     variant FROST3 (its section 2.3) aggregates the nonces; this package
//     keeps RFC 9591's signing, byte for byte, so its signatures are the
//     frost package's.
//   - The ROAST algorithm (the paper's coordinator and signer): [Coordinator]
//     keeps the set R of responsive signers, each with a fresh commitment
//     and nothing outstanding, and the set M of signers shown malicious.
//     Whenever R holds t signers it starts a new FROST session with exactly
//     them, sends each the session's signing package ([Request]) and
//     empties R. A signer answers ([Response]) with its share and a fresh
//     commitment for its next session; a share that verifies is kept and
//     its signer goes back into R, one that does not puts its signer into
//     M for good. The first session whose t shares are in gives the
//     signature. Every signer is thus outstanding in at most one session,
//     and sessions run concurrently.
//   - The robustness theorem: the coordinator outputs a valid signature
//     after starting at most n − t + 1 sessions. When a session starts,
//     each of the k earlier ones (none complete yet) has a member that has
//     not answered it validly, a different one for each (such a member is
//     still outstanding there, or was shown malicious there: either way it
//     is in no later session), and the new session's t signers come from R,
//     so none of those: k + t ≤ n. The t honest signers always answer, so
//     one of the sessions completes.
//     [Coordinator.Sessions] never exceeds the bound, which the tests
//     check in every run.
//
// # Faults and evidence
//
// The coordinator names a signer (a [*Fault], listed by
// [Coordinator.Faults]) only for what an honest signer never does, so an
// honest signer is never named:
//
//   - [FaultInvalidShare]: its share fails verification against its
//     commitment in the session's signing package. The fault holds the
//     package, the commitment and the share, and [Fault.Verify] lets
//     anyone with the public key package check it again.
//   - [FaultMalformed]: its message does not decode ([DecodeResponse]
//     validates every field; SECURITY.md rules 1 and 9), or carries a
//     commitment or share in another signer's name.
//   - [FaultUnexpected]: its message answers no request: a share before it
//     was asked, an answer for another session, or a second, different
//     answer for the same one (an equivocation).
//
// A message byte for byte equal to one already taken from the same signer
// is ignored ([ErrDuplicate]), so a transport that delivers a message twice
// gets nobody named; so is a well-formed message of another run
// ([ErrWrongRun]). A silent or withholding signer is never named: over an
// asynchronous network it cannot be told from a slow one, and it costs the
// run at most the one session it holds up.
//
// The coordinator attributes a message to the party the caller says sent
// it, so the channel must authenticate the signers (for example
// transport/tlsnet); the messages themselves carry no signature. Shares
// and commitments are public values; they need no confidentiality.
//
// # Signers and nonces
//
// A [Signer] holds one commitment at a time: [NewSigner] draws the first,
// and each answer to a request replaces it. It signs a request only if the
// request's package holds exactly that commitment for it, has at least t
// signers, and is for the run's message; anything else is refused without
// using the nonces. [frost.Sign] consumes and zeroes the nonces, so nothing
// signs twice with one nonce pair (SECURITY.md rule 8 and case 22), even
// for a coordinator that replays an old request or puts one commitment
// into two sessions. An exact copy of the last request it answered gets the
// same answer again, without signing again. [Signer.Close] erases the
// outstanding nonces when the run is over.
//
// The coordinator is trusted for liveness only, as in the paper: a
// malicious one can stall the run, or make a signer answer sessions of its
// choosing one after another, each with fresh nonces and on the run's
// message only, which is FROST's setting of concurrent signing sessions;
// it cannot forge.
//
// # Messages
//
// Both machines have no I/O, start no goroutine and read no clock. The
// caller moves their messages: a signer's first [Response] from
// [NewSigner] and its answers from [Signer.Receive] to
// [Coordinator.Receive], and the coordinator's [Outbound] requests to
// [Signer.Receive], over any channel that authenticates the signers, in
// any order. Each message is
//
//	version 1 || kind (1 request, 2 response) || len(run id) || run id ||
//	session (4 bytes, big-endian) || body
//
// where a request's body is frost's signing package encoding and a
// response's is the share (absent in session 0) and the commitment in
// frost's encodings. [DecodeRequest] and [DecodeResponse] accept exactly
// one encoding of each message and are fuzzed.
//
// Several runs may share signers and a coordinator; each needs its own
// machines and its own run id, which lets the caller route the messages.
package roast
