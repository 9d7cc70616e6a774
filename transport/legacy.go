package transport

// This file lets protocol packages written against the former Round
// contract run on the new one while they are ported. It goes once the last
// of them is.

// OldRound is the former Round contract: Number, Expects and a Finalize
// with four results.
type OldRound[Out any] interface {
	Number() int
	Expects() Expect
	Finalize(in *Inbox) (out []*Message, next OldRound[Out], result *Out, err error)
}

// OldFirstRound is the former FirstRound.
type OldFirstRound[Out any] interface {
	OldRound[Out]
	Start() ([]*Message, error)
}

// FromOld adapts a protocol written against OldRound.
func FromOld[Out any](first OldFirstRound[Out]) FirstRound[Out] {
	if first == nil {
		return nil
	}
	return oldFirst[Out]{oldRound[Out]{first}, first}
}

type oldRound[Out any] struct{ r OldRound[Out] }

func (o oldRound[Out]) Expects() Expect { return o.r.Expects() }

func (o oldRound[Out]) Finalize(in *Inbox) Step[Out] {
	out, next, result, err := o.r.Finalize(in)
	switch {
	case err != nil:
		return Abort[Out](err)
	case result != nil && next == nil && len(out) == 0:
		return Finish(*result)
	case result == nil && next != nil:
		return Next[Out](out, oldRound[Out]{next})
	}
	return Step[Out]{}
}

type oldFirst[Out any] struct {
	oldRound[Out]
	first OldFirstRound[Out]
}

func (o oldFirst[Out]) Start() ([]*Message, error) { return o.first.Start() }

// NewOldMachine is NewMachine for a protocol written against OldRound.
func NewOldMachine[Out any](cfg Config, first OldFirstRound[Out]) (Machine[Out], error) {
	return NewMachine(cfg, FromOld(first))
}
