package transport_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// The committee toy protocol exercises Expect.From and Expect.To, the shape
// of resharing: in round 1 the dealers broadcast a public value and send
// each receiver a private one (a party may be both); in round 2 only the
// receivers broadcast the sum of what they got. Every party, dealer-only
// ones included, returns the receivers' sums.

const committeeProtocol = "toy-committee/v1"

var (
	committeeAll       = partyIDs(5)
	committeeDealers   = []transport.PartyID{1, 2, 3}
	committeeReceivers = []transport.PartyID{3, 4, 5}
)

func committeePublic(d transport.PartyID) uint64     { return uint64(d) * 100 }
func committeePrivate(d, r transport.PartyID) uint64 { return uint64(d)*10 + uint64(r) }
func committeeWant(r transport.PartyID) (sum uint64) {
	for _, d := range committeeDealers {
		sum += committeePrivate(d, r)
	}
	return sum
}

type committeeResult map[transport.PartyID]uint64

type committee1 struct {
	self      transport.PartyID
	dealers   []transport.PartyID
	receivers []transport.PartyID
}

func (r *committee1) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, Direct: true, From: r.dealers, To: r.receivers}
}

func (r *committee1) Start() ([]*transport.Message, error) {
	if !slices.Contains(r.dealers, r.self) {
		return nil, nil
	}
	out := []*transport.Message{{Payload: toyEncode(committeePublic(r.self))}}
	for _, to := range r.receivers {
		if to != r.self {
			out = append(out, &transport.Message{To: to, Payload: toyEncode(committeePrivate(r.self, to))})
		}
	}
	return out, nil
}

func (r *committee1) Finalize(in *transport.Inbox) transport.Step[committeeResult] {
	var blame transport.Blame
	var sum uint64
	receiver := slices.Contains(r.receivers, r.self)
	for _, d := range in.Senders() {
		if _, err := toyDecode(in.Broadcast(d)); blame.Add(d, err) {
			continue
		}
		if receiver {
			v, err := toyDecode(in.Direct(d))
			if !blame.Add(d, err) {
				sum += v
			}
		} else if in.Direct(d) != nil {
			return transport.Abort[committeeResult](errors.New("direct message for a party that receives none"))
		}
	}
	if err := blame.Err("dealer value"); err != nil {
		return transport.Abort[committeeResult](err)
	}
	next := &committee2{receivers: r.receivers}
	if !receiver {
		return transport.Next(nil, next)
	}
	if slices.Contains(r.dealers, r.self) {
		sum += committeePrivate(r.self, r.self)
	}
	next.own = sum
	return transport.Next([]*transport.Message{{Payload: toyEncode(sum)}}, next)
}

type committee2 struct {
	receivers []transport.PartyID
	own       uint64
}

func (r *committee2) Expects() transport.Expect {
	return transport.Expect{Broadcast: true, From: r.receivers}
}

func (r *committee2) Finalize(in *transport.Inbox) transport.Step[committeeResult] {
	res := committeeResult{}
	var blame transport.Blame
	for _, p := range in.Senders() {
		v, err := toyDecode(in.Broadcast(p))
		if !blame.Add(p, err) {
			res[p] = v
		}
	}
	if err := blame.Err("sum"); err != nil {
		return transport.Abort[committeeResult](err)
	}
	if r.own != 0 {
		res[0] = r.own // this party's own sum, under key 0
	}
	return transport.Finish(res)
}

func newCommittee(t testing.TB, self transport.PartyID) transport.Machine[committeeResult] {
	t.Helper()
	m, err := transport.NewMachine(transport.Config{
		Protocol: committeeProtocol, SessionID: toySession, Self: self, Parties: committeeAll,
	}, transport.FirstRound[committeeResult](&committee1{self: self, dealers: committeeDealers, receivers: committeeReceivers}))
	require.NoError(t, err)
	return m
}

func checkCommittee(t *testing.T, self transport.PartyID, res committeeResult) {
	t.Helper()
	for _, r := range committeeReceivers {
		if r == self {
			require.Equal(t, committeeWant(r), res[0], "party %d: own sum", self)
			continue
		}
		require.Equal(t, committeeWant(r), res[r], "party %d: sum of %d", self, r)
	}
}

func TestExpectFromToOverNetwork(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		net := memnet.New(committeeAll, memnet.WithSeed(seed),
			memnet.WithFaults(0, 0, memnet.Faults{Reorder: 0.5, Duplicate: 0.3}))
		ms := map[transport.PartyID]transport.Machine[committeeResult]{}
		for _, id := range committeeAll {
			ms[id] = newCommittee(t, id)
		}
		res := runAll(t, net, ms, transport.WithRoundTimeout(2*time.Second))
		net.Close()
		for _, id := range committeeAll {
			require.NoError(t, res[id].err, "party %d", id)
			checkCommittee(t, id, res[id].res)
			// round 2 broadcasts are echo-checked in an added round
			require.Equal(t, 3, ms[id].(transport.ProgressReporter).Progress().Round)
		}
	}
}

// committeeStart starts every party and returns the machines with the
// round-1 messages.
func committeeStart(t testing.TB) (map[transport.PartyID]transport.Machine[committeeResult], []*transport.Message) {
	t.Helper()
	ms := map[transport.PartyID]transport.Machine[committeeResult]{}
	var msgs []*transport.Message
	for _, id := range committeeAll {
		ms[id] = newCommittee(t, id)
		out, err := ms[id].Start()
		require.NoError(t, err)
		msgs = append(msgs, out...)
	}
	return ms, msgs
}

func TestExpectFromToMessages(t *testing.T) {
	ms, msgs := committeeStart(t)
	// Only dealers send in round 1: a broadcast and one direct message per
	// receiver other than themselves.
	count := map[transport.PartyID]int{}
	for _, m := range msgs {
		require.Contains(t, committeeDealers, m.From)
		if !m.Broadcast() {
			require.Contains(t, committeeReceivers, m.To)
		}
		count[m.From]++
	}
	require.Equal(t, map[transport.PartyID]int{1: 4, 2: 4, 3: 3}, count)

	// Waiting: dealer-only parties wait for the other dealers' broadcasts,
	// receivers for every other dealer.
	require.Equal(t, []transport.PartyID{2, 3}, ms[1].(transport.Waiter).Waiting())
	require.Equal(t, []transport.PartyID{1, 2}, ms[3].(transport.Waiter).Waiting())
	require.Equal(t, []transport.PartyID{1, 2, 3}, ms[5].(transport.Waiter).Waiting())

	// Deliver round 1 everywhere; the receivers' round-2 broadcasts carry
	// an echo vector with one slot per dealer.
	var round2 []*transport.Message
	for _, id := range committeeAll {
		for _, m := range msgsFor(msgs, id) {
			out, err := ms[id].Deliver(m.Clone())
			require.NoError(t, err)
			round2 = append(round2, out...)
		}
	}
	require.Len(t, round2, 3)
	for _, m := range round2 {
		require.Contains(t, committeeReceivers, m.From)
		require.Len(t, m.Echo, len(committeeDealers)*transport.EchoSize)
	}
	// Dealer-only party 1 now waits for the receivers only.
	require.Equal(t, []transport.PartyID{3, 4, 5}, ms[1].(transport.Waiter).Waiting())
	require.Empty(t, routeAny(ms, round2))
	for _, id := range committeeAll {
		res, err := ms[id].Result()
		require.NoError(t, err)
		checkCommittee(t, id, res)
	}
}

func TestExpectFromToRefusesUnexpected(t *testing.T) {
	header := func(round int, from, to transport.PartyID) *transport.Message {
		return &transport.Message{Protocol: committeeProtocol, SessionID: toySession, Round: round,
			From: from, To: to, Payload: toyEncode(1)}
	}
	ms, _ := committeeStart(t)
	tests := []struct {
		name string
		to   transport.PartyID // the machine it is delivered to
		msg  *transport.Message
	}{
		{"broadcast from a non-dealer", 1, header(1, 4, 0)},
		{"direct message to a dealer-only party", 1, header(1, 2, 1)},
		{"direct message from a receiver", 5, header(1, 4, 5)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ms[tc.to].Deliver(tc.msg)
			var me *transport.MessageError
			require.ErrorAs(t, err, &me)
			require.ErrorIs(t, err, transport.ErrBadRound)
			require.False(t, ms[tc.to].Done())
		})
	}

	// A round-2 broadcast from a dealer-only party is buffered (round 2 is
	// not known yet) and refused when party 5 enters round 2.
	ms, msgs := committeeStart(t)
	_, err := ms[5].Deliver(header(2, 1, 0))
	require.NoError(t, err)
	var last error
	for _, m := range msgsFor(msgs, 5) {
		_, err := ms[5].Deliver(m.Clone())
		if err != nil {
			last = err
		}
	}
	var me *transport.MessageError
	require.ErrorAs(t, last, &me)
	require.ErrorIs(t, last, transport.ErrBadRound)
	require.Equal(t, transport.PartyID(1), me.From)
	require.Equal(t, []transport.PartyID{3, 4}, ms[5].(transport.Waiter).Waiting())
}

// runCommitteeEquivocation runs the committee protocol with dealer 2
// giving party victim another (well-formed) public value than everyone else.
func runCommitteeEquivocation(t *testing.T, victim transport.PartyID) map[transport.PartyID]*outcomeOf[committeeResult] {
	t.Helper()
	net := memnet.New(committeeAll)
	defer net.Close()
	net.Intercept(2, func(to transport.PartyID, m *transport.Message) []*transport.Message {
		if m.Round == 1 && m.Broadcast() && to == victim {
			m.Payload = toyEncode(7)
		}
		return []*transport.Message{m}
	})
	ms := map[transport.PartyID]transport.Machine[committeeResult]{}
	for _, id := range committeeAll {
		ms[id] = newCommittee(t, id)
	}
	return runAll(t, net, ms, transport.WithRoundTimeout(time.Second))
}

func TestExpectFromToEquivocation(t *testing.T) {
	// Receiver 5 got another value: the receivers' round-2 echoes disagree,
	// and every honest party, dealer-only party 1 included, blames 2.
	res := runCommitteeEquivocation(t, 5)
	for _, id := range []transport.PartyID{1, 3, 4, 5} {
		requireAbort(t, res[id].err, transport.ErrEchoMismatch, 2)
		require.Equal(t, 2, res[id].err.(*transport.AbortError).Round)
	}
}

func TestExpectFromToEquivocationToNonSender(t *testing.T) {
	// Dealer-only party 1 got another value. It sends nothing in round 2,
	// so nobody sees its view there, but it checks the receivers' echoes
	// against its own and blames 2. The others finish round 2 and wait in
	// the echo-only round, which every party sends in, for party 1, which
	// has stopped: nobody finishes with a result party 1 disagrees with.
	res := runCommitteeEquivocation(t, 1)
	requireAbort(t, res[1].err, transport.ErrEchoMismatch, 2)
	for _, id := range []transport.PartyID{2, 3, 4, 5} {
		requireAbort(t, res[id].err, transport.ErrTimeout, 1)
		require.Equal(t, 3, res[id].err.(*transport.AbortError).Round)
	}
}

// oneDealer sends direct messages only, from party 1 to the others: party 1
// waits for nothing in round 1 and finalizes it at once.
type oneDealer struct{ self transport.PartyID }

func (r *oneDealer) Expects() transport.Expect {
	return transport.Expect{Direct: true, From: []transport.PartyID{1}}
}
func (r *oneDealer) Start() ([]*transport.Message, error) {
	if r.self != 1 {
		return nil, nil
	}
	return []*transport.Message{{To: 2, Payload: []byte{2}}, {To: 3, Payload: []byte{3}}}, nil
}
func (r *oneDealer) Finalize(in *transport.Inbox) transport.Step[[]byte] {
	var got []byte
	for _, p := range in.Senders() {
		got = append(got, in.Direct(p)...)
	}
	return transport.Finish(got)
}

func TestExpectFromPartyWaitingForNothing(t *testing.T) {
	parties := partyIDs(3)
	ms := map[transport.PartyID]transport.Machine[[]byte]{}
	var msgs []*transport.Message
	for _, id := range parties {
		m, err := transport.NewMachine(transport.Config{Protocol: "one-dealer/v1", SessionID: toySession,
			Self: id, Parties: parties}, transport.FirstRound[[]byte](&oneDealer{self: id}))
		require.NoError(t, err)
		out, err := m.Start()
		require.NoError(t, err)
		msgs = append(msgs, out...)
		ms[id] = m
	}
	require.True(t, ms[1].Done(), "the dealer waits for nothing")
	res, err := ms[1].Result()
	require.NoError(t, err)
	require.Empty(t, res)
	for _, id := range []transport.PartyID{2, 3} {
		require.Equal(t, []transport.PartyID{1}, ms[id].(transport.Waiter).Waiting())
		_, err := ms[id].Deliver(msgsFor(msgs, id)[0])
		require.NoError(t, err)
		res, err := ms[id].Result()
		require.NoError(t, err)
		require.Equal(t, []byte{byte(id)}, res)
	}
}

func TestExpectFromToProtocolBugs(t *testing.T) {
	bcast := []*transport.Message{{Payload: []byte("x")}}
	tests := []struct {
		name   string
		expect transport.Expect
		out    []*transport.Message
	}{
		{"empty From", transport.Expect{Broadcast: true, From: []transport.PartyID{}}, bcast},
		{"stranger in From", transport.Expect{Broadcast: true, From: []transport.PartyID{1, 9}}, bcast},
		{"duplicate in From", transport.Expect{Broadcast: true, From: []transport.PartyID{1, 1}}, bcast},
		{"zero in From", transport.Expect{Broadcast: true, From: []transport.PartyID{0, 1}}, bcast},
		{"To without Direct", transport.Expect{Broadcast: true, To: []transport.PartyID{2}}, bcast},
		{"empty To", transport.Expect{Direct: true, To: []transport.PartyID{}}, []*transport.Message{{To: 2}}},
		{"stranger in To", transport.Expect{Direct: true, To: []transport.PartyID{2, 9}}, []*transport.Message{{To: 2}}},
		{"non-sender sends", transport.Expect{Broadcast: true, From: []transport.PartyID{2, 3}}, bcast},
		{"direct message to a non-recipient", transport.Expect{Direct: true, To: []transport.PartyID{2}},
			[]*transport.Message{{To: 2}, {To: 3}}},
		{"direct message missing for a recipient", transport.Expect{Direct: true, To: []transport.PartyID{2, 3}},
			[]*transport.Message{{To: 2}}},
		{"sender that sends nothing", transport.Expect{Broadcast: true, From: []transport.PartyID{1}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := transport.NewMachine(transport.Config{Protocol: "bad", SessionID: []byte("s"), Self: 1,
				Parties: partyIDs(3)}, transport.FirstRound[int](&badRound{expect: tc.expect, out: tc.out}))
			require.NoError(t, err)
			_, err = m.Start()
			requireAbort(t, err, transport.ErrLocal)
		})
	}
}

// The Expect a round returns is copied: a round that later changes its
// slices does not change what the machine waits for.
func TestExpectFromIsCopied(t *testing.T) {
	from := []transport.PartyID{3, 1} // unsorted on purpose
	r := &badRound{expect: transport.Expect{Broadcast: true, From: from}, out: []*transport.Message{{Payload: []byte("x")}}}
	m, err := transport.NewMachine(transport.Config{Protocol: "p", SessionID: []byte("s"), Self: 1,
		Parties: partyIDs(3)}, transport.FirstRound[int](r))
	require.NoError(t, err)
	_, err = m.Start()
	require.NoError(t, err)
	from[0] = 2
	require.Equal(t, []transport.PartyID{3}, m.(transport.Waiter).Waiting())
}

// routeAny is route for machines of any result type.
func routeAny[Out any](ms map[transport.PartyID]transport.Machine[Out], msgs []*transport.Message) map[transport.PartyID]error {
	errs := map[transport.PartyID]error{}
	for len(msgs) > 0 {
		m := msgs[0]
		msgs = msgs[1:]
		for id, mach := range ms {
			if id == m.From || (m.To != 0 && m.To != id) || errs[id] != nil {
				continue
			}
			out, err := mach.Deliver(m.Clone())
			if err != nil {
				errs[id] = err
			}
			msgs = append(msgs, out...)
		}
	}
	return errs
}

// FuzzCommitteeDeliver is FuzzMachineDeliver for a protocol with restricted
// senders and recipients, at a dealer-only party (1) and a receiver (5).
func FuzzCommitteeDeliver(f *testing.F) {
	_, msgs := committeeStart(f)
	for _, m := range msgs {
		enc, err := m.MarshalBinary()
		require.NoError(f, err)
		f.Add(enc)
		bad := m.Clone()
		bad.Round = 2
		bad.Echo = make([]byte, 3*transport.EchoSize)
		enc, err = bad.MarshalBinary()
		require.NoError(f, err)
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m transport.Message
		if m.UnmarshalBinary(data) != nil {
			return
		}
		for _, target := range []transport.PartyID{1, 5} {
			p := newCommittee(t, target)
			_, err := p.Start()
			require.NoError(t, err)
			waiting := p.(transport.Waiter).Waiting()
			_, err = p.Deliver(m.Clone())
			var me *transport.MessageError
			var ae *transport.AbortError
			switch {
			case err == nil:
			case errors.As(err, &me):
				require.Equal(t, waiting, p.(transport.Waiter).Waiting())
				require.False(t, p.Done())
			case errors.As(err, &ae):
				require.True(t, p.Done())
			default:
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			for _, g := range msgsFor(msgs, target) {
				_, _ = p.Deliver(g.Clone())
			}
		}
	})
}
