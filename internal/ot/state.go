package ot

import (
	"encoding/binary"
	"fmt"

	"github.com/gtank/ristretto255"

	"github.com/mosaic-mpc/mosaic/transport"
)

// This file keeps a finished setup for later sessions: forking it into a
// fresh extension session, and encoding it for storage.
//
// A pairwise setup is made once (after key generation, and again after
// every refresh) and then serves many signing sessions. Each signing
// session forks the setup: the fork keeps the base-OT keys and Δ but
// derives a new session id from the setup's and the signing session's, so
// every column, check challenge and row hash of the fork is bound to that
// signing session and a message of one session never lines up in another.
// KOS15 reuses the base OTs across any number of extensions; what it must
// never do is go on after a failed consistency check, which may tell the
// receiver one bit of Δ per failure. A fork's failure does not reach the
// stored setup, so the caller must retire the setup then (the DKLs23
// package does, by refusing to sign until the pair runs its setup again).

// Encoded state tags, distinct from the message tags.
const (
	tagSenderState   byte = 0x11
	tagReceiverState byte = 0x12
)

// forkID derives the session id of a fork of sess for label.
func forkID(sess Session, label []byte) []byte {
	t := sess.transcript("fork")
	t.AppendBytes("label", label)
	return t.ChallengeBytes("session id", 32)
}

// Fork returns a new sender with this setup's Δ and base-OT keys whose
// extensions are bound to label (a signing session id, 1 to 256 bytes) and
// start at batch 0. The setup must be finished and must not have failed a
// check.
func (s *Sender) Fork(label []byte) (*Sender, error) {
	switch {
	case s == nil || s.seeds == nil:
		return nil, fmt.Errorf("%w: fork before setup", ErrState)
	case s.aborted:
		return nil, ErrAborted
	case len(label) == 0 || len(label) > maxSessionID:
		return nil, fmt.Errorf("%w: fork label of %d bytes", ErrSession, len(label))
	}
	sess := s.sess.clone()
	sess.ID = forkID(s.sess, label)
	return &Sender{sess: sess, delta: s.delta, seeds: append([][32]byte(nil), s.seeds...), a: []*ristretto255.Scalar{}}, nil
}

// Fork returns a new receiver with this setup's base-OT keys whose
// extensions are bound to label and start at batch 0 (see Sender.Fork).
func (r *Receiver) Fork(label []byte) (*Receiver, error) {
	switch {
	case r == nil || r.keys == nil:
		return nil, fmt.Errorf("%w: fork before setup", ErrState)
	case len(label) == 0 || len(label) > maxSessionID:
		return nil, fmt.Errorf("%w: fork label of %d bytes", ErrSession, len(label))
	}
	sess := r.sess.clone()
	sess.ID = forkID(r.sess, label)
	return &Receiver{sess: sess, keys: append([][2][32]byte(nil), r.keys...)}, nil
}

// Session returns the session the sender's extensions are bound to.
func (s *Sender) Session() Session {
	if s == nil {
		return Session{}
	}
	return s.sess.clone()
}

// Session returns the session the receiver's extensions are bound to.
func (r *Receiver) Session() Session {
	if r == nil {
		return Session{}
	}
	return r.sess.clone()
}

// appendSession writes sess as id length (1 byte), id, sender, receiver
// (4 bytes each).
func appendSession(out []byte, sess Session) []byte {
	out = append(out, byte(len(sess.ID)-1))
	out = append(out, sess.ID...)
	out = binary.BigEndian.AppendUint32(out, uint32(sess.Sender))
	return binary.BigEndian.AppendUint32(out, uint32(sess.Receiver))
}

// readSession parses appendSession's encoding and returns the rest.
func readSession(b []byte) (Session, []byte, error) {
	if len(b) < 1 {
		return Session{}, nil, fmt.Errorf("%w: empty state", ErrMalformed)
	}
	n := int(b[0]) + 1
	if len(b) < 1+n+8 {
		return Session{}, nil, fmt.Errorf("%w: truncated state", ErrMalformed)
	}
	sess := Session{
		ID:       append([]byte(nil), b[1:1+n]...),
		Sender:   transport.PartyID(binary.BigEndian.Uint32(b[1+n:])),
		Receiver: transport.PartyID(binary.BigEndian.Uint32(b[5+n:])),
	}
	if err := sess.validate(); err != nil {
		return Session{}, nil, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return sess, b[9+n:], nil
}

// MarshalBinary encodes a finished sender setup: the session, Δ and the κ
// base-OT keys it holds. The encoding is secret. A sender whose check
// failed, or whose setup is not finished, does not encode.
func (s *Sender) MarshalBinary() ([]byte, error) {
	switch {
	case s == nil || s.seeds == nil:
		return nil, fmt.Errorf("%w: setup not finished", ErrState)
	case s.aborted:
		return nil, ErrAborted
	}
	out := appendSession([]byte{tagSenderState}, s.sess)
	out = append(out, s.delta[:]...)
	for i := range s.seeds {
		out = append(out, s.seeds[i][:]...)
	}
	return out, nil
}

// ParseSenderState decodes MarshalBinary's encoding of a sender.
func ParseSenderState(b []byte) (*Sender, error) {
	if len(b) < 1 || b[0] != tagSenderState {
		return nil, fmt.Errorf("%w: not a sender state", ErrMalformed)
	}
	sess, rest, err := readSession(b[1:])
	if err != nil {
		return nil, err
	}
	if len(rest) != 16+Kappa*32 {
		return nil, fmt.Errorf("%w: sender state of %d bytes", ErrMalformed, len(b))
	}
	s := &Sender{sess: sess, seeds: make([][32]byte, Kappa), a: []*ristretto255.Scalar{}}
	copy(s.delta[:], rest[:16])
	for i := range s.seeds {
		copy(s.seeds[i][:], rest[16+32*i:])
	}
	return s, nil
}

// MarshalBinary encodes a finished receiver setup: the session and both
// keys of every base OT. The encoding is secret.
func (r *Receiver) MarshalBinary() ([]byte, error) {
	if r == nil || r.keys == nil {
		return nil, fmt.Errorf("%w: setup not finished", ErrState)
	}
	out := appendSession([]byte{tagReceiverState}, r.sess)
	for i := range r.keys {
		out = append(out, r.keys[i][0][:]...)
		out = append(out, r.keys[i][1][:]...)
	}
	return out, nil
}

// ParseReceiverState decodes MarshalBinary's encoding of a receiver.
func ParseReceiverState(b []byte) (*Receiver, error) {
	if len(b) < 1 || b[0] != tagReceiverState {
		return nil, fmt.Errorf("%w: not a receiver state", ErrMalformed)
	}
	sess, rest, err := readSession(b[1:])
	if err != nil {
		return nil, err
	}
	if len(rest) != Kappa*64 {
		return nil, fmt.Errorf("%w: receiver state of %d bytes", ErrMalformed, len(b))
	}
	r := &Receiver{sess: sess, keys: make([][2][32]byte, Kappa)}
	for i := range r.keys {
		copy(r.keys[i][0][:], rest[64*i:])
		copy(r.keys[i][1][:], rest[64*i+32:])
	}
	return r, nil
}
