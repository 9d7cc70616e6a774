package prm

// The prover. It holds p, q, φ(N̂), λ and the nonces: no math/big here
// (SECURITY.md rule 7).

import (
	"fmt"
	"io"

	"filippo.io/bigmod"
	"github.com/cronokirby/saferith"

	"github.com/mosaic-mpc/mosaic/internal/bigint"
	"github.com/mosaic-mpc/mosaic/internal/par"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
	"github.com/mosaic-mpc/mosaic/zk/internal/ctarith"
	"github.com/mosaic-mpc/mosaic/zk/internal/wire"
)

// NewProof proves that pub.S = pub.T^λ mod pub.N given λ and the factors of
// N̂. The caller has bound t to the session and prover (zk.BindContext).
// rand nil means crypto/rand.Reader; a failing reader aborts the proof.
// NewProof returns ErrInvalidWitness if the witness does not match the
// statement, and an error wrapping zk.ErrMalformed for a nil transcript and
// zk.ErrOutOfRange (or another of zk's errors) for a statement Verify would
// refuse.
func NewProof(t *transcript.Transcript, pub Public, priv Private, rand io.Reader) (*Proof, error) {
	if t == nil {
		return nil, fmt.Errorf("prm: nil transcript: %w", zk.ErrMalformed)
	}
	if err := checkStatement(pub); err != nil {
		return nil, err
	}
	key, err := newPrmKey(pub, priv)
	if err != nil {
		return nil, err
	}
	defer key.wipe()

	const m = zk.Repetitions
	// Draw every nonce before going parallel: rand need not be safe for
	// concurrent use.
	nonces := make([]*bigmod.Nat, m)
	defer ctarith.Wipe(nonces...)
	buf := make([]byte, key.phi.Size())
	defer clear(buf)
	for i := range nonces {
		a, err := bigint.SampleNat(rand, key.phiNat)
		if err != nil {
			return nil, fmt.Errorf("prm: sampling a nonce: %w", err)
		}
		if nonces[i], err = bigmod.NewNat().SetBytes(a.FillBytes(buf), key.phi); err != nil {
			return nil, fmt.Errorf("prm: sampling a nonce: %w", err) // unreachable: a < φ
		}
	}

	bits := pub.N.BitLen()
	commitments := make([]*saferith.Nat, m)
	par.For(m, func(i int) {
		ai := key.expT(nonces[i])
		commitments[i] = new(saferith.Nat).SetBytes(ai.Bytes(key.n)).Resize(bits)
	})

	e := challenges(t, pub, commitments)

	// z_i = a_i + e_i·λ mod φ(N̂); e_i is public, the selection is
	// constant time anyway.
	responses := make([]*saferith.Nat, m)
	for i := range responses {
		term := bigmod.NewNat().ExpandFor(key.phi)
		ctarith.Select(uint(e[i]), term, key.lambda)
		zi := ctarith.Copy(nonces[i], key.phi).Add(term, key.phi)
		zb := zi.Bytes(key.phi)
		responses[i] = new(saferith.Nat).SetBytes(zb).Resize(bits)
		clear(zb)
		ctarith.Wipe(term, zi)
	}
	return &Proof{width: wire.ByteLen(bits), a: commitments, z: responses}, nil
}
