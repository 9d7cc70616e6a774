// Command parties runs mosaic's threshold protocols with every party in its
// own process, connected by mutually authenticated TLS 1.3 (package
// transport/tlsnet): dealerless key generation on secp256k1 and on
// edwards25519, CGGMP21 aux-info (each process finds its own Paillier safe
// primes), presigning and signing for threshold ECDSA, and FROST signing
// for Ed25519 and for BIP-340 (taproot, with the BIP-341 key-path tweak).
// Every signature is verified before it is printed; with -json, in the
// examples' JSON line contract (docs/json-lines.md).
//
//	go run ./examples/parties -spawn -json           # 3-of-5, five processes
//	go run ./examples/parties -spawn -t 2 -n 3
//	go run ./examples/parties -spawn -json -chaos    # one cheater, one crash
//
// -spawn makes a throw-away CA and party certificates, picks free ports on
// 127.0.0.1 and a random run nonce, starts one process per party (this same
// binary with -party), prefixes their progress on stderr, and prints each
// signature once, after checking that every signer reported the same one
// and verifying it again with code independent of mosaic (crypto/ed25519,
// decred's ECDSA, and BIP-340/BIP-341 written out on decred's group
// operations).
//
// # Chaos
//
// With -chaos the signatures are made robustly, while party n cheats and
// party 2 crashes. After the setup steps (both key generations and
// aux-info, in lock step as above) each party seals its keys into its own
// state directory (package refresh/backup: the whole CGGMP21 key with
// SealECDSAKey, the edwards25519 share with Seal; the passphrase comes in
// the environment, $MOSAIC_PARTIES_PASSPHRASE) and then serves the spawn
// parent, which coordinates: it writes commands to a party's stdin and
// reads its replies on stdout, one JSON object a line (command.go lists
// them). The coordinator holds no secret and is trusted for liveness
// only, as ROAST's is: every party checks what it signs (the digest and
// messages are fixed by the example), and the coordinator checks every
// signature.
//
//   - ECDSA: the parent runs cggmp/robust's driver (robust.Sign). Its plan
//     picks the t signers of each attempt; the parent sends them the
//     attempt, they presign and sign in one run (cggmp.NewFullSign) over
//     tlsnet, signed with their identity keys so that the run agrees, and
//     answer with the signature or the attempt's outcome (the culprits
//     and blames every honest signer holds the same of). The parent takes
//     the outcome most signers report, and the plan chooses the next set.
//   - Ed25519 and BIP-340: the parent runs a roast.Coordinator and relays
//     its requests to the parties' roast.Signers and their responses back.
//     It starts the first session with the t highest parties, the cheater
//     among them, and holds the other first commitments back until that
//     session has answered, so that the run shows the cheater named; any
//     order signs.
//
// The chaos: party n (-misbehave) sends a second, changed and signed
// copy of its first presigning broadcast (an equivocation, which the
// agreement layer proves with the two signed messages, so the attempt's
// verdict names it), and adds one to every FROST signature share it sends
// (ROAST names it: the share fails verification). Party 2 is killed with
// SIGKILL as it starts the first ECDSA attempt and restarted at once with
// -resume: it opens its sealed keys, its tlsnet node reconnects (peers
// redial a party that comes back), and it serves again; its peers in the
// attempt time out on it and blame it. The round timeout is 5 seconds
// with -chaos (-round-timeout), so the dead party costs that attempt about
// five of them. robust's plan may then convict party 2 too, by its
// conflicts (cggmp/robust, "Attempts", rule 3: a party that vanished
// mid-attempt counts among the faulty ones), and leaves it out of the rest
// of that signing; it signs in ROAST. Stdout gets only the three verified
// lines, each with "signers" and "named" fields; stderr the parties'
// progress and a summary of who was named and which attempts and sessions
// ran. Measured on the 2-core VM at -level 112, 3-of-5: 35 to 42 s in all
// (setup 23 s, the attempt with the dead party 25 s).
//
// Every run is signed with the parties' identity keys, which are their
// certificates' Ed25519 keys (tlsnet.LoadIdentities into
// tlsnet.Config.Identities, so every handshake checks them, and
// tlsnet.Node.Identity for each run's transport.Identity), and agrees
// (docs/agreement.md): every party ends it the same way, all with the same
// output or all aborting naming the same culprits, and each run returns
// only once every party has confirmed it.
//
// The parties can also be started by hand, on one machine or several:
//
//	parties -setup pki -n 3                         # CA + 3 certificates
//	parties -pki pki -party 1 -peers 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003 -nonce <hex> &
//	parties -pki pki -party 2 -peers ... -nonce <same hex> &
//	parties -pki pki -party 3 -peers ... -nonce <same hex>
//
// The i-th address of -peers is party i's. Each party reads from -pki the
// CA, its own certificate and key, and every other party's certificate,
// whose key is that party's identity key (its private key stays with its
// party). All parties must get the same -peers, -t and -nonce: each
// step's session id is derived from the nonce with the protocol's public
// helper (dkg.SessionID, cggmp.AuxSessionID, cggmp.PresignSessionID,
// cggmp.SignSessionID, frost.SessionID), which also binds the step's
// public inputs, so the parties agree on every id without talking and no
// two steps share one.
//
// Time: the slow step is aux-info. Each process first finds two 1536-bit
// safe primes for its 3072-bit Paillier modulus (-level 128, the default;
// -level 112 makes 1024-bit primes and 2048-bit moduli, the level the
// figures below were measured at), in the background while the
// key generations run, and then proves the modulus well formed to every
// other party (Πmod, Πprm, Πfac) and checks their proofs. With n processes
// on one machine the cores are shared n ways. Measured for the default
// 3-of-5 on a 2-core VM that other jobs were also loading (load average
// about 9): safe primes 4 to 9 s per process, aux-info 42 s, presigning
// 7 s, signing and each FROST signature a few milliseconds; 50 s in all.
// A many-core machine is several times faster. The aux-info round timeout
// (-aux-timeout, 20 minutes) leaves room for slow prime searches. TLS adds
// little to any of this (see tlsnet's BenchmarkECDSA3of5).
//
// It is the template for a deployment: it imports only mosaic's public
// packages, and each party holds only its own shares. A real deployment
// replaces -spawn and -setup with its own process management and PKI, and
// the nonce with one drawn by whoever requests each run.
package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/examples/console"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
)

const usage = `parties runs mosaic's threshold protocols with every party in its own
process, over mutually authenticated TLS 1.3: key generation on secp256k1
and edwards25519, CGGMP21 aux-info (each process finds its own safe primes),
an ECDSA signature, and FROST Ed25519 and BIP-340 taproot signatures. Every
signature is verified, by every signer and again by independent code.

Usage:
  go run ./examples/parties -spawn [-t 3] [-n 5] [-json]
      start all n parties as processes on 127.0.0.1 and collect their output
  go run ./examples/parties -spawn -chaos [-t 3] [-n 5] [-json]
      the same, signing robustly with the parent as coordinator (robust
      ECDSA of cggmp/robust, ROAST for Ed25519 and BIP-340) while party n
      cheats and party 2 is killed and restarted from its sealed keys;
      stderr says who was named and which attempts ran
  parties -setup DIR -n N
      write a CA and the certificates of parties 1..N to DIR, then exit
  parties -party I -peers HOST:PORT,... -pki DIR -nonce HEX [-t 3] [-json]
      run as party I (by hand, on one machine or several); every party
      gets the same -peers, -t and -nonce
  parties -party I ... -state DIR [-resume] [-misbehave]
      run as party I for a coordinator (what -chaos starts): seal the keys
      into DIR after setup (-resume: open them instead), then serve JSON
      line commands on stdin; the passphrase is in $MOSAIC_PARTIES_PASSPHRASE

Flags:
`

type options struct {
	t, n       int
	asJSON     bool
	setup      string
	pki        string
	party      int
	peers      string
	nonce      string
	spawn      bool
	verbose    bool
	timeout    time.Duration
	auxTimeout time.Duration
	level      paillier.SecurityLevel

	roundTimeout time.Duration
	chaos        bool
	state        string
	resume       bool
	misbehave    bool
}

// newFlags returns the command line's flag set, writing into o.
func newFlags(o *options) *flag.FlagSet {
	fs := console.NewFlagSet("parties", usage)
	fs.IntVar(&o.t, "t", 3, "threshold: signers needed")
	fs.IntVar(&o.n, "n", 5, "number of parties (with -setup and -spawn; -party counts -peers)")
	fs.BoolVar(&o.asJSON, "json", false, "print signatures as JSON lines on stdout (docs/json-lines.md)")
	fs.StringVar(&o.setup, "setup", "", "write a CA and n party certificates to this directory, then exit")
	fs.StringVar(&o.pki, "pki", "", "directory of the CA and party certificates (-party: required; -spawn: default a temporary one)")
	fs.IntVar(&o.party, "party", 0, "run as this party (1..n)")
	fs.StringVar(&o.peers, "peers", "", "comma-separated host:port of parties 1..n, this party's included")
	fs.StringVar(&o.nonce, "nonce", "", fmt.Sprintf("run nonce, hex, the same for every party (at least %d bytes)", dkg.NonceSize))
	fs.BoolVar(&o.spawn, "spawn", false, "start all n parties as processes on 127.0.0.1 and collect their output")
	fs.BoolVar(&o.verbose, "v", false, "log connection events")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up after this long")
	fs.DurationVar(&o.auxTimeout, "aux-timeout", 20*time.Minute, "round timeout of aux-info, which waits for every party's safe primes")
	fs.DurationVar(&o.roundTimeout, "round-timeout", defaultRoundTimeout, fmt.Sprintf("round timeout of every step but aux-info (-chaos: %v unless given)", chaosRoundTimeout))
	console.LevelVar(fs, &o.level)
	fs.BoolVar(&o.chaos, "chaos", false, "with -spawn: sign robustly, the parent coordinating, while party n cheats and party 2 is killed and restarted")
	fs.StringVar(&o.state, "state", "", "with -party: seal this party's keys into DIR after setup, then serve a coordinator's commands on stdin (what -chaos runs)")
	fs.BoolVar(&o.resume, "resume", false, "with -party and -state: open the keys sealed in DIR instead of running the setup steps")
	fs.BoolVar(&o.misbehave, "misbehave", false, "with -party and -state: cheat in every signing (-chaos's party n)")
	return fs
}

func main() {
	os.Exit(runCLI(os.Args[1:], os.Stdout, os.Stderr))
}

// runCLI runs the program with args and returns its exit status: 0 on
// success (and for -h), 2 for flags that say nothing runnable, 1 when the
// run fails.
func runCLI(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlags(&o)
	fs.SetOutput(stderr)
	if status, ok := console.ParseFlags(fs, args); !ok {
		return status
	}
	if o.chaos && !flagGiven(fs, "round-timeout") {
		o.roundTimeout = chaosRoundTimeout
	}
	if err := o.check(); err != nil {
		fmt.Fprintf(stderr, "parties: %v\n", err)
		if errors.Is(err, errNoMode) {
			fmt.Fprintln(stderr, noModeHelp)
		}
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	var err error
	switch {
	case o.setup != "":
		err = setup(o, stderr)
	case o.spawn && o.chaos:
		err = spawnChaos(ctx, o, stdout, stderr)
	case o.spawn:
		err = spawn(ctx, o, stdout, stderr)
	default:
		err = party(ctx, o, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// errNoMode is the error of a command line that names none of the three
// modes; noModeHelp follows it on stderr, saying what each mode needs.
var errNoMode = errors.New("nothing to run: give -spawn, -setup or -party")

const noModeHelp = `  -spawn runs every party on this machine:
      go run ./examples/parties -spawn -json
  -party runs one party and needs -peers (every party's host:port, in
  order), -pki (a directory with ca.pem and this party's certificate and
  key, made by -setup DIR -n N) and -nonce (the same hex for every party):
      parties -party 1 -peers 127.0.0.1:7001,127.0.0.1:7002 -pki DIR -nonce HEX
Run with -h for every flag.`

// check refuses flags that name no mode, more than one, or a mode without
// what it needs, before anything starts.
func (o options) check() error {
	modes := 0
	for _, on := range []bool{o.setup != "", o.spawn, o.party != 0} {
		if on {
			modes++
		}
	}
	switch {
	case modes == 0:
		return errNoMode
	case modes > 1:
		return errors.New("-spawn, -setup and -party are three modes: give one")
	case o.chaos && !o.spawn:
		return errors.New("-chaos goes with -spawn")
	case (o.state != "" || o.resume || o.misbehave) && o.party == 0:
		return errors.New("-state, -resume and -misbehave go with -party (they are how -chaos runs each party)")
	case o.resume && o.state == "":
		return errors.New("-resume needs -state DIR, the directory the keys were sealed in")
	case o.roundTimeout <= 0:
		return errors.New("-round-timeout must be positive")
	case o.party != 0:
		return o.checkParty()
	}
	if err := checkTN(o.t, o.n); err != nil {
		return err
	}
	if o.chaos && (o.t < 2 || o.n < o.t+2) {
		// Party n cheats and party 2 is down for an attempt: n − t >= 2
		// lets the others sign without both, and cggmp presigns with two
		// parties at least.
		return fmt.Errorf("-chaos needs t >= 2 and n >= t+2, got t=%d n=%d", o.t, o.n)
	}
	return nil
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// checkParty checks what -party needs.
func (o options) checkParty() error {
	var missing []string
	if o.peers == "" {
		missing = append(missing, "-peers HOST:PORT,... (every party's address, in order)")
	}
	if o.pki == "" {
		missing = append(missing, "-pki DIR (made by -setup DIR -n N)")
	}
	if o.nonce == "" {
		missing = append(missing, "-nonce HEX (the same for every party)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("-party %d also needs %s; or use -spawn to run every party here", o.party, strings.Join(missing, ", "))
	}
	n := len(strings.Split(o.peers, ","))
	if err := checkTN(o.t, n); err != nil {
		return err
	}
	if o.party < 1 || o.party > n {
		return fmt.Errorf("-party %d is not in 1..%d (the number of -peers)", o.party, n)
	}
	if nonce, err := hex.DecodeString(o.nonce); err != nil || len(nonce) < dkg.NonceSize {
		return fmt.Errorf("-nonce must be at least %d bytes of hex", dkg.NonceSize)
	}
	return nil
}

func checkTN(t, n int) error {
	if n < 2 || n > 64 {
		return fmt.Errorf("need 2 <= n <= 64, got n=%d", n)
	}
	if t < 1 || t > n {
		return fmt.Errorf("need 1 <= t <= n, got t=%d n=%d", t, n)
	}
	return nil
}

func setup(o options, stderr io.Writer) error {
	if err := tlsnet.WritePKI(o.setup, local.Parties(o.n), "127.0.0.1", "localhost"); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s and certificates for parties 1..%d to %s\n", tlsnet.CAFile, o.n, o.setup)
	return nil
}

// party runs this process as one party; o has passed check.
func party(ctx context.Context, o options, stdout, stderr io.Writer) error {
	addrs := strings.Split(o.peers, ",")
	nonce, err := hex.DecodeString(o.nonce)
	if err != nil {
		return err
	}
	peers := map[transport.PartyID]string{}
	for i, a := range addrs {
		peers[transport.PartyID(i+1)] = strings.TrimSpace(a)
	}
	p := &partyRun{
		self:         transport.PartyID(o.party),
		ids:          local.Parties(len(addrs)),
		t:            o.t,
		addrs:        peers,
		pki:          o.pki,
		nonce:        nonce,
		asJSON:       o.asJSON,
		verbose:      o.verbose,
		auxTimeout:   o.auxTimeout,
		roundTimeout: o.roundTimeout,
		level:        o.level,
		out:          stdout,
		log:          stderr,
		state:        o.state,
		resume:       o.resume,
		misbehave:    o.misbehave,
		in:           os.Stdin,
	}
	if o.state != "" {
		// The sealing passphrase comes in the environment, not on the
		// command line, where every user of the machine could read it.
		p.passphrase = []byte(os.Getenv(passphraseEnv))
		if len(p.passphrase) == 0 {
			return fmt.Errorf("-state needs a passphrase in $%s", passphraseEnv)
		}
	}
	return p.run(ctx)
}
