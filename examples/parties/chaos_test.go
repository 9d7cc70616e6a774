package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp/robust"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/stretchr/testify/require"
)

// asMainEnv makes the test binary run as the command: -spawn starts
// children with os.Executable, which in a test is the test binary, so a
// child finds this variable (inherited from the parent) and runs runCLI
// on its arguments instead of the tests.
const asMainEnv = "MOSAIC_PARTIES_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestChaos runs "parties -spawn -json -chaos" end to end, 3-of-5 at
// -level 112, the children being this test binary: party 5 cheats in
// every signing, party 2 is killed as it starts the first ECDSA attempt
// and restarted from its sealed keys. Every scheme's line must come out,
// verify, and name party 5, and party 2 must be back.
func TestChaos(t *testing.T) {
	if testing.Short() {
		t.Skip("five processes, safe primes and a dead party's timeouts")
	}
	t.Setenv(asMainEnv, "1")
	var stdout, stderr bytes.Buffer
	start := time.Now()
	status := runCLI([]string{"-spawn", "-json", "-chaos", "-level", "112", "-n", "5", "-t", "3"}, &stdout, &stderr)
	t.Logf("chaos run: %v", time.Since(start).Round(time.Millisecond))
	require.Equal(t, 0, status, stderr.String())

	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	require.Len(t, lines, 3, stdout.String())
	for i, scheme := range []string{"ecdsa-secp256k1", "ed25519", "bip340"} {
		var obj map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &obj))
		require.Equal(t, scheme, obj["scheme"])
		require.NoError(t, verifyLine(obj), scheme)
		named := obj["named"]
		if scheme == "ecdsa-secp256k1" {
			// Party 2, down during the first attempt, may be convicted by
			// its conflicts too (robust's rule 3: the plan counts a party
			// that vanished mid-attempt among the faulty ones).
			require.Contains(t, [][]any{{5.0}, {2.0, 5.0}}, named, "%s names the cheater", scheme)
		} else {
			require.Equal(t, []any{5.0}, named, "%s names the cheater, and only it", scheme)
		}
		require.NotContains(t, obj["signers"], 5.0, "%s: the cheater is not among the signers", scheme)
	}
	log := stderr.String()
	require.Contains(t, log, "killing party 2 (SIGKILL) as it starts ECDSA attempt 1")
	require.Contains(t, log, "party 2 is back, with the same public keys")
	require.Contains(t, log, "signed two different messages for one slot: [5]")
	require.Contains(t, log, "signer 5 excluded (invalid share)")
}

func TestDecodeCommand(t *testing.T) {
	tests := []struct {
		name string
		line string
		want *command
		err  string
	}{
		{"ecdsa", `{"op":"ecdsa","attempt":2,"signers":[1,3,4]}`, &command{Op: opECDSA, Attempt: 2, Signers: []transport.PartyID{1, 3, 4}}, ""},
		{"roast-start", `{"op":"roast-start","scheme":"bip340"}`, &command{Op: opRoastStart, Scheme: schemeBIP340}, ""},
		{"roast", `{"op":"roast","scheme":"ed25519","msg":"01ff"}`, &command{Op: opRoast, Scheme: schemeEd25519, Msg: hexBytes{1, 0xff}}, ""},
		{"quit", `{"op":"quit"}`, &command{Op: opQuit}, ""},
		{"unknown op", `{"op":"sign"}`, nil, "unknown op"},
		{"unknown field", `{"op":"quit","x":1}`, nil, "unknown field"},
		{"two objects", `{"op":"quit"} {"op":"quit"}`, nil, "after the JSON object"},
		{"not JSON", `quit`, nil, "invalid character"},
		{"attempt zero", `{"op":"ecdsa","attempt":0,"signers":[1,2]}`, nil, "attempt from 1"},
		{"one signer", `{"op":"ecdsa","attempt":1,"signers":[1]}`, nil, "two signers"},
		{"signer out of range", `{"op":"ecdsa","attempt":1,"signers":[1,6]}`, nil, "party 6 not in 1..5"},
		{"signer zero", `{"op":"ecdsa","attempt":1,"signers":[0,1]}`, nil, "party 0 not in 1..5"},
		{"repeated signer", `{"op":"ecdsa","attempt":1,"signers":[2,2]}`, nil, "not increasing"},
		{"ecdsa with a scheme", `{"op":"ecdsa","attempt":1,"signers":[1,2],"scheme":"ed25519"}`, nil, "nothing else"},
		{"unknown scheme", `{"op":"roast","scheme":"rsa","msg":"00"}`, nil, `scheme "rsa"`},
		{"roast without message", `{"op":"roast","scheme":"ed25519"}`, nil, "fields of another command"},
		{"roast-start with message", `{"op":"roast-start","scheme":"ed25519","msg":"00"}`, nil, "fields of another command"},
		{"bad hex", `{"op":"roast","scheme":"ed25519","msg":"0g"}`, nil, "invalid byte"},
		{"quit with fields", `{"op":"quit","attempt":1}`, nil, "with fields"},
		{"negative party", `{"op":"ecdsa","attempt":1,"signers":[-1,2]}`, nil, "cannot unmarshal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := decodeCommand([]byte(tc.line), 5)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				require.Nil(t, c)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, c)
			// What the coordinator encodes, the party decodes the same.
			b, err := encodeLine(c)
			require.NoError(t, err)
			again, err := decodeCommand(bytes.TrimSuffix(b, []byte("\n")), 5)
			require.NoError(t, err)
			require.Equal(t, c, again)
		})
	}
}

// validPublic is a public-keys object of the right shape for 3 parties.
const validPublic = `{"threshold":2,"ecdsa":"02aa",` +
	`"secp256k1":{"group":"02bb","shares":{"1":"01","2":"02","3":"03"}},` +
	`"ed25519":{"group":"cc","shares":{"1":"01","2":"02","3":"03"}}}`

func TestDecodeReply(t *testing.T) {
	sig := strings.Repeat("ab", 64)
	tests := []struct {
		name string
		line string
		err  string
	}{
		{"ready", `{"op":"ready","party":2,"public":` + validPublic + `}`, ""},
		{"started", `{"op":"started","party":2,"attempt":1}`, ""},
		{"signature", `{"op":"ecdsa","party":2,"attempt":1,"signature":"` + sig + `","recovery_id":1}`, ""},
		{"outcome", `{"op":"ecdsa","party":2,"attempt":3,"outcome":{"abort":true,"culprits":[3],"blames":{"1":[2,3]},"reason":"x"}}`, ""},
		{"local outcome", `{"op":"ecdsa","party":2,"attempt":3,"outcome":{"abort":false,"reason":"context canceled"}}`, ""},
		{"roast", `{"op":"roast","party":2,"scheme":"ed25519","msg":"0102"}`, ""},
		{"error", `{"op":"error","party":2,"error":"no"}`, ""},
		{"in another's name", `{"op":"started","party":3,"attempt":1}`, "in the name of party 3"},
		{"unknown op", `{"op":"hello","party":2}`, "unknown op"},
		{"unknown field", `{"op":"started","party":2,"attempt":1,"extra":true}`, "unknown field"},
		{"ready without keys", `{"op":"ready","party":2}`, "public keys"},
		{"ready with a share missing", `{"op":"ready","party":2,"public":{"threshold":2,"ecdsa":"02","secp256k1":{"group":"02","shares":{"1":"01","2":"02"}},"ed25519":{"group":"cc","shares":{"1":"01","2":"02","3":"03"}}}}`, "2 public shares for 3 parties"},
		{"ready with a share of party 4", `{"op":"ready","party":2,"public":{"threshold":2,"ecdsa":"02","secp256k1":{"group":"02","shares":{"1":"01","2":"02","4":"03"}},"ed25519":{"group":"cc","shares":{"1":"01","2":"02","3":"03"}}}}`, "share of party 4"},
		{"ready with threshold 4", `{"op":"ready","party":2,"public":{"threshold":4,"ecdsa":"02","secp256k1":{"group":"02","shares":{"1":"01","2":"02","3":"03"}},"ed25519":{"group":"cc","shares":{"1":"01","2":"02","3":"03"}}}}`, "threshold 4 of 3"},
		{"started without attempt", `{"op":"started","party":2}`, "attempt from 1"},
		{"signature and outcome", `{"op":"ecdsa","party":2,"attempt":1,"signature":"` + sig + `","recovery_id":1,"outcome":{"abort":false,"reason":""}}`, "either a signature or an outcome"},
		{"neither", `{"op":"ecdsa","party":2,"attempt":1}`, "either a signature or an outcome"},
		{"short signature", `{"op":"ecdsa","party":2,"attempt":1,"signature":"abcd","recovery_id":1}`, "64-byte signature"},
		{"no recovery id", `{"op":"ecdsa","party":2,"attempt":1,"signature":"` + sig + `"}`, "recovery id"},
		{"recovery id 4", `{"op":"ecdsa","party":2,"attempt":1,"signature":"` + sig + `","recovery_id":4}`, "recovery id 0..3"},
		{"culprit out of range", `{"op":"ecdsa","party":2,"attempt":1,"outcome":{"abort":true,"culprits":[9],"reason":""}}`, "party 9 not in 1..3"},
		{"blamer out of range", `{"op":"ecdsa","party":2,"attempt":1,"outcome":{"abort":true,"blames":{"7":[1]},"reason":""}}`, "blames of party 7"},
		{"empty blame", `{"op":"ecdsa","party":2,"attempt":1,"outcome":{"abort":true,"blames":{"1":[]},"reason":""}}`, "blames of party 1"},
		{"names without an abort", `{"op":"ecdsa","party":2,"attempt":1,"outcome":{"abort":false,"culprits":[1],"reason":""}}`, "names nobody"},
		{"roast without scheme", `{"op":"roast","party":2,"msg":"01"}`, "scheme and a message"},
		{"roast without message", `{"op":"roast","party":2,"scheme":"bip340"}`, "scheme and a message"},
		{"error without text", `{"op":"error","party":2}`, "error text"},
		{"too long", `{"op":"error","party":2,"error":"` + strings.Repeat("x", maxLine) + `"}`, "more than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := decodeReply([]byte(tc.line), 2, 3)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				require.Nil(t, r)
				return
			}
			require.NoError(t, err)
			b, err := encodeLine(r)
			require.NoError(t, err)
			again, err := decodeReply(bytes.TrimSuffix(b, []byte("\n")), 2, 3)
			require.NoError(t, err)
			require.Equal(t, r, again)
		})
	}
}

// The outcome a signer reports, rebuilt at the coordinator, is what
// robust's driver reads from the signer's own error: the culprits, the
// blames, and the sentinels it tests.
func TestOutcomeRoundTrip(t *testing.T) {
	blame := &transport.BlameError{Blames: map[transport.PartyID][]transport.PartyID{1: {2}, 3: {2}}}
	tests := []struct {
		name      string
		err       error
		abort     bool
		local     bool
		mismatch  bool
		culprits  []transport.PartyID
		hasBlames bool
	}{
		{"equivocation", transport.NewAbortError("p", 1, "two messages", transport.ErrEquivocation, 5), true, false, false, []transport.PartyID{5}, false},
		{"silent party", transport.NewAbortError("p", 1, "no message in time", blame), true, false, false, nil, true},
		{"local", transport.NewAbortError("p", 1, "broken", errors.Join(transport.ErrLocal, errors.New("disk"))), true, true, false, nil, false},
		{"key mismatch", transport.NewAbortError("p", 0, "other key", transport.ErrContextMismatch), true, false, true, nil, false},
		{"not an abort", errors.New("context canceled"), false, false, false, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := outcomeOf(tc.err)
			// Across the pipe and back.
			b, err := json.Marshal(o)
			require.NoError(t, err)
			var got attemptOutcome
			require.NoError(t, json.Unmarshal(b, &got))
			require.NoError(t, got.check(5))
			require.Equal(t, tc.abort, got.Abort)

			rebuilt := got.err()
			var ae *transport.AbortError
			require.Equal(t, tc.abort, errors.As(rebuilt, &ae))
			require.Equal(t, tc.local, errors.Is(rebuilt, transport.ErrLocal))
			require.Equal(t, tc.mismatch, errors.Is(rebuilt, transport.ErrContextMismatch))
			want, have := robust.OutcomeOf(tc.err), robust.OutcomeOf(rebuilt)
			require.Equal(t, want.Culprits, have.Culprits)
			require.Equal(t, want.Blames, have.Blames)
			require.Equal(t, tc.hasBlames, have.Blames != nil)
			require.Equal(t, tc.culprits, have.Culprits)
			require.NotContains(t, got.Reason, "\n")
		})
	}
}

// The coordinator takes the outcome most signers report: a cheater's own
// report is outvoted by the honest signers', which agree.
func TestMajorityOutcome(t *testing.T) {
	honest := &attemptOutcome{Abort: true, Culprits: []transport.PartyID{5}, Reason: "5 equivocated"}
	liar := &attemptOutcome{Abort: true, Culprits: []transport.PartyID{1}, Reason: "1 equivocated"}
	a := robust.Attempt{Number: 2, Signers: []transport.PartyID{1, 4, 5}}

	err := majorityOutcome(a, map[transport.PartyID]*attemptOutcome{1: honest, 4: honest, 5: liar})
	require.Equal(t, []transport.PartyID{5}, robust.OutcomeOf(err).Culprits)
	// A tie goes to the lowest party's report.
	err = majorityOutcome(a, map[transport.PartyID]*attemptOutcome{1: honest, 5: liar})
	require.Equal(t, []transport.PartyID{5}, robust.OutcomeOf(err).Culprits)
	// Nobody answered: an abort that names nobody.
	err = majorityOutcome(a, nil)
	var ae *transport.AbortError
	require.ErrorAs(t, err, &ae)
	require.Empty(t, robust.OutcomeOf(err).Culprits)
}

func FuzzDecodeReply(f *testing.F) {
	f.Add([]byte(`{"op":"ready","party":2,"public":` + validPublic + `}`))
	f.Add([]byte(`{"op":"ecdsa","party":2,"attempt":3,"outcome":{"abort":true,"culprits":[3],"blames":{"1":[2,3]},"reason":"x"}}`))
	f.Add([]byte(`{"op":"ecdsa","party":2,"attempt":1,"signature":"` + strings.Repeat("ab", 64) + `","recovery_id":1}`))
	f.Add([]byte(`{"op":"roast","party":2,"scheme":"ed25519","msg":"0102"}`))
	f.Add([]byte(`{"op":"started","party":2,"attempt":1}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := decodeReply(line, 2, 3)
		if err != nil {
			require.Nil(t, r)
			return
		}
		// A reply that decodes is one of the forms the coordinator uses,
		// and encodes to a line that decodes to the same encoding.
		require.Equal(t, transport.PartyID(2), r.Party)
		b, err := encodeLine(r)
		require.NoError(t, err)
		again, err := decodeReply(bytes.TrimSuffix(b, []byte("\n")), 2, 3)
		require.NoError(t, err)
		b2, err := encodeLine(again)
		require.NoError(t, err)
		require.Equal(t, b, b2)
		if r.Outcome != nil {
			_ = r.Outcome.err() // never panics
		}
	})
}

func FuzzDecodeCommand(f *testing.F) {
	f.Add([]byte(`{"op":"ecdsa","attempt":2,"signers":[1,3,4]}`))
	f.Add([]byte(`{"op":"roast","scheme":"ed25519","msg":"01ff"}`))
	f.Add([]byte(`{"op":"roast-start","scheme":"bip340"}`))
	f.Add([]byte(`{"op":"quit"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		c, err := decodeCommand(line, 5)
		if err != nil {
			require.Nil(t, c)
			return
		}
		b, err := encodeLine(c)
		require.NoError(t, err)
		again, err := decodeCommand(bytes.TrimSuffix(b, []byte("\n")), 5)
		require.NoError(t, err)
		b2, err := encodeLine(again)
		require.NoError(t, err)
		require.Equal(t, b, b2)
	})
}
