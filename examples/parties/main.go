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
//
// -spawn makes a throw-away CA and party certificates, picks free ports on
// 127.0.0.1 and a random run nonce, starts one process per party (this same
// binary with -party), prefixes their progress on stderr, and prints each
// signature once, after checking that every signer reported the same one
// and verifying it again with code independent of mosaic (crypto/ed25519,
// decred's ECDSA, and BIP-340/BIP-341 written out on decred's group
// operations).
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
// Time: the slow step is aux-info. Each process first finds two 1024-bit
// safe primes for its 2048-bit Paillier modulus, in the background while the
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
  parties -setup DIR -n N
      write a CA and the certificates of parties 1..N to DIR, then exit
  parties -party I -peers HOST:PORT,... -pki DIR -nonce HEX [-t 3] [-json]
      run as party I (by hand, on one machine or several); every party
      gets the same -peers, -t and -nonce

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
	case o.party != 0:
		return o.checkParty()
	}
	return checkTN(o.t, o.n)
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
		self:       transport.PartyID(o.party),
		ids:        local.Parties(len(addrs)),
		t:          o.t,
		addrs:      peers,
		pki:        o.pki,
		nonce:      nonce,
		asJSON:     o.asJSON,
		verbose:    o.verbose,
		auxTimeout: o.auxTimeout,
		out:        stdout,
		log:        stderr,
	}
	return p.run(ctx)
}
