package mobile

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Node is one party on the device: its config and its Transport. Run one
// step at a time on a Node (each blocks until the step is over; call it
// off the UI thread).
type Node struct {
	cfg     *checked
	t       Transport
	pending pending
}

// NewNode checks cfg and returns the party's node.
func NewNode(cfg *Config, t Transport) (*Node, error) {
	k, err := cfg.check()
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, fmt.Errorf("%w: no transport", ErrInput)
	}
	return &Node{cfg: k, t: t}, nil
}

// run runs m in session sid with the node's transport.
func run[Out any](n *Node, name string, sid []byte, m transport.Machine[Out], p Progress) (Out, error) {
	report := func(round int, done bool) {
		if p != nil {
			p.OnProgress(name, round, done)
		}
	}
	report(0, false)
	out, err := transport.Run(context.Background(), m, &conn{node: n, sid: string(sid)},
		transport.WithRoundTimeout(n.cfg.timeout),
		transport.WithProgress(func(pr transport.Progress) { report(pr.Round, false) }))
	if err != nil {
		var zero Out
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	report(0, true)
	return out, nil
}

// KeyGen runs the DKG on curveName ("secp256k1" for taproot, "edwards25519"
// for Ed25519) with every party, and returns this party's share.
func (n *Node) KeyGen(curveName string, p Progress) (*Share, error) {
	c, err := curve.ByName(curveName)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	k := n.cfg
	sid, err := dkg.SessionID(dkg.Protocol, c, k.parties, k.threshold, k.nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	m, err := dkg.New(dkg.Config{Curve: c, Threshold: k.threshold, Parties: k.parties, Self: k.self, SessionID: sid, Identity: k.identity(k.parties)})
	if err != nil {
		return nil, err
	}
	share, err := run(n, "dkg "+c.Name(), sid, m, p)
	if err != nil {
		return nil, err
	}
	return &Share{share: share}, nil
}
