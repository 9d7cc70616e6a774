package ot

import (
	"crypto/subtle"
	"fmt"
	"io"

	"github.com/gtank/ristretto255"
)

type ristrettoElement = ristretto255.Element

// Sender is the extension sender: the base-OT receiver of the setup with
// the κ bits of its secret Δ as choices, then the party that learns both
// messages of every extended OT. A Sender is not safe for concurrent use.
type Sender struct {
	sess    Session
	delta   [16]byte
	a       []*ristretto255.Scalar
	r       [][2][]byte
	seeds   [][32]byte // seeds[i] = k_{Δ_i}^i
	batch   uint64
	aborted bool
}

// SenderOutput is the sender's result of one batch: both messages of every
// OT.
type SenderOutput struct {
	// Messages[j] = (v_{j,0}, v_{j,1}).
	Messages [][2][MessageSize]byte
}

// NewSender samples Δ and starts the base OTs of sess: it returns the
// sender and the SetupRequest for the receiver.
func NewSender(sess Session, rand io.Reader) (*Sender, *SetupRequest, error) {
	if err := sess.validate(); err != nil {
		return nil, nil, err
	}
	s := &Sender{sess: sess.clone(), a: make([]*ristretto255.Scalar, Kappa), r: make([][2][]byte, Kappa)}
	d, err := randomBytes(rand, 16)
	if err != nil {
		return nil, nil, err
	}
	copy(s.delta[:], d)
	req := &SetupRequest{r: make([][2]*ristretto255.Element, Kappa)}
	for i := range Kappa {
		a, r0, r1, err := baseReceive(s.sess, i, bit(s.delta[:], i), rand)
		if err != nil {
			return nil, nil, err
		}
		s.a[i], s.r[i] = a, [2][]byte{r0, r1}
		e0, e1 := ristretto255.NewElement(), ristretto255.NewElement()
		if err := e0.Decode(r0); err != nil {
			return nil, nil, fmt.Errorf("ot: encoding own element: %w", err)
		}
		if err := e1.Decode(r1); err != nil {
			return nil, nil, fmt.Errorf("ot: encoding own element: %w", err)
		}
		req.r[i] = [2]*ristretto255.Element{e0, e1}
	}
	return s, req, nil
}

// FinishSetup completes the base OTs with the receiver's SetupResponse. It
// may be called once.
func (s *Sender) FinishSetup(resp *SetupResponse) error {
	if s == nil || s.a == nil {
		return fmt.Errorf("%w: sender not started", ErrState)
	}
	if s.seeds != nil {
		return fmt.Errorf("%w: setup already done", ErrState)
	}
	if err := checkSetupResponse(resp); err != nil {
		return blame(s.sess.Receiver, err)
	}
	seeds := make([][32]byte, Kappa)
	for i := range Kappa {
		seeds[i] = baseFinish(s.sess, i, bit(s.delta[:], i), s.a[i], s.r[i][0], s.r[i][1], resp.b[i])
		s.a[i].Zero()
	}
	s.seeds, s.a = seeds, []*ristretto255.Scalar{}
	return nil
}

// Extend checks and completes one KOS15 batch of count OTs from the
// receiver's message, which must carry the next batch number. If the
// consistency check fails the sender refuses every later call (ErrAborted):
// a failed check may tell the receiver one bit of Δ.
func (s *Sender) Extend(msg *ExtendMessage, count int) (*SenderOutput, error) {
	switch {
	case s == nil || s.seeds == nil:
		return nil, fmt.Errorf("%w: extend before setup", ErrState)
	case s.aborted:
		return nil, ErrAborted
	}
	if err := validCount(count); err != nil {
		return nil, err
	}
	if msg == nil || len(msg.columns) != Kappa || len(msg.tCheck) != Kappa {
		return nil, blame(s.sess.Receiver, fmt.Errorf("%w: empty extension message", ErrMalformed))
	}
	if msg.batch != s.batch || msg.count != count {
		return nil, blame(s.sess.Receiver, fmt.Errorf("%w: batch %d of %d OTs, want batch %d of %d", ErrState, msg.batch, msg.count, s.batch, count))
	}
	for _, col := range msg.columns {
		if len(col) != rowBytes(count) {
			return nil, blame(s.sess.Receiver, fmt.Errorf("%w: column of %d bytes", ErrMalformed, len(col)))
		}
	}
	// q^i = G(k_{Δ_i}^i) ⊕ Δ_i·u^i, masked rather than branched on Δ_i.
	qColumns := make([][]byte, Kappa)
	for i := range Kappa {
		q := expandColumn(s.sess, &s.seeds[i], s.batch, i, count)
		mask := -bit(s.delta[:], i)
		for k, u := range msg.columns[i] {
			q[k] ^= u & mask
		}
		qColumns[i] = q
	}
	// Consistency check (Fig. 10, Check step 3): for every column,
	// q̃^i = t̃^i + Δ_i·x̃. All κ comparisons are folded into one verdict,
	// and Δ_i only masks x̃, so the time taken does not depend on Δ or on
	// which column failed.
	chi := checkChallenges(s.sess, s.batch, count, msg.columns)
	xCheck := msg.xCheck
	ok := 1
	for i, q := range qColumns {
		mask := -bit(s.delta[:], i)
		want := msg.tCheck[i]
		for k := range want {
			want[k] ^= xCheck[k] & mask
		}
		got := compress(chi, q).bytes()
		ok &= subtle.ConstantTimeCompare(got[:], want[:])
	}
	if ok != 1 {
		s.aborted = true
		return nil, blame(s.sess.Receiver, ErrConsistencyCheck)
	}
	qRows := transpose(qColumns, count)

	out := &SenderOutput{Messages: make([][2][MessageSize]byte, count)}
	h := newRowHasher(s.sess, s.batch)
	for j := range count {
		q := qRows[j]
		out.Messages[j][0] = h.hash(j, q)
		for k := range q {
			q[k] ^= s.delta[k]
		}
		out.Messages[j][1] = h.hash(j, q)
	}
	s.batch++
	return out, nil
}
