package transport

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Conn connects one party to the others. Implementations: memnet (in
// memory, for tests) and network transports. Conn must authenticate peers:
// a received message's From must be the party that sent it, because the
// equivocation and echo checks blame From.
type Conn interface {
	// Send delivers m to m.To, or to every other party when m.To is 0. It
	// must not modify m.
	Send(ctx context.Context, m *Message) error
	// Receive returns the next incoming message. It must return promptly
	// with an error wrapping ctx.Err() once ctx is done, without consuming
	// a message. A Conn that receives from an authenticated peer something
	// it cannot read because the peer speaks another wire version returns
	// an error holding a *VersionError with Peer set (Run then ends the run
	// naming that peer instead of waiting for its messages).
	Receive(ctx context.Context) (*Message, error)
}

// Option configures Run.
type Option func(*runOptions)

type runOptions struct {
	log          *slog.Logger
	roundTimeout time.Duration
	progress     func(Progress)
	refused      func(*MessageError)
}

// WithLogger makes Run log message headers (protocol, round, from, to and
// sizes; never payloads), refused messages and the outcome. By default Run
// logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(o *runOptions) {
		if l != nil {
			o.log = l
		}
	}
}

// DefaultRoundTimeout is the round timeout of a Run given no
// WithRoundTimeout: how long Run waits for a round to make progress before
// it gives up on the parties still silent.
//
// Two minutes is long enough for every honest round of this module plus
// network delays, with a wide margin for slow devices (the heaviest, a
// CGGMP21 aux-info or presigning round that checks zero-knowledge proofs
// for every peer, takes seconds on a laptop), and short enough that a
// dead or withholding party is named while someone still waits for the
// signature. In a run with identities a round
// that times out first asks the others for the missing messages and only
// the second timeout concludes (Expirer), so a silent party is named after
// about twice the timeout.
//
// Choose another with WithRoundTimeout: longer when the parties may start
// a run minutes apart (for example while some still generate the safe
// primes of their aux-info: generate them before Run instead, or give that
// run a long timeout), or when a round of a large party set on a slow
// device takes more than a few seconds (measure it, and allow ten times
// as much); shorter in tests.
const DefaultRoundTimeout = 2 * time.Minute

// WithRoundTimeout makes Run give up when a round makes no progress for d
// instead of DefaultRoundTimeout: it returns an *AbortError wrapping
// ErrTimeout that blames the parties whose messages for the current round
// are missing (the machine must implement Waiter for that; otherwise
// nobody is blamed). A machine that implements Expirer decides itself what
// a timeout does; the machines of NewMachine do in runs with identities.
//
// WithRoundTimeout(0) turns the round timeout off: Run then waits for a
// silent party for ever, or until ctx is done, so give it a ctx with a
// deadline. A negative d is a configuration error: Run returns an error
// wrapping ErrLocal before it starts the machine.
func WithRoundTimeout(d time.Duration) Option {
	return func(o *runOptions) { o.roundTimeout = d }
}

// WithProgress calls f after Start, whenever the machine enters a new
// round, and when it is done. It needs a machine implementing
// ProgressReporter (every NewMachine machine does).
func WithProgress(f func(Progress)) Option {
	return func(o *runOptions) { o.progress = f }
}

// WithRefused calls f for every message the machine refused (duplicates,
// unknown senders, wrong session...). Run continues after a refusal; this
// hook lets tests and monitoring see them.
func WithRefused(f func(*MessageError)) Option {
	return func(o *runOptions) { o.refused = f }
}

// Run drives m over conn until m is done: it sends Start's messages, then
// receives and delivers messages and sends what Deliver returns. A refused
// message (*MessageError) is logged and the run goes on; an *AbortError ends
// it. Run returns m's Result, an *AbortError, ctx's error wrapped when ctx
// is done, or conn's error. It starts no goroutine.
//
// One kind of refusal ends the run too: a message from a party of the run
// that speaks another version of the run's protocol (a *VersionError in
// the *MessageError), or a Receive error holding a *VersionError for
// another wire version. Run returns at once an *AbortError wrapping the
// *VersionError and naming its Peer as the culprit, instead of waiting for
// the round timeout and naming the peer as silent: a party that speaks
// another version will never send a message this party can accept, so
// waiting cannot help, and the error says why. This is safe because
// channels are authenticated (From is the sender): no network artefact
// turns a message into another version of the same protocol, and a party
// running this version never sends another version's name, so it is never
// named. A peer that speaks another version to every party is named by
// every party that receives its messages; one that does so to some parties
// only makes those abort, and the others may then time out naming the
// parties that stopped, as after any abort that only some parties see.
// The machine itself is left as it was (its Result is ErrNotDone).
//
// Every round is bounded by DefaultRoundTimeout unless WithRoundTimeout
// says otherwise.
//
// A nil m or conn is a configuration error: Run returns an error wrapping
// ErrLocal without starting anything. A nil ctx is context.Background.
func Run[Out any](ctx context.Context, m Machine[Out], conn Conn, opts ...Option) (Out, error) {
	return runWith(ctx, m, conn, defaultRunOptions(), opts)
}

// defaultRunOptions are the options of a Run before its Options apply.
func defaultRunOptions() runOptions {
	return runOptions{log: slog.New(slog.DiscardHandler), roundTimeout: DefaultRoundTimeout}
}

// runWith is Run starting from the options o instead of the defaults (the
// tests start from a short round timeout).
func runWith[Out any](ctx context.Context, m Machine[Out], conn Conn, o runOptions, opts []Option) (Out, error) {
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	var zero Out
	switch {
	case m == nil:
		return zero, fmt.Errorf("%w: no machine", ErrLocal)
	case conn == nil:
		return zero, fmt.Errorf("%w: no connection", ErrLocal)
	case o.roundTimeout < 0:
		return zero, fmt.Errorf("%w: negative round timeout %v", ErrLocal, o.roundTimeout)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	r := runner[Out]{ctx: ctx, m: m, conn: conn, opt: o}
	res, err := r.run()
	if err != nil {
		o.log.LogAttrs(ctx, slog.LevelWarn, "transport: run failed", slog.Any("err", err))
	}
	return res, err
}

type runner[Out any] struct {
	ctx  context.Context
	m    Machine[Out]
	conn Conn
	opt  runOptions

	round      int // last round seen, for progress and timeouts
	conclusion int // last conclusion round seen
	deadline   time.Time
}

func (r *runner[Out]) run() (Out, error) {
	var zero Out
	if err := r.ctx.Err(); err != nil {
		return zero, fmt.Errorf("transport: run cancelled: %w", err)
	}
	out, err := r.m.Start()
	if err := r.step(out, err); err != nil {
		return zero, err
	}
	r.round = -1
	r.noteProgress(true)
	for !r.m.Done() {
		msg, err := r.receive()
		if errors.Is(err, errExpired) {
			if err := r.expire(); err != nil {
				return zero, err
			}
			continue
		}
		if err != nil {
			return zero, err
		}
		r.opt.log.LogAttrs(r.ctx, slog.LevelDebug, "transport: receive", slog.Any("msg", msg))
		out, err := r.m.Deliver(msg)
		if err := r.step(out, err); err != nil {
			return zero, err
		}
		r.noteProgress(err == nil)
	}
	return r.m.Result()
}

// step handles the result of Start or Deliver: refusals are reported, any
// other error ends the run, and outgoing messages are sent.
func (r *runner[Out]) step(out []*Message, err error) error {
	if err != nil {
		refused := refusals(err)
		if refused == nil {
			// An abort may come with the messages of rounds completed
			// before it (see Machine): the others need them.
			_ = r.send(out) // the abort is what the caller needs to see
			return err
		}
		var version *VersionError
		var mismatch *ContextError
		for _, me := range refused {
			r.opt.log.LogAttrs(r.ctx, slog.LevelWarn, "transport: refused message",
				slog.Uint64("from", uint64(me.From)), slog.Int("round", me.Round), slog.Any("err", me.Err))
			if r.opt.refused != nil {
				r.opt.refused(me)
			}
			var ve *VersionError
			if version == nil && errors.As(me.Err, &ve) && ve.Peer != 0 {
				version = ve
			}
			var ce *ContextError
			if mismatch == nil && errors.As(me.Err, &ce) {
				mismatch = ce
			}
		}
		if mismatch != nil {
			// A party with another key or party set: waiting cannot help,
			// and neither party is to blame for the other's inputs.
			_ = r.send(out)
			protocol, round := r.where()
			return NewAbortError(protocol, round, "key mismatch", mismatch)
		}
		if version != nil {
			// Like an abort of the machine's own (above), with what the
			// accepted messages produced.
			_ = r.send(out)
			return r.versionAbort(version, version)
		}
	}
	return r.send(out)
}

// send sends out in order, stopping at the first failure.
func (r *runner[Out]) send(out []*Message) error {
	for _, msg := range out {
		r.opt.log.LogAttrs(r.ctx, slog.LevelDebug, "transport: send", slog.Any("msg", msg))
		if err := r.conn.Send(r.ctx, msg); err != nil {
			if cerr := r.ctx.Err(); cerr != nil {
				return fmt.Errorf("transport: run cancelled: %w", cerr)
			}
			return fmt.Errorf("transport: send: %w", err)
		}
	}
	return nil
}

// receive waits for the next message, up to the round deadline.
func (r *runner[Out]) receive() (*Message, error) {
	ctx := r.ctx
	if r.opt.roundTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(r.ctx, r.deadline)
		defer cancel()
	}
	msg, err := r.conn.Receive(ctx)
	switch {
	case err == nil && msg == nil:
		return nil, errors.New("transport: receive returned no message and no error")
	case err == nil:
		return msg, nil
	case r.ctx.Err() != nil:
		return nil, fmt.Errorf("transport: run cancelled: %w", r.ctx.Err())
	case ctx.Err() != nil: // our round deadline, not the caller's
		return nil, errExpired
	}
	var ve *VersionError
	if errors.As(err, &ve) && ve.Peer != 0 {
		return nil, r.versionAbort(ve, err)
	}
	return nil, fmt.Errorf("transport: receive: %w", err)
}

// where returns the machine's protocol and current round, for an
// *AbortError made by Run itself, or zero values if it does not report
// progress.
func (r *runner[Out]) where() (string, int) {
	if p, ok := r.m.(ProgressReporter); ok {
		pr := p.Progress()
		return pr.Protocol, pr.Round
	}
	return "", 0
}

// versionAbort ends the run because ve.Peer speaks another version (see
// Run); cause is the error that holds ve (the Conn's, or ve itself).
func (r *runner[Out]) versionAbort(ve *VersionError, cause error) error {
	protocol, round := r.where()
	return NewAbortError(protocol, round, "version mismatch", cause, ve.Peer)
}

// errExpired is receive's report that the round deadline passed.
var errExpired = errors.New("transport: round deadline passed")

// expire handles a round deadline: a machine that implements Expirer
// decides (it may ask for missing messages, or conclude), any other ends
// the run naming the parties it still waits for.
func (r *runner[Out]) expire() error {
	if e, ok := r.m.(Expirer); ok {
		out, handled, err := e.Expire()
		if handled {
			if err := r.step(out, err); err != nil {
				return err
			}
			r.deadline = time.Now().Add(r.opt.roundTimeout)
			r.noteProgress(false)
			return nil
		}
	}
	return r.timeout()
}

func (r *runner[Out]) timeout() error {
	var missing []PartyID
	if w, ok := r.m.(Waiter); ok {
		missing = w.Waiting()
	}
	protocol, round := r.where()
	return NewAbortError(protocol, round,
		fmt.Sprintf("no progress for %v", r.opt.roundTimeout), ErrTimeout, missing...)
}

// noteProgress resets the round deadline when the machine advanced (or,
// for a machine that does not report progress, when a message was
// accepted) and reports progress.
func (r *runner[Out]) noteProgress(accepted bool) {
	p, ok := r.m.(ProgressReporter)
	advanced := accepted
	var pr Progress
	if ok {
		pr = p.Progress()
		advanced = pr.Round != r.round || pr.Conclusion != r.conclusion || pr.Done
	}
	if !advanced {
		return
	}
	r.round, r.conclusion = pr.Round, pr.Conclusion
	r.deadline = time.Now().Add(r.opt.roundTimeout)
	if ok {
		r.opt.log.LogAttrs(r.ctx, slog.LevelDebug, "transport: round",
			slog.String("protocol", pr.Protocol), slog.Int("round", pr.Round),
			slog.Bool("done", pr.Done))
		if r.opt.progress != nil {
			r.opt.progress(pr)
		}
	}
}

// refusals returns the *MessageErrors err consists of, or nil if err holds
// anything else (which makes it fatal).
func refusals(err error) []*MessageError {
	var ae *AbortError
	if errors.As(err, &ae) {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []*MessageError
		for _, e := range joined.Unwrap() {
			var me *MessageError
			if !errors.As(e, &me) {
				return nil
			}
			out = append(out, me)
		}
		return out
	}
	var me *MessageError
	if errors.As(err, &me) {
		return []*MessageError{me}
	}
	return nil
}
