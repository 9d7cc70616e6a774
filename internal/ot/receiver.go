package ot

import (
	"fmt"
	"io"
)

// Receiver is the extension receiver: the base-OT sender of the setup,
// then the party with choice bits in every batch. Its base keys are
// secret. A Receiver is not safe for concurrent use.
type Receiver struct {
	sess  Session
	keys  [][2][32]byte // keys[i] = (k_0^i, k_1^i), both base-OT keys
	batch uint64
}

// ReceiverOutput is the receiver's result of one batch: its choice bits
// and, for each OT j, the message v_{j, x_j}.
type ReceiverOutput struct {
	// Choices holds the choice bits, packed: bit j is byte j/8, bit j%8.
	Choices []byte
	// Messages holds one 32-byte message per OT.
	Messages [][MessageSize]byte
}

// NewReceiver returns the extension receiver of sess, before the setup.
func NewReceiver(sess Session) (*Receiver, error) {
	if err := sess.validate(); err != nil {
		return nil, err
	}
	return &Receiver{sess: sess.clone()}, nil
}

// Setup answers the sender's SetupRequest (the base OTs, as Masny–Rindal
// sender) and returns the SetupResponse to send back. It may be called
// once.
func (r *Receiver) Setup(req *SetupRequest, rand io.Reader) (*SetupResponse, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil receiver", ErrState)
	}
	if err := r.sess.validate(); err != nil {
		return nil, err
	}
	if r.keys != nil {
		return nil, fmt.Errorf("%w: setup already done", ErrState)
	}
	if err := checkSetupRequest(req); err != nil {
		return nil, blame(r.sess.Sender, err)
	}
	resp := &SetupResponse{b: make([]*ristrettoElement, Kappa)}
	keys := make([][2][32]byte, Kappa)
	for i := range Kappa {
		B, k, err := baseSend(r.sess, i, req.r[i][0], req.r[i][1], rand)
		if err != nil {
			return nil, err
		}
		resp.b[i], keys[i] = B, k
	}
	r.keys = keys
	return resp, nil
}

// Extend runs one KOS15 batch of count OTs (a positive multiple of 8, at
// most MaxOTs) with the packed choice bits (count/8 bytes), or with random
// choice bits if choices is nil. It returns the message for the sender and
// this side's output.
func (r *Receiver) Extend(choices []byte, count int, rand io.Reader) (*ExtendMessage, *ReceiverOutput, error) {
	if r == nil || r.keys == nil {
		return nil, nil, fmt.Errorf("%w: extend before setup", ErrState)
	}
	if err := validCount(count); err != nil {
		return nil, nil, err
	}
	if choices != nil && len(choices) != count/8 {
		return nil, nil, fmt.Errorf("%w: %d bytes of choices for %d OTs", ErrState, len(choices), count)
	}
	if choices == nil {
		var err error
		if choices, err = randomBytes(rand, count/8); err != nil {
			return nil, nil, err
		}
	}
	// x' = x || random padding up to ℓ' bits (KOS15 Fig. 10, Extend
	// step 1).
	pad, err := randomBytes(rand, rowBytes(count)-count/8)
	if err != nil {
		return nil, nil, err
	}
	x := append(append(make([]byte, 0, rowBytes(count)), choices...), pad...)

	batch := r.batch
	msg := &ExtendMessage{batch: batch, count: count, columns: make([][]byte, Kappa), tCheck: make([][checkBytes]byte, Kappa)}
	tColumns := make([][]byte, Kappa)
	for i := range Kappa {
		t := expandColumn(r.sess, &r.keys[i][0], batch, i, count)
		u := expandColumn(r.sess, &r.keys[i][1], batch, i, count)
		xorInto(u, t)
		xorInto(u, x)
		tColumns[i], msg.columns[i] = t, u
	}
	// Consistency check (Fig. 10, Check step 2): x̃ and t̃^i of every
	// column, under the χ that hash the columns just built.
	chi := checkChallenges(r.sess, batch, count, msg.columns)
	msg.xCheck = compress(chi, x).bytes()
	for i, t := range tColumns {
		msg.tCheck[i] = compress(chi, t).bytes()
	}
	tRows := transpose(tColumns, count)

	out := &ReceiverOutput{Choices: append([]byte(nil), choices...), Messages: make([][MessageSize]byte, count)}
	h := newRowHasher(r.sess, batch)
	for j := range count {
		out.Messages[j] = h.hash(j, tRows[j])
	}
	r.batch++
	return msg, out, nil
}
