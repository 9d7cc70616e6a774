package cggmp

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Complaints: how one party's failed check becomes a verdict every honest
// party reaches (SECURITY.md rule 6).
//
// Aux-info and presigning send only broadcasts (broadcastLog): what a party
// proves to one peer (Πfac, Πenc, the MtA ciphertexts and their Πaff-g,
// Πlog*) is a part of its broadcast addressed to that peer, echo-checked
// like the rest. It is safe to show everyone: every part is a ciphertext
// under the addressee's key or a zero-knowledge proof, and CGGMP21 assumes
// authenticated, not private, channels. Every check a party makes is then a
// function of echo-checked public data (the addressee's ring-Pedersen
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
// kind (a regular message where a pending one was due, an identification
// claim outside presigning's round 4). Honest parties judge the same
// echo-checked data with the same function, so they agree.
//
// A party that saw no complaint in round r+1 while another did was sent
// different round-r+1 broadcasts, which the echo check of round r+2 names
// first. In the last round there is no later round to carry an echo, so
// complaints sent in it are judged at once: the verdict is still sound (an
// honest party's message passes every check, so only a malicious party is
// named), but a party that complains to some parties only can make them
// abort while the others finish. Presigning's round 4 is the last round
// only when the consistency check passed: after a failed one, round 4
// carries the claims and round 5 their echo, so complaints sent in round 4
// are acknowledged in round 5 and judged after its echo check like any
// other (broadcastLog.moreRounds). Otherwise a party that sent a complaint
// to some parties and a claim to the others would make the first abort at
// once, and the others, waiting for them in round 5, name them by timeout.
// Every party, the ones that complained about round 3 included, tells from
// the echo-checked round-3 broadcasts whether round 5 follows
// (claimsFollow), so they all acknowledge in round 5 or all judge at once.
//
// Runs with identities (broadcastLog.atOnce) judge every complaint, and
// presigning's identification claims, at once, in the round that carries
// them. The round of acknowledgements exists for its echo: without it a
// party that complained to some parties only would make them abort while
// the others went on. With identities the transport's conclusion settles
// that case (docs/agreement.md): a party that signed two different
// broadcasts for one round is named by everyone, and no honest party
// finishes while another aborts. The complaint is still judged on round
// r's broadcasts, which the echo check of round r+1 has already passed, so
// every honest party that sees it reaches the same verdict, and that
// verdict becomes its first-hand blame, naming the party when more than f
// parties make it. Waiting a round would only give a malicious party the
// time to abort first: a party whose peer aborts concludes at once, before
// it blames anyone, and the verdict that would have named the peer never
// comes.

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

// checkRound is the Finalize of a regular round of aux-info and
// presigning. It records the round's broadcasts and, if they hold
// complaints about the round before, answers them; otherwise it checks
// every sender's message with check (checkEach) and complains about those
// that fail or, if none does, goes on with next, given what check returned
// for each sender.
func checkRound[Out, T any](l *broadcastLog, in *transport.Inbox, check func(j transport.PartyID) (T, error), next func(map[transport.PartyID]T) transport.Step[Out]) transport.Step[Out] {
	ri := l.receive(in)
	if len(ri.complaints()) > 0 {
		return onComplaints[Out](l, ri, nil)
	}
	vals, blame := checkEach(in.Senders(), check)
	if blame.Culprits() != nil {
		return complain[Out](l, in, blame)
	}
	return next(vals)
}

// complain is this party's answer to the failed checks of in's round: a
// complaint against every party blame names, sent in the next round, which
// then judges it with everyone else's.
func complain[Out any](l *broadcastLog, in *transport.Inbox, blame *transport.Blame) transport.Step[Out] {
	l.leaveRegularRounds()
	accused := blame.Culprits()
	return transport.Next[Out](l.send(in.Round()+1, complaintEnvelope(accused)),
		&complainedRound[Out]{log: l, own: accused})
}

// onComplaints handles a round whose broadcasts contain complaints (about
// the round before), own being this party's complaint if it made one: in
// the final round (unless a round follows it in this run: moreRounds) and
// in every round of a run with identities (atOnce) they are judged at
// once, otherwise every party acknowledges them in the next round and
// judges them then. A broadcast
// of a kind the round does not carry (complaintKinds: a claim outside the
// protocol's claim round, say) names its sender.
func onComplaints[Out any](l *broadcastLog, ri *roundIn, own []transport.PartyID) transport.Step[Out] {
	l.leaveRegularRounds()
	cs := ri.complaints()
	if len(own) > 0 {
		cs[l.self] = own
	}
	blame := new(transport.Blame)
	ri.blameKinds(blame, l.complaintKinds(ri.round)...)
	if l.atOnce || (ri.round == l.final && (l.moreRounds == nil || !l.moreRounds())) {
		return transport.Abort[Out](l.judge(ri.round-1, cs, blame))
	}
	return transport.Next[Out](l.send(ri.round+1, pendingEnvelope()),
		&pendingRound[Out]{log: l, about: ri.round - 1, complaints: cs, blame: blame})
}

// judge resolves the complaints about round `about` (see the top of this
// file), adding its verdicts to what blame holds already, and returns the
// abort naming everyone blamed.
func (l *broadcastLog) judge(about int, cs map[transport.PartyID][]transport.PartyID, blame *transport.Blame) error {
	type pair struct{ accuser, accused transport.PartyID }
	var pairs []pair
	for _, i := range l.parties {
		for _, j := range cs[i] {
			pairs = append(pairs, pair{i, j})
		}
	}
	errs := par.Errors(len(pairs), func(k int) error { return l.check(about, pairs[k].accuser, pairs[k].accused) })
	for k, p := range pairs {
		if errs[k] != nil {
			blame.Add(p.accused, fmt.Errorf("round-%d message to party %d: %w", about, p.accuser, errs[k]))
			continue
		}
		blame.Add(p.accuser, fmt.Errorf("complaint against party %d: %w", p.accused, ErrFalseComplaint))
	}
	if err := blame.Err(fmt.Sprintf("complaint about round %d", about)); err != nil {
		return err
	}
	return errors.New("cggmp: no complaint to judge")
}

// complainedRound is the round after this party complained: it collects
// everyone's broadcasts of that round (other complaints included).
type complainedRound[Out any] struct {
	log *broadcastLog
	own []transport.PartyID
}

// Expects implements transport.Round: one broadcast from every party.
func (r *complainedRound[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize implements transport.Round.
func (r *complainedRound[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	return onComplaints[Out](r.log, r.log.receive(in), r.own)
}

// pendingRound is the round after complaints were seen: everyone has sent
// an empty acknowledgement carrying the echo of the complaints, so the
// complaints can now be judged.
type pendingRound[Out any] struct {
	log        *broadcastLog
	about      int
	complaints map[transport.PartyID][]transport.PartyID
	blame      *transport.Blame
}

// Expects implements transport.Round: one broadcast from every party.
func (r *pendingRound[Out]) Expects() transport.Expect { return everyoneBroadcasts() }

// Finalize implements transport.Round.
func (r *pendingRound[Out]) Finalize(in *transport.Inbox) transport.Step[Out] {
	r.log.receive(in).blameKinds(r.blame, kindPending)
	return transport.Abort[Out](r.log.judge(r.about, r.complaints, r.blame))
}
