// Package zktest holds the test helpers the zk proof packages share, so
// that each is written once: a transcript bound like a protocol binds one
// (Transcript), deterministic and failing randomness (Seeded,
// FailingReader), a deep copy of a proof through its encoding (Clone), the
// fixture keys and values the tests build their statements from (Pedersen,
// FixtureOwner, FuzzModulus, IntOf, PowerOfTwo, NatFromBig...), and the
// checks every proof runs: that Verify and VerifyWithKey (the verifier's
// keyed path) reach the same verdict (VerifyBoth, CheckVerifyWithKey), that
// the repetition count is a constant (RequireConstantRepetitions) and that
// the prover's time does not depend on its key (RequireKeyIndependentTiming).
//
// Only tests import it.
package zktest
