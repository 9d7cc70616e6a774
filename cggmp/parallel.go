package cggmp

import (
	"errors"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The per-peer work of a round runs in parallel, on up to GOMAXPROCS
// goroutines that all finish before the call returns: proving to each peer
// (perPeer) and checking each sender's message (checkEach). It is the main
// speed-up of a round (docs/architecture.md, "Performance design").

// perPeer runs prove for every one of peers and returns the results in the
// order of peers. Proving uses this party's own secrets and the peers'
// validated public keys only, so an error is a local failure.
func perPeer[T any](peers []transport.PartyID, prove func(j transport.PartyID) (T, error)) ([]T, error) {
	out := make([]T, len(peers))
	errs := par.Errors(len(peers), func(i int) error {
		var err error
		out[i], err = prove(peers[i])
		return err
	})
	return out, errors.Join(errs...)
}

// checkEach runs check for every one of senders and returns the values of
// those whose message passed, and each failure recorded against its sender.
func checkEach[T any](senders []transport.PartyID, check func(j transport.PartyID) (T, error)) (map[transport.PartyID]T, *transport.Blame) {
	vals := make([]T, len(senders))
	errs := par.Errors(len(senders), func(i int) error {
		var err error
		vals[i], err = check(senders[i])
		return err
	})
	out := make(map[transport.PartyID]T, len(senders))
	blame := new(transport.Blame)
	for i, j := range senders {
		if !blame.Add(j, errs[i]) {
			out[j] = vals[i]
		}
	}
	return out, blame
}

// othersOf returns ids without self, in order.
func othersOf(ids []transport.PartyID, self transport.PartyID) []transport.PartyID {
	out := make([]transport.PartyID, 0, len(ids))
	for _, j := range ids {
		if j != self {
			out = append(out, j)
		}
	}
	return out
}
