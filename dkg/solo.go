package dkg

import (
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// solo is the 1-of-1 case: one party, no messages. It exists so that any
// 1 <= t <= n works through the same API.
type solo struct {
	st     *state
	done   bool
	result *KeyShare
	err    error
}

func newSolo(st *state) *solo { return &solo{st: st} }

func (s *solo) Start() ([]*transport.Message, error) {
	if s.done {
		return nil, transport.ErrFinished
	}
	s.done = true
	r1 := &round1{st: s.st}
	if _, err := r1.Start(); err != nil {
		s.err = err
		return nil, err
	}
	self := s.st.cfg.Self
	s.st.received = map[transport.PartyID]curve.Scalar{self: s.st.poly.Evaluate(s.st.idScalar(self))}
	s.st.poly.Zeroize()
	s.result, s.err = s.st.output()
	return nil, s.err
}

func (s *solo) Deliver(m *transport.Message) ([]*transport.Message, error) {
	return nil, &transport.MessageError{From: m.From, Round: m.Round, Err: transport.ErrUnknownSender}
}

func (s *solo) Done() bool { return s.done }

func (s *solo) Result() (*KeyShare, error) {
	if !s.done {
		return nil, transport.ErrNotDone
	}
	return s.result, s.err
}
