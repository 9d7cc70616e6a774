package party

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/wsnet"
)

// Event is a progress report of a long step.
type Event struct {
	// Step names the step ("dkg secp256k1", "safe primes", "aux-info",
	// "presign", ...).
	Step string `json:"step"`
	// Round is the protocol round now running (0 for a local step).
	Round int `json:"round"`
	// Done is set once the step is over; Seconds then says how long it
	// took.
	Done    bool    `json:"done"`
	Seconds float64 `json:"seconds,omitempty"`
}

// RoundTimeout bounds every round but aux-info's; AuxTimeout bounds those,
// since the parties start aux-info once their safe primes are found, and a
// browser finds them much later than a server.
const (
	RoundTimeout = time.Minute
	AuxTimeout   = 10 * time.Minute
)

// ErrNotReady: a step was called before the steps it needs.
var ErrNotReady = errors.New("party: step called out of order")

// Party is one party of the plan.
type Party struct {
	Self transport.PartyID
	Plan Plan
	// Progress, if set, receives an Event at the start and end of each
	// step and at each round; it must not block.
	Progress func(Event)

	keys   *Keys
	ids    map[transport.PartyID]ed25519.PublicKey
	client *wsnet.Client

	k1, ked *dkg.KeyShare
	key     *cggmp.Key
}

// New checks the plan and returns party self of it.
func New(self transport.PartyID, plan Plan, keys *Keys) (*Party, error) {
	if keys == nil || !transport.Contains(plan.Parties, self) {
		return nil, fmt.Errorf("party: %d is not a party of the plan, or no keys", self)
	}
	ids, _, err := plan.peerKeys()
	if err != nil {
		return nil, err
	}
	if own := keys.Peer(self); !ed25519.PublicKey(own.Identity).Equal(ids[self]) {
		return nil, fmt.Errorf("party: the plan holds another identity key for party %d", self)
	}
	if _, err := plan.level(); err != nil {
		return nil, err
	}
	return &Party{Self: self, Plan: plan, keys: keys, ids: ids}, nil
}

// Connect dials the relay at url (ws:// or wss://).
func (p *Party) Connect(ctx context.Context, url string) error {
	_, boxes, err := p.Plan.peerKeys()
	if err != nil {
		return err
	}
	delete(boxes, p.Self)
	p.client, err = wsnet.Dial(ctx, wsnet.Config{URL: url, Self: p.Self, BoxKey: p.keys.Box, Peers: boxes})
	return err
}

// Close closes the relay connection.
func (p *Party) Close() error {
	if p.client == nil {
		return nil
	}
	return p.client.Close()
}

func (p *Party) event(e Event) {
	if p.Progress != nil {
		p.Progress(e)
	}
}

// step reports the start of a step and returns the function that reports
// its end.
func (p *Party) step(name string) func() {
	start := time.Now()
	p.event(Event{Step: name})
	return func() { p.event(Event{Step: name, Done: true, Seconds: time.Since(start).Seconds()}) }
}

// IsSigner reports whether this party signs.
func (p *Party) IsSigner() bool { return transport.Contains(p.Plan.Signers, p.Self) }

// identity is this party's transport.Identity among parties.
func (p *Party) identity(parties []transport.PartyID) *transport.Identity {
	peers := map[transport.PartyID]ed25519.PublicKey{}
	for _, q := range parties {
		peers[q] = p.ids[q]
	}
	return &transport.Identity{Key: p.keys.Identity, Peers: peers}
}

// run runs machine m of the step name in session sid.
func run[Out any](ctx context.Context, p *Party, name string, sid []byte, timeout time.Duration, m transport.Machine[Out]) (Out, error) {
	var zero Out
	if p.client == nil {
		return zero, fmt.Errorf("%w: not connected", ErrNotReady)
	}
	done := p.step(name)
	s := p.client.Session(sid)
	defer s.Close()
	out, err := transport.Run(ctx, m, s, transport.WithRoundTimeout(timeout),
		transport.WithProgress(func(pr transport.Progress) { p.event(Event{Step: name, Round: pr.Round}) }))
	if err != nil {
		return zero, fmt.Errorf("%s: %w", name, err)
	}
	done()
	return out, nil
}

// DKG runs the key generations on secp256k1 (for ECDSA and taproot) and
// on edwards25519 (for Ed25519), and returns both group keys.
func (p *Party) DKG(ctx context.Context) (secp, ed []byte, err error) {
	if p.client == nil {
		return nil, nil, fmt.Errorf("%w: not connected", ErrNotReady)
	}
	for i, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		sid, err := dkg.SessionID(dkg.Protocol, c, p.Plan.Parties, p.Plan.Threshold, p.Plan.Nonce)
		if err != nil {
			return nil, nil, err
		}
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: p.Plan.Threshold, Parties: p.Plan.Parties, Self: p.Self, SessionID: sid, Identity: p.identity(p.Plan.Parties)})
		if err != nil {
			return nil, nil, err
		}
		share, err := run(ctx, p, "dkg "+c.Name(), sid, RoundTimeout, m)
		if err != nil {
			return nil, nil, err
		}
		if i == 0 {
			p.k1 = share
		} else {
			p.ked = share
		}
	}
	return p.k1.GroupKey.Bytes(), p.ked.GroupKey.Bytes(), nil
}

// Aux generates this party's Paillier key and ring-Pedersen parameters
// at the plan's level (the slow, local part), then runs CGGMP21 aux-info
// and makes the ECDSA key from the secp256k1 share.
func (p *Party) Aux(ctx context.Context) error {
	if p.k1 == nil {
		return fmt.Errorf("%w: aux-info needs the secp256k1 DKG", ErrNotReady)
	}
	level, err := p.Plan.level()
	if err != nil {
		return err
	}
	done := p.step("safe primes")
	sec, err := cggmp.GenerateAuxSecret(ctx, nil, paillier.WithLevel(level))
	if err != nil {
		return fmt.Errorf("safe primes: %w", err)
	}
	done()
	sid, err := cggmp.AuxSessionID(p.Plan.Parties, p.Plan.Nonce)
	if err != nil {
		return err
	}
	m, err := cggmp.NewAux(cggmp.AuxConfig{Parties: p.Plan.Parties, Self: p.Self, SessionID: sid, Secret: sec, Level: level, Identity: p.identity(p.Plan.Parties)})
	if err != nil {
		return err
	}
	aux, err := run(ctx, p, "aux-info", sid, AuxTimeout, m)
	if err != nil {
		return err
	}
	p.key, err = cggmp.NewKey(p.k1, aux)
	return err
}
