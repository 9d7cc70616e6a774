package cggmp

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Complaints: how one party's failed check becomes a verdict every honest
// party reaches (SECURITY.md rule 6).
//
// Aux-info and presigning send only broadcasts: what a party proves to one
// peer (Πfac, Πenc, the MtA ciphertexts and their Πaff-g, Πlog*) is a part
// of its broadcast addressed to that peer, echo-checked like the rest. It
// is safe to show everyone: every part is a ciphertext under the
// addressee's key or a zero-knowledge proof, and CGGMP21 assumes
// authenticated, not private, channels. Every check a party makes is then
// a function of echo-checked public data (the addressee's ring-Pedersen
// parameters are public), so any party can re-run it for any addressee.
//
// A party whose checks of round r fail does not abort alone (the others
// would wait for it and blame it when their round times out). Its round
// r+1 broadcast is a complaint naming the senders whose round-r message
// failed. A complaint is itself a broadcast of round r+1, so it is judged
// only after its echo check: every party that sees a complaint in round
// r+1 sends an empty "pending" broadcast in round r+2 instead of its
// regular message, and when round r+2 is complete (the echo check has
// shown that everyone saw the same complaints) re-runs, for each complaint
// "i accuses j", round r's checks of j's message for addressee i. The
// verdict names j if they fail and i if they pass (a false complaint),
// plus any party that sent a malformed message or a message of the wrong
// kind (a regular message where a pending one was due). Honest parties
// judge the same echo-checked data with the same function, so they agree.
//
// A party that saw no complaint in round r+1 while another did was sent
// different round-r+1 broadcasts, which the echo check of round r+2 names
// first. In the last round there is no later round to carry an echo, so
// complaints sent in it are judged at once: the verdict is still sound (an
// honest party's message passes every check, so only a malicious party is
// named), but a party that complains to some parties only can make them
// abort while the others finish.

// Tags: the first byte of every broadcast.
const (
	tagRegular   byte = 0 // the round's own content
	tagComplaint byte = 1 // the parties whose previous-round message failed
	tagPending   byte = 2 // a complaint was seen; judging is due next round
	tagClaim     byte = 3 // an identification claim (presigning round 4)
)

// Errors of complaint resolution.
var (
	// ErrFalseComplaint names a party that complained about a message that
	// passes every check.
	ErrFalseComplaint = errors.New("cggmp: complaint against a valid message")
	// ErrMessageKind names a party that sent a message of the wrong kind
	// for the state of the run (for example a regular message in the round
	// in which every party had to acknowledge a complaint).
	ErrMessageKind = errors.New("cggmp: message of the wrong kind for this round")
)

// regularPayload frames a round's own content.
func regularPayload(body []byte) []byte { return append([]byte{tagRegular}, body...) }

// complaintPayload frames a complaint against the accused parties (sorted).
func complaintPayload(accused []transport.PartyID) []byte {
	b := []byte{tagComplaint}
	for _, j := range transport.SortedCopy(accused) {
		b = binary.BigEndian.AppendUint32(b, uint32(j))
	}
	return b
}

// pendingPayload is the acknowledgement of a complaint.
func pendingPayload() []byte { return []byte{tagPending} }

// payload is one decoded broadcast.
type payload struct {
	tag     byte
	body    []byte              // tagRegular, tagClaim
	accused []transport.PartyID // tagComplaint
}

// decodePayload parses sender's broadcast strictly. A complaint names at
// least one party of the run other than its sender, in increasing order.
func decodePayload(b []byte, sender transport.PartyID, parties []transport.PartyID) (*payload, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%w: empty payload", errWire)
	}
	p := &payload{tag: b[0]}
	switch p.tag {
	case tagRegular, tagClaim:
		p.body = b[1:]
	case tagPending:
		if len(b) != 1 {
			return nil, fmt.Errorf("%w: pending message with a body", errWire)
		}
	case tagComplaint:
		rest := b[1:]
		if len(rest) == 0 || len(rest)%4 != 0 {
			return nil, fmt.Errorf("%w: complaint of %d bytes", errWire, len(rest))
		}
		for len(rest) > 0 {
			j := transport.PartyID(binary.BigEndian.Uint32(rest))
			rest = rest[4:]
			if j == sender || !transport.Contains(parties, j) {
				return nil, fmt.Errorf("%w: complaint against party %d", errWire, j)
			}
			if n := len(p.accused); n > 0 && p.accused[n-1] >= j {
				return nil, fmt.Errorf("%w: complaint list not increasing", errWire)
			}
			p.accused = append(p.accused, j)
		}
	default:
		return nil, fmt.Errorf("%w: unknown tag %d", errWire, p.tag)
	}
	return p, nil
}

// roundIn is one round's broadcasts, decoded.
type roundIn struct {
	round     int
	raw       map[transport.PartyID][]byte
	msgs      map[transport.PartyID]*payload
	malformed map[transport.PartyID]error
}

// classify decodes every broadcast of the inbox. In round 1 there is
// nothing to complain about yet, so only regular messages are well formed.
func classify(in *transport.Inbox, parties []transport.PartyID) *roundIn {
	ri := &roundIn{
		round:     in.Round(),
		raw:       map[transport.PartyID][]byte{},
		msgs:      map[transport.PartyID]*payload{},
		malformed: map[transport.PartyID]error{},
	}
	for _, j := range in.Senders() {
		b := in.Broadcast(j)
		ri.raw[j] = b
		p, err := decodePayload(b, j, parties)
		if err == nil && ri.round == 1 && p.tag != tagRegular {
			err = fmt.Errorf("%w: tag %d in round 1", errWire, p.tag)
		}
		if err != nil {
			ri.malformed[j] = err
			continue
		}
		ri.msgs[j] = p
	}
	return ri
}

// complaints returns accuser → accused for the complaints of the round.
func (ri *roundIn) complaints() map[transport.PartyID][]transport.PartyID {
	cs := map[transport.PartyID][]transport.PartyID{}
	for j, p := range ri.msgs {
		if p.tag == tagComplaint {
			cs[j] = p.accused
		}
	}
	return cs
}

// wrongKind returns, for every well-formed message whose tag is not one of
// want, an ErrMessageKind; malformed messages are added as they are.
func (ri *roundIn) wrongKind(want ...byte) map[transport.PartyID]error {
	out := map[transport.PartyID]error{}
	for j, err := range ri.malformed {
		out[j] = err
	}
	for j, p := range ri.msgs {
		ok := false
		for _, w := range want {
			ok = ok || p.tag == w
		}
		if !ok {
			out[j] = fmt.Errorf("%w: tag %d in round %d", ErrMessageKind, p.tag, ri.round)
		}
	}
	return out
}

// checkFunc re-runs round r's checks of sender's broadcast for the
// addressee verifier, on public data only.
type checkFunc func(round int, verifier, sender transport.PartyID) error

// complaints carries a protocol's complaint rounds. final is the protocol's
// last regular round: complaints sent in it are judged at once.
type complaints[Out any] struct {
	protocol string
	parties  []transport.PartyID
	self     transport.PartyID
	final    int
	check    checkFunc
	expect   func(round int) transport.Expect
}

// complain is this party's answer to failed checks of round r: a complaint
// in round r+1, which the next round then judges with everyone else's.
func (c *complaints[Out]) complain(r int, accused []transport.PartyID) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	return []*transport.Message{{Payload: complaintPayload(accused)}},
		&complainedRound[Out]{c: c, number: r + 1, own: transport.SortedCopy(accused)}, nil, nil
}

// onComplaints handles round r's broadcasts when they contain complaints
// (about round r−1), with own (this party's complaint, if any): in the
// final round they are judged at once, otherwise every party acknowledges
// them in round r+1 and judges them then.
func (c *complaints[Out]) onComplaints(ri *roundIn, own []transport.PartyID) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	cs := ri.complaints()
	if len(own) > 0 {
		cs[c.self] = own
	}
	extra := ri.wrongKind(tagRegular, tagComplaint, tagClaim)
	if ri.round == c.final {
		return nil, nil, nil, c.judge(ri.round, cs, extra)
	}
	return []*transport.Message{{Payload: pendingPayload()}},
		&pendingRound[Out]{c: c, number: ri.round + 1, complaints: cs, extra: extra}, nil, nil
}

// judge resolves complaints made in round r about round r−1 (see the top
// of this file) and returns the verdict.
func (c *complaints[Out]) judge(r int, cs map[transport.PartyID][]transport.PartyID, extra map[transport.PartyID]error) error {
	type pair struct{ accuser, accused transport.PartyID }
	var pairs []pair
	for _, i := range c.parties {
		for _, j := range cs[i] {
			pairs = append(pairs, pair{i, j})
		}
	}
	errs := par.Errors(len(pairs), func(k int) error { return c.check(r-1, pairs[k].accuser, pairs[k].accused) })
	var culprits []transport.PartyID
	var reasons []error
	for k, p := range pairs {
		if errs[k] != nil {
			culprits = append(culprits, p.accused)
			reasons = append(reasons, fmt.Errorf("party %d's round-%d message to party %d: %w", p.accused, r-1, p.accuser, errs[k]))
			continue
		}
		culprits = append(culprits, p.accuser)
		reasons = append(reasons, fmt.Errorf("party %d against party %d: %w", p.accuser, p.accused, ErrFalseComplaint))
	}
	for _, j := range c.parties {
		if err, ok := extra[j]; ok {
			culprits = append(culprits, j)
			reasons = append(reasons, fmt.Errorf("party %d: %w", j, err))
		}
	}
	// Round 0: the framework fills in the round of the verdict.
	return transport.NewAbortError(c.protocol, 0, fmt.Sprintf("complaint about round %d", r-1), errors.Join(reasons...), culprits...)
}

// complainedRound is round r+1 for a party that complained about round r:
// it collects everyone's round r+1 broadcasts (other complaints included).
type complainedRound[Out any] struct {
	c      *complaints[Out]
	number int
	own    []transport.PartyID
}

func (r *complainedRound[Out]) Number() int               { return r.number }
func (r *complainedRound[Out]) Expects() transport.Expect { return r.c.expect(r.number) }

func (r *complainedRound[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	return r.c.onComplaints(classify(in, r.c.parties), r.own)
}

// pendingRound is the round after complaints were seen: everyone has sent
// an empty acknowledgement carrying the echo of the complaints, so the
// complaints can now be judged.
type pendingRound[Out any] struct {
	c          *complaints[Out]
	number     int
	complaints map[transport.PartyID][]transport.PartyID
	extra      map[transport.PartyID]error
}

func (r *pendingRound[Out]) Number() int               { return r.number }
func (r *pendingRound[Out]) Expects() transport.Expect { return r.c.expect(r.number) }

func (r *pendingRound[Out]) Finalize(in *transport.Inbox) ([]*transport.Message, transport.OldRound[Out], *Out, error) {
	extra := classify(in, r.c.parties).wrongKind(tagPending)
	for j, err := range r.extra {
		extra[j] = err
	}
	return nil, nil, nil, r.c.judge(r.number-1, r.complaints, extra)
}
