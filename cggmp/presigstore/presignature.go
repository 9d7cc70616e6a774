package presigstore

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/cggmp"
)

// IDSize is the length of the random ids Put chooses.
const IDSize = 16

// Put encodes p, seals it under a random id (from rnd; nil means
// crypto/rand) and stores it; once the store holds it, p is discarded, so
// the store's copy is the only one. It returns the id. A used
// presignature is refused (cggmp.ErrPresignatureUsed) and nothing is
// stored; if storing fails, p is left as it was.
func Put(ctx context.Context, st Store, key *SealingKey, p *cggmp.Presignature, rnd io.Reader) ([]byte, error) {
	if st == nil {
		return nil, errors.New("presigstore: nil store")
	}
	if rnd == nil {
		rnd = rand.Reader
	}
	enc, err := p.MarshalBinary()
	if err != nil {
		return nil, err
	}
	defer clear(enc)
	id := make([]byte, IDSize)
	if _, err := io.ReadFull(rnd, id); err != nil {
		return nil, fmt.Errorf("presigstore: id: %w", err)
	}
	sealed, err := Seal(key, id, enc, rnd)
	if err != nil {
		return nil, err
	}
	if err := st.Put(ctx, id, sealed); err != nil {
		return nil, err
	}
	p.Discard()
	return id, nil
}

// Take takes one presignature from the store, opens, decodes and checks
// it against key as it is now ([cggmp.Presignature.CheckKey]). The
// presignature is out of the store whatever the outcome: one that fails
// to open or decode, or was made for an older generation of the key
// (cggmp.ErrPresignatureGeneration), is returned as an error with its
// id, and the caller takes the next one. ErrEmpty when none is left.
func Take(ctx context.Context, st Store, sk *SealingKey, key *cggmp.Key) (id []byte, p *cggmp.Presignature, err error) {
	if st == nil {
		return nil, nil, errors.New("presigstore: nil store")
	}
	id, sealed, err := st.Take(ctx)
	if err != nil {
		return nil, nil, err
	}
	enc, err := Open(sk, id, sealed)
	if err != nil {
		return id, nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	defer clear(enc)
	p, err = cggmp.ParsePresignature(enc)
	if err != nil {
		return id, nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	if err := p.CheckKey(key); err != nil {
		p.Discard()
		return id, nil, fmt.Errorf("presigstore: id %x: %w", id, err)
	}
	return id, p, nil
}
