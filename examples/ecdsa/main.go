// Command ecdsa runs threshold ECDSA on secp256k1 end to end, all parties in
// this process over the in-memory network: dealerless key generation,
// CGGMP21 aux-info (with each party's safe-prime search shown as it goes),
// 3-round presigning and 1-round signing. By default it explains each step
// on stderr; with -json it prints each signature as one JSON line on stdout
// (shared/spec/json-lines.md).
//
//	go run ./examples/ecdsa            # 3-of-5
//	go run ./examples/ecdsa -t 2 -n 3 -json
package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/jsonl"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

func main() {
	t := flag.Int("t", 3, "threshold: signers needed")
	n := flag.Int("n", 5, "number of parties")
	asJSON := flag.Bool("json", false, "print signatures as JSON lines on stdout")
	messages := flag.Int("messages", 2, "number of messages to sign")
	flag.Parse()
	if err := run(*t, *n, *messages, *asJSON, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func parties(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

func run(t, n, messages int, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n {
		return fmt.Errorf("need 1 <= t <= n, got t=%d n=%d", t, n)
	}
	if n < 2 {
		return fmt.Errorf("threshold ECDSA needs at least 2 parties")
	}
	ctx := context.Background()
	ids := parties(n)
	step := func(format string, args ...any) func() {
		start := time.Now()
		fmt.Fprintf(log, "• "+format+"\n", args...)
		return func() { fmt.Fprintf(log, "  done in %v\n", time.Since(start).Round(time.Millisecond)) }
	}

	done := step("Distributed key generation: %d parties, threshold %d, secp256k1. No party ever holds the key.", n, t)
	shares, err := runDKG(ctx, ids, t)
	if err != nil {
		return err
	}
	done()
	pub := shares[ids[0]].GroupKey
	fmt.Fprintf(log, "  group public key: %x\n", pub.Bytes())

	done = step("Aux-info: each party finds two 1024-bit safe primes for its Paillier key (the slow part), then proves its modulus well-formed (Πmod, Πprm, Πfac).")
	aux, err := runAux(ctx, ids, log)
	if err != nil {
		return err
	}
	done()

	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range ids {
		k, err := cggmp.NewKey(shares[id], aux[id])
		if err != nil {
			return err
		}
		keys[id] = k
	}

	signers := ids[:t]
	if t == 1 {
		signers = ids[:2] // presigning needs two parties talking; any t' >= t signs
	}
	for i := 0; i < messages; i++ {
		msg := fmt.Sprintf("mosaic example message %d", i+1)
		digest := sha256.Sum256([]byte(msg))
		done = step("Presigning with signers %v: 3 rounds of Paillier MtA and proofs (Πenc, Πaff-g, Πlog*), before the message is known.", signers)
		pres, err := runPresign(ctx, keys, signers)
		if err != nil {
			return err
		}
		done()
		done = step("Signing %q: one round; each partial signature is checked, then the signature is verified.", msg)
		sig, err := runSign(ctx, pres, signers, digest[:])
		if err != nil {
			return err
		}
		done()
		if err := cggmp.VerifyLowS(pub, digest[:], sig); err != nil {
			return err
		}
		rec, err := cggmp.RecoverPublicKey(digest[:], sig)
		if err != nil || !rec.Equal(pub) {
			return fmt.Errorf("recovery id does not recover the key")
		}
		fmt.Fprintf(log, "  signature r||s = %x\n  recovery id %d recovers the group key; low-S: yes\n", sig.Bytes(), sig.RecoveryID)
		if asJSON {
			rid := int(sig.RecoveryID)
			if err := jsonl.Write(out, jsonl.Line{Scheme: jsonl.ECDSA, PublicKey: pub.Bytes(), Digest: digest[:], Signature: sig.Bytes(), RecoveryID: &rid,
				Extra: map[string]any{"signers": signers}}); err != nil {
				return err
			}
		}
	}
	return nil
}

func runDKG(ctx context.Context, ids []transport.PartyID, t int) (map[transport.PartyID]*dkg.KeyShare, error) {
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	sid, err := dkg.SessionID(dkg.Protocol, curve.Secp256k1(), ids, t, nonce)
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: curve.Secp256k1(), Threshold: t, Parties: ids, Self: id, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return runAll(ctx, ids, ms)
}

func runAux(ctx context.Context, ids []transport.PartyID, log io.Writer) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	secrets := make(map[transport.PartyID]*cggmp.AuxSecret, len(ids))
	var mu sync.Mutex
	found := 0
	bar := func() {
		mu.Lock()
		defer mu.Unlock()
		found++
		fmt.Fprintf(log, "\r  safe primes found: %d/%d", found, 2*len(ids))
	}
	// Each party's generation already uses every core, so parties take
	// turns.
	for _, id := range ids {
		prime := 0
		sec, err := cggmp.GenerateAuxSecret(ctx, rand.Reader, paillier.WithProgress(func(p paillier.KeyGenProgress) {
			if p.Prime != prime {
				if prime != 0 {
					bar()
				}
				prime = p.Prime
			}
		}))
		if err != nil {
			return nil, err
		}
		bar()
		secrets[id] = sec
	}
	fmt.Fprintln(log)
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.AuxInfo]{}
	for _, id := range ids {
		m, err := cggmp.NewAux(cggmp.AuxConfig{Parties: ids, Self: id, SessionID: sid, Secret: secrets[id]})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return runAll(ctx, ids, ms)
}

func runPresign(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID) (map[transport.PartyID]*cggmp.Presignature, error) {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range signers {
		m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return runAll(ctx, signers, ms)
}

func runSign(ctx context.Context, pres map[transport.PartyID]*cggmp.Presignature, signers []transport.PartyID, digest []byte) (*cggmp.Signature, error) {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		m, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres[id], Digest: digest, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	out, err := runAll(ctx, signers, ms)
	if err != nil {
		return nil, err
	}
	return out[signers[0]], nil
}

// runAll runs one machine per party over a fresh in-memory network and
// returns the first error any party reports.
func runAll[Out any](ctx context.Context, ids []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) (map[transport.PartyID]Out, error) {
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(2*time.Minute))
	for _, id := range ids {
		if err := errs[id]; err != nil {
			return nil, fmt.Errorf("party %d: %w", id, err)
		}
	}
	return out, nil
}
