package cggmp

import (
	"encoding"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// broadcastLog is what aux-info and presigning share: every message is a
// broadcast (what a party proves to one peer is a part of it addressed to
// that peer), and the log keeps each one as sent or received. Any round's
// checks can then be re-run for any addressee when a complaint about it is
// judged (complaint.go), and identification can rebuild the sums of
// presigning's MtAs from the round-2 broadcasts.
type broadcastLog struct {
	parties []transport.PartyID // the run's parties, sorted
	self    transport.PartyID
	// final is the protocol's last regular round: complaints sent in it
	// are judged at once, unless moreRounds says that a round follows it
	// in this run.
	final int
	// moreRounds, if set, reports whether a round follows the final one in
	// this run (presigning's round 5 after a failed consistency check): it
	// carries the echo of the final round, so complaints sent in the final
	// round wait for it, like those of any other round. Every honest party
	// must give the same answer at the end of the final round.
	moreRounds func() bool
	// claimRound is the one round in which the protocol accepts
	// identification claims (presigning's round 4), noClaimRound if it has
	// none (aux-info): a claim in any other round is a message of the
	// wrong kind.
	claimRound int
	// atOnce, set in a run with identities, says that complaints and
	// identification claims are judged in the round that carries them, not
	// after a round that carries their echo (complaint.go, "Runs with
	// identities").
	atOnce bool
	// check re-runs the protocol's checks of round r.
	check checkFunc
	// discard, if set, zeroes the run's secrets when it leaves its regular
	// rounds for the complaint path: judging a complaint re-runs checks on
	// public data only (and the Paillier secret key), and no regular
	// message follows.
	discard func()
	raw     map[int]map[transport.PartyID][]byte
}

// noClaimRound is the claimRound of a protocol without identification
// claims: rounds are numbered from 1.
const noClaimRound = 0

// everyoneBroadcasts is the Expect of the rounds of aux-info and
// presigning: one broadcast from every party. The last regular round adds
// SkipFinalEcho (lastRound).
func everyoneBroadcasts() transport.Expect { return transport.Expect{Broadcast: true} }

// lastRound is the Expect of the last regular round of aux-info and
// presigning, and of signing's one round: its messages (confirmations, or
// partial signatures) are each checked against echo-checked values only,
// so no echo round follows. In a run with identities the confirmation
// round of transport.FinishConfirmed follows instead, and carries their
// echo.
func lastRound() transport.Expect { return transport.Expect{Broadcast: true, SkipFinalEcho: true} }

// checkFunc re-runs round r's checks of sender's broadcast for the
// addressee verifier, on recorded public data only; the regular rounds run
// the same checks with verifier = self.
type checkFunc func(r int, verifier, sender transport.PartyID) error

func newBroadcastLog(parties []transport.PartyID, self transport.PartyID, final, claimRound int, check checkFunc, discard func()) *broadcastLog {
	return &broadcastLog{
		parties:    transport.SortedCopy(parties),
		self:       self,
		final:      final,
		claimRound: claimRound,
		check:      check,
		discard:    discard,
		raw:        map[int]map[transport.PartyID][]byte{},
	}
}

// complaintKinds are the kinds a broadcast of round r may have when the
// round holds complaints: complaints, the regular messages of parties that
// saw none, and, in the protocol's claim round only, identification claims.
func (l *broadcastLog) complaintKinds(r int) []byte {
	if r == l.claimRound {
		return []byte{kindRegular, kindComplaint, kindClaim}
	}
	return []byte{kindRegular, kindComplaint}
}

// leaveRegularRounds zeroes the run's secrets (discard) as it enters the
// complaint path.
func (l *broadcastLog) leaveRegularRounds() {
	if l.discard != nil {
		l.discard()
	}
}

// others returns every party but this one, in order.
func (l *broadcastLog) others() []transport.PartyID { return othersOf(l.parties, l.self) }

func (l *broadcastLog) record(r int, sender transport.PartyID, b []byte) {
	if l.raw[r] == nil {
		l.raw[r] = map[transport.PartyID][]byte{}
	}
	l.raw[r][sender] = b
}

// send records this party's broadcast of round r and returns it as the
// round's one outgoing message.
func (l *broadcastLog) send(r int, e envelope) []*transport.Message {
	payload, _ := e.MarshalBinary() // an envelope always encodes
	l.record(r, l.self, payload)
	return []*transport.Message{{Payload: payload}}
}

// sendRegular sends m as this party's own message of round r.
func (l *broadcastLog) sendRegular(r int, m encoding.BinaryMarshaler) ([]*transport.Message, error) {
	body, err := m.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("cggmp: encoding the round-%d message: %w", r, err)
	}
	return l.send(r, regularEnvelope(body)), nil
}

// receive records every broadcast of in and decodes their envelopes.
func (l *broadcastLog) receive(in *transport.Inbox) *roundIn {
	ri := &roundIn{
		round:     in.Round(),
		msgs:      map[transport.PartyID]envelope{},
		malformed: map[transport.PartyID]error{},
	}
	for _, j := range in.Senders() {
		b := in.Broadcast(j)
		l.record(ri.round, j, b)
		e, err := decodeEnvelope(b, j, l.parties)
		if err == nil && ri.round == 1 && e.kind != kindRegular {
			// Nothing to complain about yet.
			err = fmt.Errorf("%w: kind %d in round 1", errWire, e.kind)
		}
		if err != nil {
			ri.malformed[j] = err
			continue
		}
		ri.msgs[j] = e
	}
	return ri
}

// payload returns sender's broadcast of round r as recorded.
func (l *broadcastLog) payload(r int, sender transport.PartyID) []byte { return l.raw[r][sender] }

// regular returns the body of sender's own message of round r, or why its
// broadcast was something else.
func (l *broadcastLog) regular(r int, sender transport.PartyID) ([]byte, error) {
	e, err := decodeEnvelope(l.raw[r][sender], sender, l.parties)
	if err != nil {
		return nil, err
	}
	if e.kind != kindRegular {
		return nil, fmt.Errorf("%w: kind %d", ErrMessageKind, e.kind)
	}
	return e.body, nil
}

// partFor returns the part of sender's broadcast addressed to verifier:
// parts holds one entry for each of sender's peers among parties, in
// increasing order (decoders check the count).
func partFor[T any](parties []transport.PartyID, parts []T, sender, verifier transport.PartyID) (T, error) {
	i := slices.Index(othersOf(parties, sender), verifier)
	if i < 0 || i >= len(parts) {
		var zero T
		return zero, fmt.Errorf("%w: no part for party %d", errWire, verifier)
	}
	return parts[i], nil
}

// roundIn is one round's broadcasts, their envelopes decoded.
type roundIn struct {
	round     int
	msgs      map[transport.PartyID]envelope
	malformed map[transport.PartyID]error
}

// complaints returns accuser → accused for the complaints of the round.
func (ri *roundIn) complaints() map[transport.PartyID][]transport.PartyID {
	cs := map[transport.PartyID][]transport.PartyID{}
	for j, e := range ri.msgs {
		if e.kind == kindComplaint {
			cs[j] = e.accused
		}
	}
	return cs
}

// blameKinds records against its sender every malformed envelope and,
// as an ErrMessageKind, every envelope whose kind is not one of want.
func (ri *roundIn) blameKinds(blame *transport.Blame, want ...byte) {
	blame.AddAll(ri.malformed)
	for j, e := range ri.msgs {
		if !slices.Contains(want, e.kind) {
			blame.Add(j, fmt.Errorf("%w: kind %d in round %d", ErrMessageKind, e.kind, ri.round))
		}
	}
}
