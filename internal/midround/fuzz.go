package midround

import (
	"bytes"
	"flag"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/transport"
)

// Protocol is what Fuzz needs of the protocol under test.
type Protocol[Out any] struct {
	// Variants is how many configurations New builds (curves, suites);
	// zero means one.
	Variants int
	// New returns a fresh machine for every party of a run of variant v:
	// at least two parties, with ids below 256. Its runs must be
	// deterministic, the same messages in every process: a fixed session
	// id, and keys and randomness from Rand.
	New func(tb testing.TB, variant int) map[transport.PartyID]transport.Machine[Out]
	// Check fails tb unless the outputs verify. outs holds the output of
	// every party that finished; liar is the party whose message the run
	// changed (0 in the honest run), whose own output need not verify.
	// It is called only when a party other than liar finished.
	Check func(tb testing.TB, variant int, outs map[transport.PartyID]Out, liar transport.PartyID)
	// SeedTo, if set, seeds only the messages this party receives, for
	// protocols whose runs are slow: every seed costs a run in every
	// fuzzing worker before it fuzzes. The fuzzer still reaches every
	// message (pick).
	SeedTo transport.PartyID
}

// The bits of the fuzz argument how.
const (
	// howDirect picks the round's direct message rather than its broadcast.
	howDirect = 1 << iota
	// howEveryone gives a changed broadcast to every recipient.
	howEveryone
)

// Fuzz registers the fuzz target of p with f. For each variant it runs the
// honest run and adds seeds for every message of it, as each recipient got
// it: the message itself, and the message with the last byte of its
// payload flipped and given to every recipient. The fuzz arguments pick
// one honest message by variant, round, sender, recipient and kind (how's
// bit 0: direct; pick says how other values are mapped), replace its echo
// and payload, and say (bit 1) whether every recipient of a broadcast gets
// the changed copy. The package documentation lists what each run checks.
//
// Under go test, which runs the seeds as tests, the honest run is run a
// second time and must send the same messages, or the seeds would not
// replay in the fuzzing workers; a seed that changes nothing is the honest
// run again and is skipped. Under go test -fuzz both are left out, so that
// the workers start fuzzing sooner: the test step has checked them.
func Fuzz[Out any](f *testing.F, p Protocol[Out]) {
	f.Helper()
	variants := max(p.Variants, 1)
	honest := make([][]Delivery, variants)
	parties := make([][]transport.PartyID, variants)
	for v := range variants {
		ms := p.New(f, v)
		parties[v] = sortedParties(ms)
		require.GreaterOrEqual(f, len(parties[v]), 2, "variant %d: a run of one party sends nothing", v)
		require.Less(f, parties[v][len(parties[v])-1], transport.PartyID(256), "variant %d: party ids must fit a byte", v)
		run := Run(f, ms, nil)
		require.Empty(f, run.Errs, "variant %d: the honest run failed", v)
		require.Empty(f, run.Waiting, "variant %d: the honest run did not finish", v)
		p.Check(f, v, run.Outs, 0)
		if !fuzzing() {
			again := Run(f, p.New(f, v), nil)
			require.Equal(f, run.Deliveries, again.Deliveries,
				"variant %d: two honest runs differ; every random value must come from Rand", v)
		}
		honest[v] = run.Deliveries
		for _, d := range run.Deliveries {
			if p.SeedTo != 0 && d.To != p.SeedTo {
				continue
			}
			var how uint8
			if d.Direct {
				how = howDirect
			}
			f.Add(uint8(v), uint8(d.Round), uint8(d.From), uint8(d.To), how, d.Echo, d.Payload)
			if len(d.Payload) > 0 {
				flipped := slices.Clone(d.Payload)
				flipped[len(flipped)-1] ^= 1
				f.Add(uint8(v), uint8(d.Round), uint8(d.From), uint8(d.To), how|howEveryone, d.Echo, flipped)
			}
		}
	}
	f.Fuzz(func(t *testing.T, variant, round, from, to, how uint8, echo, payload []byte) {
		v := int(variant) % variants
		orig, ok := pick(honest[v], parties[v], round, from, to, how&howDirect != 0)
		if !ok {
			return // the sender sends the recipient nothing in that round
		}
		if !fuzzing() && bytes.Equal(echo, orig.Echo) && bytes.Equal(payload, orig.Payload) {
			return // the honest run, checked above
		}
		lie := &Lie{Round: orig.Round, From: orig.From, To: orig.To, Direct: orig.Direct,
			Everyone: how&howEveryone != 0 && !orig.Direct, Echo: echo, Payload: payload}
		judge(t, p, v, Run(t, p.New(t, v), lie), lie, orig, parties[v])
	})
}

// fuzzing reports whether this process fuzzes (go test -fuzz), as the
// coordinator or as a worker, rather than run the seeds as tests.
func fuzzing() bool {
	fl := flag.Lookup("test.fuzz")
	return fl != nil && fl.Value.String() != ""
}

// pick returns the honest delivery the fuzz arguments name. Values that
// name no round or party are mapped onto one, so that every input runs
// (and the fuzzer may move a payload to another round or sender); a
// delivery of the honest run is named by its own values. The kind is
// taken as asked if the round has it, else the other one.
func pick(honest []Delivery, parties []transport.PartyID, round, from, to uint8, direct bool) (Delivery, bool) {
	rounds := 0
	for _, d := range honest {
		rounds = max(rounds, d.Round)
	}
	r := int(round) % (rounds + 1)
	if r == 0 {
		r = rounds
	}
	n := len(parties)
	f := transport.PartyID(from)
	if !slices.Contains(parties, f) {
		f = parties[int(from)%n]
	}
	t := transport.PartyID(to)
	if t == f || !slices.Contains(parties, t) {
		others := slices.DeleteFunc(slices.Clone(parties), func(p transport.PartyID) bool { return p == f })
		t = others[int(to)%(n-1)]
	}
	var other *Delivery
	for i, d := range honest {
		if d.Round != r || d.From != f || d.To != t {
			continue
		}
		if d.Direct == direct {
			return d, true
		}
		other = &honest[i]
	}
	if other == nil {
		return Delivery{}, false
	}
	return *other, true
}

// judge checks the outcome of a run with lie, which replaced orig.
func judge[Out any](t *testing.T, p Protocol[Out], v int, run *Outcome[Out], lie *Lie, orig Delivery, parties []transport.PartyID) {
	t.Helper()
	blamable := framed(lie, orig, parties)
	blamable[lie.From] = true
	verdicts := map[transport.PartyID]string{}
	finished := false
	for _, id := range parties {
		if id == lie.From {
			continue
		}
		if _, ok := run.Outs[id]; ok {
			finished = true
			verdicts[id] = "finished"
		}
		if err, ok := run.Errs[id]; ok {
			ae := abortOf(err)
			require.NotNil(t, ae, "party %d stopped with %T: %v", id, err, err)
			require.NotEmpty(t, ae.Culprits, "party %d aborted naming nobody: %v", id, err)
			for _, c := range ae.Culprits {
				require.True(t, blamable[c], "party %d names party %d after a lie of party %d: %v", id, c, lie.From, err)
			}
			verdicts[id] = fmt.Sprint("culprits ", ae.Culprits)
		}
		if w, ok := run.Waiting[id]; ok {
			require.NotEmpty(t, w, "party %d is neither done nor waiting for anyone", id)
			// A round timeout would name w.
			verdicts[id] = fmt.Sprint("culprits ", w)
		}
	}
	if finished {
		p.Check(t, v, run.Outs, lie.From)
	}
	if consistent(lie, orig) {
		// Every honest party saw the same messages.
		want := verdicts[firstOther(parties, lie.From)]
		for id, got := range verdicts {
			require.Equal(t, want, got, "honest parties %v reach different verdicts on one broadcast of party %d", verdicts, lie.From)
			if got != "finished" {
				require.Equal(t, fmt.Sprint("culprits ", []transport.PartyID{lie.From}), got, "party %d", id)
			}
		}
	}
}

// consistent reports whether every honest party got the same changed
// message: a broadcast given to every recipient, its echo unchanged.
func consistent(lie *Lie, orig Delivery) bool {
	return !lie.Direct && lie.Everyone && bytes.Equal(lie.Echo, orig.Echo)
}

// framed returns the parties whose echo slot lie changed. In a run
// without identities a recipient cannot tell a lying echo from an
// equivocation of the slot's party, and names that party (SECURITY.md,
// "Transport assumptions"). Slots are attributed when the echo has one
// EchoSize slot per party, as in a round after one where every party
// broadcast; otherwise none is, and a frame fails the test.
func framed(lie *Lie, orig Delivery, parties []transport.PartyID) map[transport.PartyID]bool {
	out := map[transport.PartyID]bool{}
	if len(lie.Echo) != len(orig.Echo) || len(orig.Echo) != len(parties)*transport.EchoSize {
		return out
	}
	for i, q := range parties {
		lo, hi := i*transport.EchoSize, (i+1)*transport.EchoSize
		if !bytes.Equal(lie.Echo[lo:hi], orig.Echo[lo:hi]) {
			out[q] = true
		}
	}
	return out
}

// firstOther returns the first of parties other than id.
func firstOther(parties []transport.PartyID, id transport.PartyID) transport.PartyID {
	for _, p := range parties {
		if p != id {
			return p
		}
	}
	return 0
}
