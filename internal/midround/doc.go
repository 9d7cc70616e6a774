// Package midround fuzzes a protocol's transport.Machines from real
// mid-protocol states (SECURITY.md rules 6 and 9). It runs every party of
// an honest run in memory, with no network and no clock: it calls Start
// and Deliver itself and routes each returned message to its recipients in
// a fixed order. When the run reaches the round under test it replaces
// one real message, from one peer to the party under test, with fuzzer
// input, and checks what the honest parties make of it:
//
//   - nothing panics;
//   - Start and Deliver return nil, a *transport.MessageError (or several
//     joined) or a *transport.AbortError, nothing else;
//   - an honest party that aborts names the peer whose message was
//     changed, and nobody else. The one exception is SECURITY.md's
//     "Transport assumptions" for runs without identities, which is what
//     the fuzzers run (the agreement layer of docs/agreement.md signs
//     echoes, and is not fuzzed here): an echo vector that gets party j's
//     broadcast wrong lets its sender frame j, so a changed echo slot may
//     name the party of that slot;
//   - an honest party that finishes returns an output that verifies
//     (Protocol.Check);
//   - when every honest party received the same changed broadcast, they
//     all end alike: all finish, or all name its sender alone (a party
//     still waiting for that sender alone counts, since a round timeout
//     would name it).
//
// Runs must be deterministic (Rand) so that the seeds, the honest messages
// of every round recorded in one process, replay in the fuzzing workers,
// which are other processes: the fuzzer starts from valid encodings, and an
// unchanged seed is the honest run itself.
//
// TEST ONLY: its functions take a testing.TB, and Rand refuses to run
// outside a test binary.
package midround
