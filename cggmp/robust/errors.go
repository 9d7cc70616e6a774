package robust

import "errors"

// Sentinel errors; functions wrap them with detail, test with errors.Is.
var (
	// ErrConfig means a Config, a party set or a threshold is unusable: a
	// threshold below 1 or above the number of parties, a repeated or zero
	// party, a digest that is not 32 bytes, no public key, no Runner.
	ErrConfig = errors.New("robust: invalid configuration")
	// ErrExhausted means no further attempt is possible: fewer than the
	// threshold of parties are left that are neither culprits nor in
	// conflict with each other, or Config.MaxAttempts was reached. It cannot
	// happen while at least the threshold of parties are honest and every
	// attempt ends in a way the plan can trace (see the package
	// documentation, "Attempts").
	ErrExhausted = errors.New("robust: no signer set left to try")
	// ErrAttempt means an attempt ended in a way that says nothing about
	// its signers: a local failure, a key mismatch between honest parties
	// (transport.ErrContextMismatch), or an error that is not the run's
	// *transport.AbortError. Signing stops; it wraps the attempt's error.
	ErrAttempt = errors.New("robust: attempt failed for a reason that names no signer")
	// ErrBadSignature means the Runner returned a signature that does not
	// verify under Config.PublicKey: a bug of the Runner, since every
	// signature a cggmp signing machine returns is verified.
	ErrBadSignature = errors.New("robust: the runner returned an invalid signature")
	// ErrConflicts is the evidence against a party convicted by its
	// conflicts: it is in conflict with more parties than may be malicious
	// (counting the proven culprits), so one of them at least is honest,
	// and an honest party is only ever in conflict with a malicious one.
	ErrConflicts = errors.New("robust: in conflict with more parties than may be malicious")
	// ErrRecord means Plan.Record was given a signer set that is not a set
	// of at least the threshold of the plan's remaining parties.
	ErrRecord = errors.New("robust: outcome for a signer set the plan cannot have chosen")
)
