// Command frost runs FROST threshold Schnorr signing end to end, all parties
// in this process over the in-memory network: dealerless key generation,
// then t-of-n signing in each suite (RFC 9591 Ed25519 and secp256k1, and the
// BIP-340/341 taproot variant). With -json it prints each signature as one
// JSON line on stdout (shared/spec/json-lines.md); explanations go to
// stderr.
//
//	go run ./examples/frost            # 3-of-5
//	go run ./examples/frost -t 2 -n 3 -json
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/internal/jsonl"
	"github.com/mosaic-mpc/mosaic/schnorr"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

func main() {
	t := flag.Int("t", 3, "threshold: signers needed")
	n := flag.Int("n", 5, "number of parties")
	asJSON := flag.Bool("json", false, "print signatures as JSON lines on stdout")
	flag.Parse()
	if err := run(*t, *n, *asJSON, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(t, n int, asJSON bool, out, log io.Writer) error {
	if t < 1 || t > n {
		return fmt.Errorf("need 1 <= t <= n, got t=%d n=%d", t, n)
	}
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	signers := ids[n-t:]
	msg := []byte("mosaic: FROST example message")
	// BIP-340 signs 32-byte messages in Bitcoin; use a 32-byte one there.
	msg32 := []byte("mosaic FROST taproot message 32")
	msg32 = append(msg32, make([]byte, 32-len(msg32))...)

	for _, suite := range []frost.Ciphersuite{frost.Ed25519SHA512(), frost.Secp256k1SHA256(), frost.Secp256k1TR()} {
		start := time.Now()
		fmt.Fprintf(log, "• %s: dealerless key generation among %d parties (threshold %d)\n", suite, n, t)
		shares, err := keygen(suite.Curve(), t, ids)
		if err != nil {
			return err
		}
		group := shares[ids[0]].GroupKey
		fmt.Fprintf(log, "  group public key %x (%v)\n", group.Bytes(), time.Since(start).Round(time.Millisecond))

		m := msg
		roots := [][]byte{nil}
		if suite == frost.Secp256k1TR() {
			m = msg32
			roots = [][]byte{nil, {}} // untweaked, and a BIP-341 key-path output key
		}
		for _, root := range roots {
			start = time.Now()
			sig, key, err := sign(suite, shares, signers, m, root)
			if err != nil {
				return err
			}
			if err := frost.Verify(suite, key, m, sig); err != nil {
				return err
			}
			what := "signature"
			if root != nil {
				what = "signature under the BIP-341 output key (no script tree)"
			}
			fmt.Fprintf(log, "  signers %v: %s %x (%v), verified\n", signers, what, sig, time.Since(start).Round(time.Millisecond))
			if !asJSON {
				continue
			}
			line := jsonl.Line{Message: m, Signature: sig, Extra: map[string]any{"signers": signers}}
			switch suite {
			case frost.Ed25519SHA512():
				if !ed25519.Verify(ed25519.PublicKey(key.Bytes()), m, sig) {
					return fmt.Errorf("crypto/ed25519 rejects the signature")
				}
				line.Scheme, line.PublicKey = jsonl.Ed25519, key.Bytes()
			case frost.Secp256k1SHA256():
				line.Scheme, line.PublicKey = jsonl.FROSTSecp256k1SHA256, key.Bytes()
			case frost.Secp256k1TR():
				x, err := curve.XOnlyBytes(key)
				if err != nil {
					return err
				}
				if err := schnorr.Verify(x, m, sig); err != nil {
					return fmt.Errorf("BIP-340 verifier rejects the signature: %w", err)
				}
				line.Scheme, line.PublicKey = jsonl.BIP340, x
				if root != nil {
					line.Extra["tweak"] = "bip341-key-path"
				}
			}
			if err := jsonl.Write(out, line); err != nil {
				return err
			}
		}
	}
	return nil
}

func keygen(c curve.Curve, t int, ids []transport.PartyID) (map[transport.PartyID]*dkg.KeyShare, error) {
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	sid, err := dkg.SessionID(dkg.Protocol, c, ids, t, nonce)
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range ids {
		m, err := dkg.New(dkg.Config{Curve: c, Threshold: t, Parties: ids, Self: id, SessionID: sid})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return runAll(ids, ms)
}

// sign runs peer-to-peer FROST signing; with a non-nil merkleRoot the keys
// are first tweaked to the BIP-341 output key. It returns the signature and
// the key it verifies under.
func sign(suite frost.Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg, merkleRoot []byte) ([]byte, curve.Point, error) {
	sid := make([]byte, 32)
	if _, err := rand.Read(sid); err != nil {
		return nil, nil, err
	}
	ms := map[transport.PartyID]transport.Machine[[]byte]{}
	var key curve.Point
	for _, id := range signers {
		kp, pub, err := frost.KeysFromShare(suite, shares[id])
		if err != nil {
			return nil, nil, err
		}
		if merkleRoot != nil {
			if kp, err = kp.Tweak(merkleRoot); err != nil {
				return nil, nil, err
			}
			if pub, err = pub.Tweak(merkleRoot); err != nil {
				return nil, nil, err
			}
		}
		key = pub.GroupKey()
		m, err := frost.NewSign(frost.SignConfig{Suite: suite, Key: kp, Public: pub, Signers: signers, Self: id, SessionID: sid, Message: msg})
		if err != nil {
			return nil, nil, err
		}
		ms[id] = m
	}
	out, err := runAll(signers, ms)
	if err != nil {
		return nil, nil, err
	}
	return out[signers[0]], key, nil
}

func runAll[Out any](ids []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) (map[transport.PartyID]Out, error) {
	net := memnet.New(ids)
	defer net.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, errs := memnet.RunAll(ctx, net, ms, transport.WithRoundTimeout(30*time.Second))
	for _, id := range ids {
		if err := errs[id]; err != nil {
			return nil, fmt.Errorf("party %d: %w", id, err)
		}
	}
	return out, nil
}
