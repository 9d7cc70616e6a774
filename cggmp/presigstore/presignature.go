package presigstore

import (
	"bytes"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
)

// IDSize is the length of the ids ID derives.
const IDSize = 16

// ID returns the id a Pool stores p under: a digest of p's public part
// (its key, signers, derivation path and nonce point R), which every
// signer of one presigning run holds the same of. So the signers' pools
// store one run's presignatures under one id, and a coordinator names the
// presignature to sign with by it (Pool.TakeID at every signer). R is
// fresh in every run, so two runs never share an id but with negligible
// probability; a malicious signer that forced a repeat would only make the
// second Put fail with ErrExists.
func ID(p *cggmp.Presignature) ([]byte, error) {
	if p == nil || p.PublicKey() == nil || p.R == nil {
		return nil, cggmp.ErrInvalidPresignature
	}
	tr := transcript.New("mosaic/presigstore/id/v1")
	tr.AppendPoint("public key", p.PublicKey())
	signers := p.Signers()
	tr.AppendUint64("signers", uint64(len(signers)))
	for _, j := range signers {
		tr.AppendUint64("signer", uint64(j))
	}
	path := p.Path()
	tr.AppendUint64("path", uint64(len(path)))
	for _, i := range path {
		tr.AppendUint64("step", uint64(i))
	}
	tr.AppendPoint("R", p.R)
	return tr.ChallengeBytes("id", IDSize), nil
}

// openPresignature opens what a store returned for id, checks the
// metadata the seal authenticated, decodes the presignature and checks it
// against key as it is now (generation and party). Its error names the id.
func openPresignature(sk *SealingKey, key *cggmp.Key, gen []byte, id, sealed []byte, expired func(Meta) error) (*cggmp.Presignature, error) {
	enc, meta, err := Open(sk, id, sealed)
	if err != nil {
		return nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	defer clear(enc)
	if err := expired(meta); err != nil {
		return nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	if meta.Generation != nil && !bytes.Equal(meta.Generation, gen) {
		return nil, fmt.Errorf("presigstore: id %x: %w", id, cggmp.ErrPresignatureGeneration)
	}
	p, err := cggmp.ParsePresignature(enc)
	if err != nil {
		return nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	if err := p.CheckKey(key); err != nil {
		p.Discard()
		return nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	return p, nil
}
