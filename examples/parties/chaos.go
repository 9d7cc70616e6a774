package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/examples/jsonl"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/transport"
)

// chaosRoundTimeout is the round timeout of -chaos (unless -round-timeout
// says otherwise): a dead signer costs an attempt a few of these, seconds
// rather than minutes, and an honest round on a loaded machine still fits.
const chaosRoundTimeout = 5 * time.Second

// chaosVictim is the party -chaos kills and restarts; the cheater is
// party n.
const chaosVictim transport.PartyID = 2

// child is one party process of -chaos: its current generation (1, then 2
// after a restart, ...).
type child struct {
	id     transport.PartyID
	gen    int
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	exited chan struct{}
	ready  bool
}

// event is a reply line from a child, or the end of its process.
type event struct {
	from   transport.PartyID
	gen    int
	reply  *reply
	exited bool
	err    error
}

// chaosRun is the -spawn -chaos parent: it starts the parties, and then
// coordinates, trusted for liveness only: robust ECDSA signing
// (cggmp/robust, its plan choosing each attempt's signers from the
// outcomes the signers report) and ROAST (frost/roast) for Ed25519 and
// BIP-340, relaying the messages between a roast.Coordinator it runs and
// the parties' roast.Signers.
type chaosRun struct {
	o        options
	ids      []transport.PartyID
	cheater  transport.PartyID
	exe      string
	baseArgs []string
	stateDir string
	// passphraseKey is random; each party's passphrase derives from it.
	passphraseKey []byte

	mu       sync.Mutex // guards stderr and stdout writes
	stderr   io.Writer
	children map[transport.PartyID]*child
	events   chan event
	stop     chan struct{}
	wg       sync.WaitGroup
	ctx      context.Context

	public   *publicKeys
	killed   bool
	killedAt time.Time
	summary  []string
}

// spawnChaos is -spawn -chaos.
func spawnChaos(ctx context.Context, o options, stdout, stderr io.Writer) error {
	ids := local.Parties(o.n)
	tmp, err := os.MkdirTemp("", "mosaic-parties-chaos-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := o.pki
	if dir == "" {
		dir = filepath.Join(tmp, "pki")
	}
	addrs, nonce, exe, err := prepareSpawn(dir, ids)
	if err != nil {
		return err
	}
	passphraseKey := make([]byte, 32)
	if _, err := rand.Read(passphraseKey); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	c := &chaosRun{
		o: o, ids: ids, cheater: transport.PartyID(o.n), exe: exe, stateDir: filepath.Join(tmp, "state"), passphraseKey: passphraseKey,
		stderr: stderr, children: map[transport.PartyID]*child{},
		events: make(chan event, 64), stop: make(chan struct{}), ctx: ctx,
		baseArgs: []string{"-peers", strings.Join(addrs, ","), "-t", strconv.Itoa(o.t), "-pki", dir,
			"-nonce", hex.EncodeToString(nonce), "-aux-timeout", o.auxTimeout.String(), "-timeout", o.timeout.String(),
			"-round-timeout", o.roundTimeout.String(), "-level", strconv.Itoa(int(o.level))},
	}
	c.logf("spawning %d parties (%d-of-%d) on %s, nonce %x; chaos: party %d cheats, party %d is killed and restarted; round timeout %v",
		o.n, o.t, o.n, strings.Join(addrs, ","), nonce, c.cheater, chaosVictim, o.roundTimeout)
	start := time.Now()
	defer c.shutdown()
	for _, id := range ids {
		if err := c.start(id, false); err != nil {
			return err
		}
	}
	if err := c.waitReady(); err != nil {
		return err
	}
	c.logf("every party is set up and has sealed its keys (%v)", time.Since(start).Round(time.Millisecond))

	var lines [][]byte
	line, err := c.signECDSA(nonce)
	if err != nil {
		return fmt.Errorf("ECDSA: %w", err)
	}
	lines = append(lines, line)
	c.awaitRestart()
	for _, scheme := range []string{schemeEd25519, schemeBIP340} {
		line, err := c.signROAST(scheme, nonce)
		if err != nil {
			return fmt.Errorf("ROAST %s: %w", scheme, err)
		}
		lines = append(lines, line)
	}
	c.summary = append(c.summary, fmt.Sprintf("all done in %v", time.Since(start).Round(time.Millisecond)))
	c.logf("summary:\n  %s", strings.Join(c.summary, "\n  "))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range lines {
		if _, err := stdout.Write(l); err != nil {
			return err
		}
	}
	return nil
}

// logf prints one of the parent's own lines on stderr.
func (c *chaosRun) logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.stderr, "[chaos] "+format+"\n", args...)
}

// start starts party id's process: its first generation runs the setup
// steps and seals its keys into its state directory; a later one
// (resume) opens them from there.
func (c *chaosRun) start(id transport.PartyID, resume bool) error {
	ch := c.children[id]
	if ch == nil {
		ch = &child{id: id}
		c.children[id] = ch
	}
	state := filepath.Join(c.stateDir, strconv.Itoa(int(id)))
	if err := os.MkdirAll(state, 0o700); err != nil {
		return err
	}
	args := append([]string{"-party", strconv.Itoa(int(id)), "-state", state}, c.baseArgs...)
	if resume {
		args = append(args, "-resume")
	}
	if id == c.cheater {
		args = append(args, "-misbehave")
	}
	if c.o.verbose {
		args = append(args, "-v")
	}
	cmd := exec.CommandContext(c.ctx, c.exe, args...)
	cmd.WaitDelay = 5 * time.Second
	// The passphrase goes in the environment, not on the command line,
	// where every user of the machine could read it.
	cmd.Env = append(os.Environ(), passphraseEnv+"="+c.passphrase(id))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	ch.gen++
	ch.cmd, ch.stdin, ch.exited, ch.ready = cmd, stdin, make(chan struct{}), false
	gen, exited := ch.gen, ch.exited
	prefix := fmt.Sprintf("[party %d] ", id)
	if gen > 1 {
		prefix = fmt.Sprintf("[party %d, restart %d] ", id, gen-1)
	}
	c.wg.Go(func() {
		var pipes sync.WaitGroup
		pipes.Go(func() {
			forEachLine(errPipe, func(l string) {
				c.mu.Lock()
				defer c.mu.Unlock()
				fmt.Fprintln(c.stderr, prefix+l)
			})
		})
		pipes.Go(func() {
			forEachLine(out, func(l string) {
				r, err := decodeReply([]byte(l), id, c.o.n)
				if err != nil {
					c.logf("party %d: unreadable line: %v", id, err)
					return
				}
				c.post(event{from: id, gen: gen, reply: r})
			})
		})
		pipes.Wait()
		err := cmd.Wait()
		close(exited)
		c.post(event{from: id, gen: gen, exited: true, err: err})
	})
	return nil
}

// passphrase is party id's sealing passphrase for this run, derived from
// the run's random passphrase key, so that a restart gets the same one.
func (c *chaosRun) passphrase(id transport.PartyID) string {
	h := sha256.New()
	h.Write(c.passphraseKey)
	h.Write([]byte{byte(id >> 24), byte(id >> 16), byte(id >> 8), byte(id)})
	return hex.EncodeToString(h.Sum(nil))
}

// post hands an event to the coordinating goroutine, unless it is gone.
func (c *chaosRun) post(e event) {
	select {
	case c.events <- e:
	case <-c.stop:
	}
}

// send writes a command to party id's current process.
func (c *chaosRun) send(id transport.PartyID, cmd *command) {
	ch := c.children[id]
	b, err := encodeLine(cmd)
	if err == nil {
		_, err = ch.stdin.Write(b)
	}
	if err != nil {
		c.logf("party %d: cannot send %q: %v", id, cmd.Op, err)
	}
}

// current reports whether e is of party e.from's current process.
func (c *chaosRun) current(e event) bool {
	return c.children[e.from] != nil && c.children[e.from].gen == e.gen
}

// next returns the next event for a step to look at, before deadline. It
// handles what every step shares: a ready line of a restarted party, the
// kill of the victim when it starts its first attempt, and its restart
// once it is dead.
func (c *chaosRun) next(deadline time.Time) (event, error) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		var e event
		select {
		case e = <-c.events:
		case <-timer.C:
			return event{}, errTimeout
		case <-c.ctx.Done():
			return event{}, c.ctx.Err()
		}
		if !c.current(e) {
			continue // a line of a process that is gone
		}
		ch := c.children[e.from]
		switch {
		case e.exited && e.from == chaosVictim && c.killed && e.gen == 1:
			c.logf("party %d is dead (%v); restarting it from its state directory", e.from, e.err)
			if err := c.start(e.from, true); err != nil {
				return event{}, err
			}
			return e, nil
		case e.reply != nil && e.reply.Op == opReady && e.gen > 1:
			if !e.reply.Public.equal(c.public) {
				return event{}, fmt.Errorf("party %d came back with other public keys", e.from)
			}
			ch.ready = true
			c.summary = append(c.summary, fmt.Sprintf("party %d: killed (SIGKILL) mid-attempt, restarted, opened its sealed keys, reconnected and ready %v after the kill",
				e.from, time.Since(c.killedAt).Round(time.Millisecond)))
			c.logf("party %d is back, with the same public keys, %v after the kill", e.from, time.Since(c.killedAt).Round(time.Millisecond))
		case e.reply != nil && e.reply.Op == opStarted && e.from == chaosVictim && !c.killed:
			c.killed, c.killedAt = true, time.Now()
			c.logf("killing party %d (SIGKILL) as it starts ECDSA attempt %d", e.from, e.reply.Attempt)
			if err := ch.cmd.Process.Kill(); err != nil {
				return event{}, err
			}
			return e, nil
		case e.reply != nil && e.reply.Op == opError:
			c.logf("party %d refused a command: %s", e.from, e.reply.Error)
			return e, nil
		case e.exited:
			c.logf("party %d exited: %v", e.from, e.err)
			return e, nil
		default:
			return e, nil
		}
	}
}

var errTimeout = errors.New("timed out")

// waitReady waits for every party's first ready line, and keeps the
// public keys, which must be the same at every party.
func (c *chaosRun) waitReady() error {
	waiting := len(c.ids)
	for waiting > 0 {
		e, err := c.next(time.Now().Add(c.o.timeout))
		if err != nil {
			return err
		}
		switch {
		case e.exited:
			return fmt.Errorf("party %d ended during setup: %v", e.from, e.err)
		case e.reply.Op != opReady:
			return fmt.Errorf("party %d: %q before it was ready", e.from, e.reply.Op)
		case c.public == nil:
			c.public = e.reply.Public
		case !c.public.equal(e.reply.Public):
			return fmt.Errorf("party %d holds other public keys than the first party ready", e.from)
		}
		if !c.children[e.from].ready {
			c.children[e.from].ready = true
			waiting--
		}
	}
	return nil
}

// awaitRestart waits, a minute at most, for a killed victim to be back
// before ROAST starts, so that it can sign there; ROAST needs it not.
func (c *chaosRun) awaitRestart() {
	if !c.killed {
		return
	}
	deadline := time.Now().Add(time.Minute)
	for !c.children[chaosVictim].ready {
		e, err := c.next(deadline)
		if err != nil {
			c.logf("party %d is not back (%v); ROAST goes on without it", chaosVictim, err)
			return
		}
		if e.reply != nil {
			c.logf("party %d: %q line ignored", e.from, e.reply.Op)
		}
	}
}

// shutdown tells every party to quit, and kills those still running after
// a while.
func (c *chaosRun) shutdown() {
	for _, id := range sortedParties(c.children) {
		ch := c.children[id]
		select {
		case <-ch.exited:
		default:
			c.send(id, &command{Op: opQuit})
			ch.stdin.Close()
		}
	}
	go func() {
		// Lines of the parties' last moments go nowhere.
		for {
			select {
			case <-c.events:
			case <-c.stop:
				return
			}
		}
	}()
	done := make(chan struct{})
	go func() { c.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		for _, ch := range c.children {
			ch.cmd.Process.Kill()
		}
		<-done
	}
	close(c.stop)
}

// signECDSA signs the ECDSA message robustly: cggmp/robust's driver picks
// the signers of each attempt, the attempt runs among them (each
// cggmp.NewFullSign over tlsnet), and a failed one's outcome comes back
// from its signers. It returns the verified JSON line.
func (c *chaosRun) signECDSA(nonce []byte) ([]byte, error) {
	pub, err := curve.Secp256k1().DecodePoint(c.public.ECDSA, false)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(ecdsaMessage)
	var log []string
	runner := robust.RunnerFunc(func(_ context.Context, a robust.Attempt) (*cggmp.Signature, error) {
		start := time.Now()
		sig, err := c.ecdsaAttempt(a)
		took := time.Since(start).Round(time.Millisecond)
		switch {
		case err == nil:
			log = append(log, fmt.Sprintf("attempt %d among %v: signed (%v)", a.Number, a.Signers, took))
		default:
			o := robust.OutcomeOf(err)
			log = append(log, fmt.Sprintf("attempt %d among %v: failed, culprits %v, blames %v (%v)", a.Number, a.Signers, o.Culprits, o.Blames, took))
		}
		c.logf("ECDSA %s", log[len(log)-1])
		return sig, err
	})
	res, err := robust.Sign(c.ctx, robust.Config{Parties: c.ids, Threshold: c.o.t, PublicKey: pub, Digest: digest[:], SessionID: nonce}, runner)
	c.summary = append(c.summary, fmt.Sprintf("ECDSA (robust, cggmp/robust): %d attempts", res.Attempts))
	for _, l := range log {
		c.summary = append(c.summary, "  "+l)
	}
	named := make([]transport.PartyID, 0, len(res.Culprits))
	for _, cu := range res.Culprits {
		named = append(named, cu.Party)
		c.summary = append(c.summary, fmt.Sprintf("  named party %d (attempt %d): %v", cu.Party, cu.Attempt, cu.Evidence))
	}
	if len(res.Suspects) > 0 {
		c.summary = append(c.summary, fmt.Sprintf("  suspects (in conflicts no culprit explains; not named): %v", res.Suspects))
	}
	if err != nil {
		return nil, err
	}
	rid := int(res.Signature.RecoveryID)
	return c.verifiedLine(jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: pub.Bytes(), Digest: digest[:], Signature: res.Signature.Bytes(), RecoveryID: &rid,
		Extra: map[string]any{"signers": res.Signers, "attempts": res.Attempts, "named": named}})
}

// ecdsaAttempt runs one attempt: it sends the command to every signer and
// collects their answers, until each has answered or its process is
// gone. A signature returns at once (robust.Sign verifies it). Without
// one it returns the outcome most signers report, as an error robust's
// driver reads: an honest signer's outcome is the agreed one, the same at
// every honest signer, so it is the majority's unless the dishonest
// signers of the set outnumber the honest ones (the coordinator, trusted
// for liveness, cannot tell which report is honest; docs of
// cggmp/robust, "Where the driver runs").
func (c *chaosRun) ecdsaAttempt(a robust.Attempt) (*cggmp.Signature, error) {
	waiting := map[transport.PartyID]int{} // signer -> generation asked
	for _, id := range a.Signers {
		ch := c.children[id]
		select {
		case <-ch.exited:
			continue // down: it cannot answer
		default:
		}
		waiting[id] = ch.gen
		c.send(id, &command{Op: opECDSA, Attempt: a.Number, Signers: a.Signers})
	}
	outcomes := map[transport.PartyID]*attemptOutcome{}
	// An attempt among live parties ends within a few round timeouts;
	// this bound only catches a party that hangs without dying.
	deadline := time.Now().Add(30 * c.o.roundTimeout)
	for len(waiting) > 0 {
		e, err := c.next(deadline)
		if errors.Is(err, errTimeout) {
			c.logf("ECDSA attempt %d: no answer from %v", a.Number, sortedParties(waiting))
			break
		}
		if err != nil {
			return nil, err
		}
		if gen, ok := waiting[e.from]; !ok || gen != e.gen {
			continue
		}
		switch {
		case e.exited:
			delete(waiting, e.from)
		case e.reply.Op == opECDSA && e.reply.Attempt == a.Number:
			delete(waiting, e.from)
			if e.reply.Outcome != nil {
				outcomes[e.from] = e.reply.Outcome
				continue
			}
			sig, err := cggmp.ParseSignature(e.reply.Signature)
			if err != nil {
				c.logf("party %d: %v", e.from, err)
				continue
			}
			sig.RecoveryID = byte(*e.reply.RecoveryID)
			return sig, nil
		}
	}
	return nil, majorityOutcome(a, outcomes)
}

// majorityOutcome is the outcome most signers reported (the lowest party
// id's among equals), as the error robust's driver reads: a
// *transport.AbortError with the culprits, holding a *transport.BlameError
// with the blames.
func majorityOutcome(a robust.Attempt, outcomes map[transport.PartyID]*attemptOutcome) error {
	var best *attemptOutcome
	bestVotes := 0
	for _, id := range sortedParties(outcomes) {
		votes := 0
		for _, other := range outcomes {
			if sameOutcome(outcomes[id], other) {
				votes++
			}
		}
		if votes > bestVotes {
			best, bestVotes = outcomes[id], votes
		}
	}
	if best == nil {
		// Nobody answered: an attempt that names nobody, which the plan
		// will not repeat.
		return transport.NewAbortError("robust-attempt", 0, fmt.Sprintf("attempt %d: no signer answered", a.Number), nil)
	}
	return best.err()
}

// sameOutcome reports whether two signers reported the same culprits,
// blames and kind of failure.
func sameOutcome(x, y *attemptOutcome) bool {
	key := func(o *attemptOutcome) string {
		b, _ := json.Marshal(attemptOutcome{Abort: o.Abort, Culprits: o.Culprits, Blames: o.Blames, Local: o.Local, ContextMismatch: o.ContextMismatch})
		return string(b)
	}
	return key(x) == key(y)
}

// err rebuilds the error robust's driver reads from a reported outcome:
// the culprits in a *transport.AbortError, the sentinels it is tested
// for (transport.ErrLocal, transport.ErrContextMismatch) and the blames
// in a *transport.BlameError, wrapped, with the signer's error text.
func (o *attemptOutcome) err() error {
	if !o.Abort {
		return errors.New(o.Reason)
	}
	var causes []any
	var format []string
	if o.Local {
		causes, format = append(causes, transport.ErrLocal), append(format, "%w")
	}
	if o.ContextMismatch {
		causes, format = append(causes, transport.ErrContextMismatch), append(format, "%w")
	}
	if len(o.Blames) > 0 {
		causes, format = append(causes, &transport.BlameError{Blames: o.Blames}), append(format, "%w")
	}
	causes, format = append(causes, o.Reason), append(format, "%s")
	return transport.NewAbortError("robust-attempt", 0, "the signers' outcome", fmt.Errorf(strings.Join(format, "; "), causes...), o.Culprits...)
}

// signROAST signs scheme's message with ROAST: the parent runs the
// coordinator and relays its requests to the parties' signers and their
// responses back. It returns the verified JSON line.
func (c *chaosRun) signROAST(scheme string, nonce []byte) ([]byte, error) {
	suite := frost.Ed25519SHA512()
	g := c.public.Ed25519
	if scheme == schemeBIP340 {
		suite, g = frost.Secp256k1TR(), c.public.Secp256k1
	}
	pub, err := publicPackage(suite, g, c.public.Threshold)
	if err != nil {
		return nil, err
	}
	var internal []byte
	if scheme == schemeBIP340 {
		if internal, err = curve.XOnlyBytes(pub.GroupKey()); err != nil {
			return nil, err
		}
		if pub, err = pub.Tweak(nil); err != nil {
			return nil, err
		}
	}
	msg := roastMessage(scheme)
	coord, err := roast.NewCoordinator(roast.CoordinatorConfig{Suite: suite, PublicKeys: pub, Message: msg, RunID: roastRunID(scheme, nonce)})
	if err != nil {
		return nil, err
	}
	start := time.Now()
	live := map[transport.PartyID]bool{}
	for _, id := range c.ids {
		ch := c.children[id]
		select {
		case <-ch.exited:
			continue
		default:
		}
		if ch.ready {
			live[id] = true
			c.send(id, &command{Op: opRoastStart, Scheme: scheme})
		}
	}
	outstanding := map[transport.PartyID]uint32{}
	sessions := map[uint32][]transport.PartyID{}
	var completed uint32
	answeredFirst := map[transport.PartyID]bool{}
	feed := func(from transport.PartyID, b []byte) error {
		fid, err := frost.IdentifierFromUint64(uint64(from))
		if err != nil {
			return err
		}
		sess := outstanding[from]
		if sess == 1 {
			answeredFirst[from] = true
		}
		out, err := coord.Receive(fid, b)
		var fault *roast.Fault
		switch {
		case errors.As(err, &fault):
			c.logf("ROAST %s: named party %d: %v", scheme, from, fault)
		case err != nil:
			c.logf("ROAST %s: message of party %d not used: %v", scheme, from, err)
		}
		if coord.Done() {
			completed = sess
			return nil
		}
		for _, ob := range out {
			to, _ := ob.To.Uint64()
			b, err := ob.Request.MarshalBinary()
			if err != nil {
				return err
			}
			id := transport.PartyID(to)
			outstanding[id] = ob.Request.Session
			sessions[ob.Request.Session] = append(sessions[ob.Request.Session], id)
			c.send(id, &command{Op: opRoast, Scheme: scheme, Msg: b})
		}
		if len(out) > 0 {
			c.logf("ROAST %s: session %d with %v", scheme, out[0].Request.Session, sessions[out[0].Request.Session])
		}
		return nil
	}

	// The order in which a coordinator starts sessions is its own choice
	// (any order signs); this one makes the run show a cheater named. It
	// gathers the first commitments (a round timeout or three at most),
	// starts session 1 with the t highest parties, party n the cheater
	// among them, and holds the other commitments back until session 1
	// has all its answers (or a round timeout more), so that the
	// cheater's share is checked before another session can complete.
	const (
		gathering = iota
		firstSession
		relaying
	)
	phase := gathering
	first := map[transport.PartyID][]byte{}
	var held []transport.PartyID
	until := time.Now().Add(3 * c.o.roundTimeout)
	deadline := time.Now().Add(30 * c.o.roundTimeout)
	release := func() error {
		for _, id := range held {
			if err := feed(id, first[id]); err != nil {
				return err
			}
		}
		held, phase, until = nil, relaying, deadline
		return nil
	}
	firstDone := func() bool {
		for _, id := range sessions[1] {
			if !answeredFirst[id] {
				return false
			}
		}
		return true
	}
	for !coord.Done() {
		e, err := c.next(until)
		switch {
		case errors.Is(err, errTimeout) && phase != relaying:
			e = event{}
		case err != nil:
			return nil, err
		}
		if e.reply != nil && e.reply.Op == opRoast && e.reply.Scheme == scheme && live[e.from] {
			_, seen := first[e.from]
			switch {
			case !seen:
				first[e.from] = e.reply.Msg
				if phase == firstSession {
					held = append(held, e.from)
				} else if phase == relaying {
					if err := feed(e.from, e.reply.Msg); err != nil {
						return nil, err
					}
				}
			default:
				if err := feed(e.from, e.reply.Msg); err != nil {
					return nil, err
				}
			}
		}
		switch {
		case phase == gathering && (len(first) == len(live) || err != nil):
			ids := sortedParties(first)
			slices.Reverse(ids)
			n := min(c.o.t, len(ids))
			for _, id := range ids[:n] {
				if err := feed(id, first[id]); err != nil {
					return nil, err
				}
			}
			held, phase, until = ids[n:], firstSession, time.Now().Add(c.o.roundTimeout)
			if n < c.o.t {
				if err := release(); err != nil {
					return nil, err
				}
			}
		case phase == firstSession && (err != nil || firstDone()):
			if err := release(); err != nil {
				return nil, err
			}
		}
	}
	sig, ok := coord.Signature()
	if !ok {
		return nil, coord.Err()
	}
	signers := transport.SortedCopy(sessions[completed])
	named := []transport.PartyID{}
	for _, f := range coord.Faults() {
		p, _ := f.Party.Uint64()
		named = append(named, transport.PartyID(p))
	}
	c.summary = append(c.summary, fmt.Sprintf("%s (ROAST, frost/roast): %d sessions, signed by %v in session %d, named %v, %v",
		scheme, coord.Sessions(), signers, completed, named, time.Since(start).Round(time.Millisecond)))
	for _, f := range coord.Faults() {
		c.summary = append(c.summary, fmt.Sprintf("  named party %v: %v (evidence checks: %v)", f.Party, f, f.Verify(pub) == nil))
	}
	extra := map[string]any{"signers": signers, "sessions": coord.Sessions(), "named": named}
	if scheme == schemeEd25519 {
		return c.verifiedLine(jsonl.Line{Scheme: jsonl.Ed25519, PublicKey: pub.GroupKey().Bytes(), Message: msg, Signature: sig, Extra: extra})
	}
	xonly, err := curve.XOnlyBytes(pub.GroupKey())
	if err != nil {
		return nil, err
	}
	extra["internal_key"] = hex.EncodeToString(internal)
	extra["tweak"] = "BIP-341 key path, no script tree"
	return c.verifiedLine(jsonl.Line{Scheme: jsonl.BIP340, PublicKey: xonly, Message: msg, Signature: sig, Extra: extra})
}

// publicPackage builds a FROST public key package from the public keys
// the parties reported.
func publicPackage(suite frost.Ciphersuite, g groupKeys, t int) (*frost.PublicKeyPackage, error) {
	cv := suite.Curve()
	group, err := cv.DecodePoint(g.Group, false)
	if err != nil {
		return nil, err
	}
	shares := map[frost.Identifier]curve.Point{}
	for id, b := range g.Shares {
		pt, err := cv.DecodePoint(b, false)
		if err != nil {
			return nil, fmt.Errorf("public share of party %d: %w", id, err)
		}
		fid, err := frost.IdentifierFromUint64(uint64(id))
		if err != nil {
			return nil, err
		}
		shares[fid] = pt
	}
	return frost.NewPublicKeyPackage(suite, group, shares, t)
}

// verifiedLine writes l as a JSON line, checks it again with the
// independent code of verifyLine, and returns what to print: the line
// with -json, a readable form without.
func (c *chaosRun) verifiedLine(l jsonl.Line) ([]byte, error) {
	var buf bytes.Buffer
	if err := jsonl.Write(&buf, l); err != nil {
		return nil, err
	}
	var obj map[string]any
	if err := json.Unmarshal(buf.Bytes(), &obj); err != nil {
		return nil, err
	}
	if err := verifyLine(obj); err != nil {
		return nil, fmt.Errorf("%s: %w", l.Scheme, err)
	}
	if c.o.asJSON {
		return buf.Bytes(), nil
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s signature, verified (signers %v)\n  public key %x\n", l.Scheme, l.Extra["signers"], l.PublicKey)
	if l.Scheme == jsonl.ECDSA {
		fmt.Fprintf(&out, "  digest     %x\n  signature  %x (recovery id %d)\n", l.Digest, l.Signature, *l.RecoveryID)
	} else {
		fmt.Fprintf(&out, "  message    %x\n  signature  %x\n", l.Message, l.Signature)
	}
	return out.Bytes(), nil
}
