package transport

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// confirmDomain separates confirmation digests from other hashes.
const confirmDomain = "mosaic/transport/confirmation/v1"

// ErrUnconfirmed: this party staged the run's output and confirmed it, but
// the run ended before it held every party's confirmation. It must keep
// both its old share and nothing else in use: the others may have
// committed, and a certificate from any of them (Certified) proves it.
var ErrUnconfirmed = errors.New("transport: output staged but not confirmed by every party")

// ErrConfirmMismatch: a party confirmed another public output than this
// party computed.
var ErrConfirmMismatch = errors.New("transport: confirmation of another output")

// Certified is implemented by the machines of NewMachine: after a run that
// finished with FinishConfirmed in a run with identities, Certificate
// returns the certificate of every party's signed confirmation this party
// committed with, and nil otherwise. Store it with the new share: it proves
// to any party of the run that every party confirmed the output.
type Certified interface {
	Certificate() []byte
}

// staged is a result awaiting confirmation.
type staged[Out any] struct {
	result Out
	digest [32]byte
	round  int // the confirmation round
}

// confirmRound is the round the machine appends after FinishConfirmed: one
// broadcast from every party, the digest of the public output, carrying
// the echo of the last broadcasts. The machine finalizes it itself
// (finishConfirmation).
type confirmRound[Out any] struct{}

// Expects implements Round.
func (r *confirmRound[Out]) Expects() Expect { return Expect{Broadcast: true} }

// Finalize implements Round; it is never called.
func (r *confirmRound[Out]) Finalize(*Inbox) Step[Out] {
	return Abort[Out](errors.New("confirmation round finalized by protocol code"))
}

// confirmDigest is what a party confirms for public.
func confirmDigest(public []byte) [32]byte {
	h := sha256.New()
	var buf [8]byte
	for _, p := range [][]byte{[]byte(confirmDomain), public} {
		binary.BigEndian.PutUint64(buf[:], uint64(len(p)))
		h.Write(buf[:])
		h.Write(p)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Certificate implements Certified.
func (m *machine[Out]) Certificate() []byte { return bytes.Clone(m.cert) }

// finishConfirmation checks every confirmation of the round: all for this
// party's digest commits the staged result and sends the certificate.
func (m *machine[Out]) finishConfirmation(*confirmRound[Out]) ([]*Message, error) {
	m.staged.round = m.round
	var blame Blame
	heads := map[PartyID]header{m.self: m.ownHead}
	for _, p := range m.others {
		msg := m.pending[slot{m.round, p, kindBroadcast}]
		if !bytes.Equal(msg.Payload, m.staged.digest[:]) {
			blame.Add(p, ErrConfirmMismatch)
			continue
		}
		heads[p] = headerOf(msg)
	}
	if err := blame.Err("confirmation of another output"); err != nil {
		return nil, &failure{ae: m.asAbort(m.round, err), firsthand: true}
	}
	return m.commit(encodeCertificate(m.round, m.staged.digest, heads)), nil
}

// commit finishes with the staged result and sends cert to the others.
func (m *machine[Out]) commit(cert []byte) []*Message {
	m.cert = cert
	msg := &Message{
		Protocol: m.protocol, Round: m.staged.round, SessionID: m.bind.session, From: m.self,
		Kind: KindCertificate, Context: m.bind.context, Payload: cert,
	}
	m.bind.sign(m.id.Key, msg)
	m.conc = nil
	_ = m.finish(m.staged.result)
	return m.sendable([]*Message{msg})
}

// encodeCertificate encodes round(2) | digest(32) | n(2) | n × (party(4) |
// echo hash(32) | signature(64)), the parties in increasing order.
func encodeCertificate(round int, digest [32]byte, heads map[PartyID]header) []byte {
	b := binary.BigEndian.AppendUint16(nil, uint16(round))
	b = append(b, digest[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(heads)))
	ids := make([]PartyID, 0, len(heads))
	for p := range heads {
		ids = append(ids, p)
	}
	slices.Sort(ids)
	for _, p := range ids {
		h := heads[p]
		b = binary.BigEndian.AppendUint32(b, uint32(p))
		b = append(b, h.EchoHash[:]...)
		b = append(b, h.Sig...)
	}
	return b
}

// checkCertificate verifies cert against this party's staged output: one
// valid confirmation of its digest from every party of the run.
func (m *machine[Out]) checkCertificate(cert []byte) error {
	r := reader{b: cert}
	round := int(r.u16())
	var digest [32]byte
	copy(digest[:], r.bytes(32))
	n := int(r.u16())
	if r.bad || n != len(m.parties) || digest != m.staged.digest || round < 1 {
		return fmt.Errorf("%w: certificate for another output or party set", ErrMalformed)
	}
	payloadHash := sha256.Sum256(digest[:])
	for _, want := range m.parties {
		h := header{Round: round, From: PartyID(r.u32()), Kind: KindRound, PayloadHash: payloadHash}
		copy(h.EchoHash[:], r.bytes(32))
		h.Sig = r.bytes(SignatureSize)
		if r.bad || h.From != want || !m.bind.verify(m.id.Peers, &h) {
			return fmt.Errorf("%w: certificate without a valid confirmation of party %d", ErrBadSignature, want)
		}
	}
	if len(r.b) != 0 {
		return fmt.Errorf("%w: trailing bytes in a certificate", ErrMalformed)
	}
	m.staged.round = round
	return nil
}

// acceptCertificate commits on a valid certificate for the output this
// party staged, and passes it on.
func (m *machine[Out]) acceptCertificate(msg *Message) ([]*Message, error) {
	refuse := func(err error) error { return &MessageError{From: msg.From, Round: msg.Round, Err: err} }
	if m.staged == nil {
		return nil, refuse(fmt.Errorf("%w: a certificate before this party staged an output", ErrBadRound))
	}
	if err := m.checkCertificate(msg.Payload); err != nil {
		return nil, refuse(err)
	}
	return m.commit(bytes.Clone(msg.Payload)), nil
}

// Committer is implemented by the machines of NewMachine. A party whose run
// ended with ErrUnconfirmed (it confirmed the output, but the run ended
// before it held every confirmation) commits its staged output with
// Commit, given the certificate of the same run that any committed party
// holds (Certified): the certificate proves that every party confirmed.
type Committer[Out any] interface {
	Commit(certificate []byte) (Out, error)
}

// Commit implements Committer.
func (m *machine[Out]) Commit(certificate []byte) (Out, error) {
	var zero Out
	switch {
	case m.done:
		return m.result, nil
	case m.err == nil:
		return zero, ErrNotDone
	case m.staged == nil || m.id == nil:
		return zero, fmt.Errorf("%w: no staged output to commit", ErrNotDone)
	}
	if err := m.checkCertificate(certificate); err != nil {
		return zero, err
	}
	m.err = nil
	m.commit(bytes.Clone(certificate))
	return m.result, nil
}
