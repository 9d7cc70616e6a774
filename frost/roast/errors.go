package roast

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/frost"
)

// Sentinel errors; functions wrap them with detail, test with errors.Is.
var (
	// ErrConfig means a CoordinatorConfig or SignerConfig is unusable: an
	// invalid suite, a missing key package, a run id of the wrong length,
	// a signer set smaller than the threshold, and the like.
	ErrConfig = errors.New("roast: invalid configuration")
	// ErrNotConfigured means a method was called on a nil or zero
	// Coordinator or Signer, which only NewCoordinator and NewSigner make.
	ErrNotConfigured = errors.New("roast: coordinator or signer not built by its constructor")
	// ErrInvalidMessage means a message failed to decode or is not
	// canonical. A coordinator that gets one from a signer names it
	// (FaultMalformed).
	ErrInvalidMessage = errors.New("roast: invalid message")
	// ErrWrongRun means a well-formed message carries another run's id; it
	// is ignored, since routing messages to runs is the caller's job and
	// such a message cannot disturb this run.
	ErrWrongRun = errors.New("roast: message of another run")
	// ErrFinished means the coordinator already has its signature (or gave
	// up); later messages are ignored.
	ErrFinished = errors.New("roast: run finished")
	// ErrUnknownSigner means a message came from a party that is not one of
	// the run's signers; it is ignored.
	ErrUnknownSigner = errors.New("roast: message from a party that is not a signer of the run")
	// ErrExcluded means a message came from a signer the coordinator has
	// already named malicious; it is ignored (the paper's set M).
	ErrExcluded = errors.New("roast: message from an excluded signer")
	// ErrDuplicate means a message is byte for byte one the coordinator
	// already took from the same signer, as an at-least-once transport may
	// deliver it; it is ignored and blames nobody.
	ErrDuplicate = errors.New("roast: duplicate message")
	// ErrTooManyFaults means so many signers were named malicious that no
	// session can complete any more: fewer than the threshold remain. It
	// cannot happen while at least the threshold of signers are honest.
	ErrTooManyFaults = errors.New("roast: too few signers left that are not malicious")
	// ErrInconsistentKey means every share of a session verified but their
	// aggregate did not: the public key package's verifying shares do not
	// match its group key. Only a broken key package causes it.
	ErrInconsistentKey = errors.New("roast: public key package inconsistent")

	// ErrInvalidShare is the cause of a FaultInvalidShare: a signature
	// share that fails verification against the signer's commitment and
	// verifying share (RFC 9591 section 5.4).
	ErrInvalidShare = errors.New("roast: invalid signature share")
	// ErrUnexpected is the cause of a FaultUnexpected: a message that no
	// outstanding request asked for, such as a second, different answer for
	// one session or a share before any request.
	ErrUnexpected = errors.New("roast: unexpected message")

	// ErrWrongMessage means a request asks the signer to sign a message
	// other than the one its run is for; the signer refuses it.
	ErrWrongMessage = errors.New("roast: request to sign another message")
	// ErrNotInSession means a request's signing package does not hold the
	// signer's commitment.
	ErrNotInSession = errors.New("roast: request without this signer's commitment")
	// ErrStaleCommitment means a request holds, for the signer, a commitment
	// other than the one it has outstanding: one it already used, or never
	// made. Signing it would reuse a nonce (SECURITY.md case 22), so the
	// signer refuses.
	ErrStaleCommitment = errors.New("roast: request for a commitment this signer does not hold")
	// ErrClosed means the signer was closed; its nonces are erased.
	ErrClosed = errors.New("roast: signer closed")
	// ErrNoEvidence means Fault.Verify was asked about a fault whose
	// evidence a third party cannot check (see Fault.Verify).
	ErrNoEvidence = errors.New("roast: fault holds no evidence a third party can check")
)

// FaultKind says how a signer deviated from the protocol.
type FaultKind uint8

// The kinds of fault a coordinator names a signer for. Each one is a
// deviation an honest signer never makes, so only malicious signers are
// named (over authenticated channels; see the package documentation).
const (
	// FaultInvalidShare: the signer's share of a session fails verification
	// against its commitment in the session's signing package. The fault
	// holds the package, the share and the commitment.
	FaultInvalidShare FaultKind = iota + 1
	// FaultMalformed: the message does not decode, is not canonical, or
	// carries a commitment or share in another signer's name. The fault
	// holds the message.
	FaultMalformed
	// FaultUnexpected: the message answers no outstanding request: a share
	// before the signer was asked for one, an answer for another session,
	// or a second, different answer (an equivocation). The fault holds the
	// message.
	FaultUnexpected
)

// String names the kind.
func (k FaultKind) String() string {
	switch k {
	case FaultInvalidShare:
		return "invalid share"
	case FaultMalformed:
		return "malformed message"
	case FaultUnexpected:
		return "unexpected message"
	}
	return fmt.Sprintf("FaultKind(%d)", uint8(k))
}

// Fault names a signer the coordinator excluded, with what it sent.
type Fault struct {
	// Party is the excluded signer.
	Party frost.Identifier
	// Kind is the deviation.
	Kind FaultKind
	// Session is the session the share was for (FaultInvalidShare), or the
	// session the signer had outstanding, 0 if none.
	Session uint32
	// Package is the session's signing package (FaultInvalidShare): it
	// holds the message and every commitment of the session.
	Package *frost.SigningPackage
	// Commitment is the signer's commitment in Package (FaultInvalidShare).
	Commitment *frost.SigningCommitments
	// Share is the signer's invalid share (FaultInvalidShare).
	Share *frost.SignatureShare
	// Message is the message as received.
	Message []byte
	// Err is the check that failed; it wraps ErrInvalidShare,
	// ErrInvalidMessage or ErrUnexpected.
	Err error
}

// Error names the signer, the kind and the check.
func (f *Fault) Error() string {
	if f == nil {
		return "roast: <nil fault>"
	}
	return fmt.Sprintf("roast: signer %s excluded (%s): %v", f.Party, f.Kind, f.Err)
}

// Unwrap returns the failed check.
func (f *Fault) Unwrap() error {
	if f == nil {
		return nil
	}
	return f.Err
}

// Verify re-checks a FaultInvalidShare against the group's public key
// package, as anyone holding it can: the share must fail verification
// against the commitment in the signing package. It returns nil when the
// evidence holds. Other kinds return ErrNoEvidence: whether a message was
// malformed or unexpected can be judged only by who received it.
//
// The evidence shows that the share is invalid; that Party sent it rests
// on the channel the coordinator received it over being authenticated.
func (f *Fault) Verify(pub *frost.PublicKeyPackage) error {
	if f == nil || f.Kind != FaultInvalidShare {
		return ErrNoEvidence
	}
	if pub == nil || f.Package == nil || f.Commitment == nil || f.Share == nil {
		return fmt.Errorf("%w: incomplete invalid-share fault", ErrNoEvidence)
	}
	if f.Share.Identifier() != f.Party || f.Commitment.Identifier() != f.Party {
		return fmt.Errorf("%w: share or commitment of another signer", ErrNoEvidence)
	}
	in, ok := f.Package.Commitment(f.Party)
	if !ok || !in.Equal(f.Commitment) {
		return fmt.Errorf("%w: commitment not in the signing package", ErrNoEvidence)
	}
	err := frost.VerifySignatureShare(f.Package.Suite(), f.Package, f.Share, pub)
	var cheaters *frost.CheatersError
	if errors.As(err, &cheaters) {
		return nil
	}
	if err == nil {
		return fmt.Errorf("%w: the share verifies", ErrNoEvidence)
	}
	return fmt.Errorf("%w: %w", ErrNoEvidence, err)
}
