package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/mosaic-mpc/mosaic/transport"
)

// The coordinator protocol of -chaos: the spawn parent writes one command
// per line, as JSON, to a party's stdin, and the party answers with
// replies, one JSON line each, on its stdout. Byte strings are hex. The
// pipes are the channel: a reply is the party's whose stdout it came
// from, whatever its "party" field says (the parent checks that they
// match).
//
// Commands:
//
//	{"op":"ecdsa","attempt":K,"signers":[...]}  run attempt K of robust ECDSA signing among signers
//	{"op":"roast-start","scheme":S}             start a ROAST signer for scheme S (ed25519, bip340)
//	{"op":"roast","scheme":S,"msg":HEX}         a ROAST request from the coordinator
//	{"op":"quit"}                               exit
//
// Replies:
//
//	{"op":"ready","party":P,"public":{...}}                    setup done (or keys reopened), with the public keys
//	{"op":"started","party":P,"attempt":K}                     attempt K began here
//	{"op":"ecdsa","party":P,"attempt":K,"signature":HEX,"recovery_id":R}
//	{"op":"ecdsa","party":P,"attempt":K,"outcome":{...}}       attempt K failed here, with its outcome
//	{"op":"roast","party":P,"scheme":S,"msg":HEX}              a ROAST response for the coordinator
//	{"op":"error","party":P,"error":TEXT}                      a command failed here

// The ops of commands and replies.
const (
	opECDSA      = "ecdsa"
	opRoastStart = "roast-start"
	opRoast      = "roast"
	opQuit       = "quit"
	opReady      = "ready"
	opStarted    = "started"
	opError      = "error"
)

// The ROAST schemes, named as in the JSON lines.
const (
	schemeEd25519 = "ed25519"
	schemeBIP340  = "bip340"
)

// maxLine bounds a command or reply line; a ROAST request for 64 signers
// is about 20 KiB of hex, the ready line about 10 KiB.
const maxLine = 1 << 20

// hexBytes is a byte string that JSON carries as lower-case hex.
type hexBytes []byte

// MarshalText implements encoding.TextMarshaler.
func (b hexBytes) MarshalText() ([]byte, error) {
	return []byte(hex.EncodeToString(b)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *hexBytes) UnmarshalText(text []byte) error {
	out, err := hex.DecodeString(string(text))
	if err != nil {
		return err
	}
	*b = out
	return nil
}

// command is one line from the coordinator to a party.
type command struct {
	Op      string              `json:"op"`
	Attempt int                 `json:"attempt,omitempty"`
	Signers []transport.PartyID `json:"signers,omitempty"`
	Scheme  string              `json:"scheme,omitempty"`
	Msg     hexBytes            `json:"msg,omitempty"`
}

// reply is one line from a party to the coordinator.
type reply struct {
	Op         string            `json:"op"`
	Party      transport.PartyID `json:"party"`
	Attempt    int               `json:"attempt,omitempty"`
	Scheme     string            `json:"scheme,omitempty"`
	Msg        hexBytes          `json:"msg,omitempty"`
	Signature  hexBytes          `json:"signature,omitempty"`
	RecoveryID *int              `json:"recovery_id,omitempty"`
	Outcome    *attemptOutcome   `json:"outcome,omitempty"`
	Public     *publicKeys       `json:"public,omitempty"`
	Error      string            `json:"error,omitempty"`
}

// attemptOutcome is how an ECDSA attempt ended at one signer without a
// signature: what robust.OutcomeOf and robust's driver read from the
// error, carried across the pipe. Abort says the error held the run's
// *transport.AbortError (the agreed outcome); without it the failure
// was this party's own (a dead context, a closed node).
type attemptOutcome struct {
	Abort           bool                                      `json:"abort"`
	Culprits        []transport.PartyID                       `json:"culprits,omitempty"`
	Blames          map[transport.PartyID][]transport.PartyID `json:"blames,omitempty"`
	Local           bool                                      `json:"local,omitempty"`
	ContextMismatch bool                                      `json:"context_mismatch,omitempty"`
	Reason          string                                    `json:"reason"`
}

// publicKeys are a party's public key material, the same at every party:
// what the coordinator needs to check signatures and shares.
type publicKeys struct {
	Threshold int `json:"threshold"`
	// ECDSA is the CGGMP key's public key (compressed).
	ECDSA     hexBytes  `json:"ecdsa"`
	Secp256k1 groupKeys `json:"secp256k1"`
	Ed25519   groupKeys `json:"ed25519"`
}

// groupKeys are one key generation's group key and every party's public
// share, in the curve's encodings.
type groupKeys struct {
	Group  hexBytes                       `json:"group"`
	Shares map[transport.PartyID]hexBytes `json:"shares"`
}

// decodeStrict decodes one JSON object from line into v, refusing unknown
// fields and anything after the object.
func decodeStrict(line []byte, v any) error {
	if len(line) > maxLine {
		return fmt.Errorf("line of %d bytes, more than %d", len(line), maxLine)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON object")
	}
	return nil
}

// checkParties checks a list of party ids against 1..n: each in range,
// increasing (so none repeats).
func checkParties(what string, ps []transport.PartyID, n int) error {
	for i, p := range ps {
		if p < 1 || int(p) > n {
			return fmt.Errorf("%s: party %d not in 1..%d", what, p, n)
		}
		if i > 0 && ps[i-1] >= p {
			return fmt.Errorf("%s: %v is not increasing", what, ps)
		}
	}
	return nil
}

// decodeCommand parses and checks one command line, for a party of n.
func decodeCommand(line []byte, n int) (*command, error) {
	var c command
	if err := decodeStrict(line, &c); err != nil {
		return nil, fmt.Errorf("command: %w", err)
	}
	switch c.Op {
	case opECDSA:
		if c.Attempt < 1 || len(c.Signers) < 2 || c.Scheme != "" || c.Msg != nil {
			return nil, fmt.Errorf("command: %s needs an attempt from 1 and two signers at least, and nothing else", c.Op)
		}
		if err := checkParties("command: signers", c.Signers, n); err != nil {
			return nil, err
		}
	case opRoastStart, opRoast:
		if c.Scheme != schemeEd25519 && c.Scheme != schemeBIP340 {
			return nil, fmt.Errorf("command: %s for scheme %q", c.Op, c.Scheme)
		}
		if c.Attempt != 0 || c.Signers != nil || (c.Op == opRoast) != (len(c.Msg) > 0) {
			return nil, fmt.Errorf("command: %s with the fields of another command", c.Op)
		}
	case opQuit:
		if c.Attempt != 0 || c.Signers != nil || c.Scheme != "" || c.Msg != nil {
			return nil, fmt.Errorf("command: %s with fields", c.Op)
		}
	default:
		return nil, fmt.Errorf("command: unknown op %q", c.Op)
	}
	return &c, nil
}

// decodeReply parses and checks one reply line from the party from, one
// of n: the ops and fields the coordinator can use, and nothing else. It
// checks the form only; the coordinator checks signatures, keys and ROAST
// messages with their own code.
func decodeReply(line []byte, from transport.PartyID, n int) (*reply, error) {
	var r reply
	if err := decodeStrict(line, &r); err != nil {
		return nil, fmt.Errorf("reply of party %d: %w", from, err)
	}
	if r.Party != from {
		return nil, fmt.Errorf("reply of party %d in the name of party %d", from, r.Party)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("reply %q of party %d: %s", r.Op, from, fmt.Sprintf(format, args...))
	}
	attemptOnly := r.Scheme == "" && r.Msg == nil && r.Public == nil && r.Error == ""
	switch r.Op {
	case opReady:
		if r.Public == nil || r.Attempt != 0 || r.Scheme != "" || r.Msg != nil || r.Signature != nil || r.RecoveryID != nil || r.Outcome != nil || r.Error != "" {
			return nil, bad("needs the public keys and nothing else")
		}
		if err := r.Public.check(n); err != nil {
			return nil, bad("%v", err)
		}
	case opStarted:
		if r.Attempt < 1 || !attemptOnly || r.Signature != nil || r.RecoveryID != nil || r.Outcome != nil {
			return nil, bad("needs an attempt from 1 and nothing else")
		}
	case opECDSA:
		if r.Attempt < 1 || !attemptOnly {
			return nil, bad("needs an attempt from 1, and a signature or an outcome only")
		}
		signed := r.Signature != nil || r.RecoveryID != nil
		switch {
		case signed == (r.Outcome != nil):
			return nil, bad("needs either a signature or an outcome")
		case signed && (len(r.Signature) != 64 || r.RecoveryID == nil || *r.RecoveryID < 0 || *r.RecoveryID > 3):
			return nil, bad("needs a 64-byte signature and a recovery id 0..3")
		case !signed:
			if err := r.Outcome.check(n); err != nil {
				return nil, bad("%v", err)
			}
		}
	case opRoast:
		if (r.Scheme != schemeEd25519 && r.Scheme != schemeBIP340) || len(r.Msg) == 0 || r.Attempt != 0 ||
			r.Signature != nil || r.RecoveryID != nil || r.Outcome != nil || r.Public != nil || r.Error != "" {
			return nil, bad("needs a scheme and a message and nothing else")
		}
	case opError:
		if r.Error == "" || r.Attempt != 0 || r.Scheme != "" || r.Msg != nil || r.Signature != nil || r.RecoveryID != nil || r.Outcome != nil || r.Public != nil {
			return nil, bad("needs an error text and nothing else")
		}
	default:
		return nil, fmt.Errorf("reply of party %d: unknown op %q", from, r.Op)
	}
	return &r, nil
}

// check checks an outcome's party ids against 1..n.
func (o *attemptOutcome) check(n int) error {
	if err := checkParties("culprits", o.Culprits, n); err != nil {
		return err
	}
	if !o.Abort && (len(o.Culprits) > 0 || len(o.Blames) > 0 || o.Local || o.ContextMismatch) {
		return errors.New("an outcome without an abort names nobody")
	}
	for a, bs := range o.Blames {
		if a < 1 || int(a) > n || len(bs) == 0 {
			return fmt.Errorf("blames of party %d", a)
		}
		if err := checkParties("blamed", bs, n); err != nil {
			return err
		}
	}
	return nil
}

// check checks the shape of the public keys: every party's share on both
// curves, no other. The points are decoded by the coordinator.
func (k *publicKeys) check(n int) error {
	if k.Threshold < 1 || k.Threshold > n || len(k.ECDSA) == 0 {
		return fmt.Errorf("threshold %d of %d, or no ECDSA key", k.Threshold, n)
	}
	for _, g := range []groupKeys{k.Secp256k1, k.Ed25519} {
		if len(g.Group) == 0 || len(g.Shares) != n {
			return fmt.Errorf("%d public shares for %d parties", len(g.Shares), n)
		}
		for p, s := range g.Shares {
			if p < 1 || int(p) > n || len(s) == 0 {
				return fmt.Errorf("public share of party %d", p)
			}
		}
	}
	return nil
}

// equal reports whether two parties sent the same public keys.
func (k *publicKeys) equal(o *publicKeys) bool {
	a, errA := json.Marshal(k)
	b, errB := json.Marshal(o)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// encodeLine is v as one JSON line.
func encodeLine(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// sortedParties returns the keys of m in increasing order.
func sortedParties[V any](m map[transport.PartyID]V) []transport.PartyID {
	out := make([]transport.PartyID, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
