package roast_test

import (
	"testing"
	"time"

	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/frost/roast"
	"github.com/mosaic-mpc/mosaic/internal/cputime"
)

var benchMsg = []byte("benchmark message: 32 bytes long")

// BenchmarkROAST3of5 is a whole ROAST run of a 3-of-5 key with every signer
// honest, in process, every message encoded and decoded, delivered first
// in, first out: five first commitments, the sessions started (a signer
// that answers early is ready again, so a second session may start before
// the first completes), the shares checked one by one, and aggregation
// with verification. Compare BenchmarkFROST3of5.
func BenchmarkROAST3of5(b *testing.B) {
	for _, sc := range suiteCases[:3] {
		b.Run(sc.name, func(b *testing.B) {
			ks := dealKeys(b, sc, 3, 5)
			runID := []byte("bench")
			type msg struct {
				from frost.Identifier
				body []byte
			}
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				coord, err := roast.NewCoordinator(roast.CoordinatorConfig{Suite: ks.suite, PublicKeys: ks.pub, Message: benchMsg, RunID: runID})
				if err != nil {
					b.Fatal(err)
				}
				signers := map[frost.Identifier]*roast.Signer{}
				var queue []msg
				for _, kp := range ks.keys {
					s, first, err := roast.NewSigner(roast.SignerConfig{Suite: ks.suite, Key: kp, Message: benchMsg, RunID: runID})
					if err != nil {
						b.Fatal(err)
					}
					signers[kp.Identifier()] = s
					body, _ := first.MarshalBinary()
					queue = append(queue, msg{kp.Identifier(), body})
				}
				for len(queue) > 0 && !coord.Done() {
					m := queue[0]
					queue = queue[1:]
					outs, err := coord.Receive(m.from, m.body)
					if err != nil {
						b.Fatal(err)
					}
					for _, out := range outs {
						req, _ := out.Request.MarshalBinary()
						resp, err := signers[out.To].Receive(req)
						if err != nil {
							b.Fatal(err)
						}
						body, _ := resp.MarshalBinary()
						queue = append(queue, msg{out.To, body})
					}
				}
				if _, ok := coord.Signature(); !ok {
					b.Fatal("no signature")
				}
				for _, s := range signers {
					s.Close()
				}
			}
			cputime.Report(b, cputime.Process()-start, time.Nanosecond)
		})
	}
}

// BenchmarkFROST3of5 is plain FROST with a coordinator for the same key:
// three signers commit, the coordinator builds the package, each signer
// decodes it and signs, and the coordinator aggregates with verification;
// every value crosses as its encoding. It is the baseline of
// BenchmarkROAST3of5: ROAST adds the two unused signers' commitments, a
// check of every share and whatever second session starts early.
func BenchmarkFROST3of5(b *testing.B) {
	for _, sc := range suiteCases[:3] {
		b.Run(sc.name, func(b *testing.B) {
			ks := dealKeys(b, sc, 3, 5)
			signers := ks.keys[:3]
			suite := ks.suite
			b.ReportAllocs()
			start := cputime.Process()
			for b.Loop() {
				nonces := make([]*frost.SigningNonces, len(signers))
				comms := make([]*frost.SigningCommitments, len(signers))
				for j, kp := range signers {
					n, c, err := frost.Commit(suite, kp, nil)
					if err != nil {
						b.Fatal(err)
					}
					nonces[j] = n
					if comms[j], err = frost.DecodeSigningCommitments(suite, c.Bytes()); err != nil {
						b.Fatal(err)
					}
				}
				pkg, err := frost.NewSigningPackage(suite, comms, benchMsg)
				if err != nil {
					b.Fatal(err)
				}
				wire := pkg.Bytes()
				shares := make(map[frost.Identifier]*frost.SignatureShare, len(signers))
				for j, kp := range signers {
					own, err := frost.DecodeSigningPackage(suite, wire)
					if err != nil {
						b.Fatal(err)
					}
					s, err := frost.Sign(suite, own, nonces[j], kp)
					if err != nil {
						b.Fatal(err)
					}
					if shares[kp.Identifier()], err = frost.DecodeSignatureShare(suite, s.Bytes()); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := frost.Aggregate(suite, pkg, shares, ks.pub); err != nil {
					b.Fatal(err)
				}
			}
			cputime.Report(b, cputime.Process()-start, time.Nanosecond)
		})
	}
}
