// Command parties runs mosaic's threshold protocols with every party in its
// own process, connected by mutually authenticated TLS 1.3 (package
// transport/tlsnet): dealerless key generation on secp256k1 and on
// edwards25519, CGGMP21 aux-info (each process finds its own Paillier safe
// primes), presigning and signing for threshold ECDSA, and FROST signing
// for Ed25519 and for BIP-340 (taproot, with the BIP-341 key-path tweak).
// Every signature is verified before it is printed; with -json, in the
// examples' JSON line contract (shared/spec/json-lines.md).
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
// The parties can also be started by hand, on one machine or several:
//
//	parties -setup pki -n 3                         # CA + 3 certificates
//	parties -pki pki -party 1 -peers 127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003 -nonce <hex> &
//	parties -pki pki -party 2 -peers ... -nonce <same hex> &
//	parties -pki pki -party 3 -peers ... -nonce <same hex>
//
// The i-th address of -peers is party i's. All parties must get the same
// -peers, -t and -nonce: session ids are derived from the nonce, the
// protocol step and the party set, so they agree without talking.
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
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/tlsnet"
)

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

func main() {
	var o options
	flag.IntVar(&o.t, "t", 3, "threshold: signers needed")
	flag.IntVar(&o.n, "n", 5, "number of parties (with -setup and -spawn; -party counts -peers)")
	flag.BoolVar(&o.asJSON, "json", false, "print signatures as JSON lines on stdout")
	flag.StringVar(&o.setup, "setup", "", "write a CA and n party certificates to this directory, then exit")
	flag.StringVar(&o.pki, "pki", "", "directory of the CA and party certificates (-party: required; -spawn: default a temporary one)")
	flag.IntVar(&o.party, "party", 0, "run as this party (1..n)")
	flag.StringVar(&o.peers, "peers", "", "comma-separated host:port of parties 1..n, this party's included")
	flag.StringVar(&o.nonce, "nonce", "", "run nonce, hex, the same for every party (at least 16 bytes)")
	flag.BoolVar(&o.spawn, "spawn", false, "start all n parties as processes on 127.0.0.1 and collect their output")
	flag.BoolVar(&o.verbose, "v", false, "log connection events")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "give up after this long")
	flag.DurationVar(&o.auxTimeout, "aux-timeout", 20*time.Minute, "round timeout of aux-info, which waits for every party's safe primes")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	var err error
	switch {
	case o.setup != "":
		err = setup(o)
	case o.spawn:
		err = spawn(ctx, o)
	case o.party != 0:
		err = party(ctx, o)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func partyIDs(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
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

func setup(o options) error {
	if err := checkTN(o.t, o.n); err != nil {
		return err
	}
	if err := tlsnet.WritePKI(o.setup, partyIDs(o.n), "127.0.0.1", "localhost"); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s and certificates for parties 1..%d to %s\n", tlsnet.CAFile, o.n, o.setup)
	return nil
}

func party(ctx context.Context, o options) error {
	addrs := strings.Split(o.peers, ",")
	n := len(addrs)
	if o.peers == "" {
		return fmt.Errorf("-party needs -peers")
	}
	if err := checkTN(o.t, n); err != nil {
		return err
	}
	if o.party < 1 || o.party > n {
		return fmt.Errorf("-party %d is not in 1..%d", o.party, n)
	}
	if o.pki == "" {
		return fmt.Errorf("-party needs -pki")
	}
	nonce, err := hex.DecodeString(o.nonce)
	if err != nil || len(nonce) < 16 {
		return fmt.Errorf("-nonce must be at least 16 bytes of hex")
	}
	peers := map[transport.PartyID]string{}
	for i, a := range addrs {
		peers[transport.PartyID(i+1)] = strings.TrimSpace(a)
	}
	p := &partyRun{
		self:       transport.PartyID(o.party),
		ids:        partyIDs(n),
		t:          o.t,
		addrs:      peers,
		pki:        o.pki,
		nonce:      nonce,
		asJSON:     o.asJSON,
		verbose:    o.verbose,
		auxTimeout: o.auxTimeout,
		out:        os.Stdout,
		log:        os.Stderr,
	}
	return p.run(ctx)
}
