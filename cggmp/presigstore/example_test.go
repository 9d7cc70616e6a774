package presigstore_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/cggmp/presigstore"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// A file store survives restarts, and hands out each sealed presignature
// once. Applications use a Pool, which seals a cggmp.Presignature and
// checks it against the key; the store itself holds sealed bytes.
func Example() {
	dir, err := os.MkdirTemp("", "presignatures")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	key := &presigstore.SealingKey{} // from the platform's key store

	st, err := presigstore.OpenFile(dir)
	if err != nil {
		panic(err)
	}
	id := []byte("presignature-1")
	meta := presigstore.Meta{Created: time.Unix(1_700_000_000, 0), Generation: make([]byte, cggmp.KeyGenerationSize)}
	sealed, err := presigstore.Seal(key, id, meta, []byte("encoded presignature"), nil)
	if err != nil {
		panic(err)
	}
	if err := st.Put(ctx, id, sealed); err != nil {
		panic(err)
	}
	_, err = presigstore.OpenFile(dir)
	fmt.Println(errors.Is(err, presigstore.ErrLocked))
	if err := st.Close(); err != nil {
		panic(err)
	}

	st, err = presigstore.OpenFile(dir) // a restart
	if err != nil {
		panic(err)
	}
	defer st.Close()
	gotSealed, err := st.TakeID(ctx, id)
	if err != nil {
		panic(err)
	}
	plain, got, err := presigstore.Open(key, id, gotSealed)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s, stored %d\n", id, plain, got.Created.Unix())

	_, err = st.TakeID(ctx, id)
	fmt.Println(errors.Is(err, presigstore.ErrTaken))
	fmt.Println(errors.Is(st.Put(ctx, id, sealed), presigstore.ErrExists))
	// Output:
	// true
	// presignature-1: encoded presignature, stored 1700000000
	// true
	// true
}

// Two signers of a 2-of-2 key keep presignatures in their own pools.
// Party 1 drives presigning: its pool's Presign runs cggmp.NewPresign
// with party 2, which stores its own output with Put, so both pools hold
// the run's presignature under one id (presigstore.ID). To sign, party 1
// takes the oldest presignature and names its id in the signing request;
// party 2 takes that one with TakeID. In a deployment each party runs only
// its own side over its own connections, and party 1 keeps its pool full
// in the background with go pool.Run(ctx); here Fill does it once.
func ExamplePool() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	parties := []transport.PartyID{1, 2}
	keys := exampleKeys(ctx, parties)

	pools := map[transport.PartyID]*presigstore.Pool{}
	for _, id := range parties {
		cfg := presigstore.Config{
			Store:      new(presigstore.Memory), // presigstore.OpenFile(dir) to survive restarts
			SealingKey: &presigstore.SealingKey{byte(id)},
			Key:        keys[id],
			Name:       fmt.Sprintf("party %d", id),
			MaxAge:     24 * time.Hour,
		}
		if id == 1 {
			cfg.Target = 2
			cfg.Presign = func(ctx context.Context, key *cggmp.Key) (*cggmp.Presignature, error) {
				// Party 1 invites party 2 to a run; party 2 stores its
				// output in its own pool.
				out := presignTogether(ctx, keys, parties)
				if _, err := pools[2].Put(ctx, out[2]); err != nil {
					return nil, err
				}
				return out[1], nil
			}
		}
		pool, err := presigstore.NewPool(cfg)
		if err != nil {
			panic(err)
		}
		pools[id] = pool
	}
	if err := pools[1].Fill(ctx); err != nil {
		panic(err)
	}
	level, err := pools[2].Level(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("party 2 holds", level, "presignatures")

	// Signing: party 1 chooses, party 2 follows the id it names.
	id, p1, err := pools[1].Take(ctx)
	if err != nil {
		panic(err)
	}
	p2, err := pools[2].TakeID(ctx, id)
	if err != nil {
		panic(err)
	}
	digest := sha256.Sum256([]byte("a transaction"))
	var partials []*cggmp.PartialSignature
	for _, p := range []*cggmp.Presignature{p1, p2} {
		ps, err := p.SignShare(digest[:])
		if err != nil {
			panic(err)
		}
		partials = append(partials, ps)
	}
	sig, err := p1.Combine(digest[:], partials)
	if err != nil {
		panic(err)
	}
	fmt.Println("signature verifies:", cggmp.VerifyLowS(keys[1].PublicKey(), digest[:], sig) == nil)

	// A second request for the same id is refused: one nonce, one use.
	_, err = pools[2].TakeID(ctx, id)
	fmt.Println("again:", errors.Is(err, presigstore.ErrTaken))
	// Output:
	// party 2 holds 2 presignatures
	// signature verifies: true
	// again: true
}

// exampleKeys makes n-of-n keys in this process: dkg, and aux info from
// the test-only Paillier fixtures (a deployment runs cggmp.NewAux).
func exampleKeys(ctx context.Context, parties []transport.PartyID) map[transport.PartyID]*cggmp.Key {
	nonce := make([]byte, dkg.NonceSize)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	c := curve.Secp256k1()
	sid, err := dkg.SessionID(dkg.Protocol, c, parties, len(parties), nonce)
	if err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*dkg.KeyShare]{}
	for _, id := range parties {
		if ms[id], err = dkg.New(dkg.Config{Curve: c, Threshold: len(parties), Parties: parties, Self: id, SessionID: sid}); err != nil {
			panic(err)
		}
	}
	shares := runInProcess(ctx, parties, ms)
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	pks := map[transport.PartyID]*paillier.PublicKey{}
	peds := map[transport.PartyID]*paillier.PedersenParams{}
	for i, id := range parties {
		if secrets[id], err = cggmp.NewAuxSecret(testfixtures.ExampleKey(i), rand.Reader); err != nil {
			panic(err)
		}
		pks[id], peds[id] = secrets[id].Paillier.PublicKey(), secrets[id].Pedersen
	}
	keys := map[transport.PartyID]*cggmp.Key{}
	for _, id := range parties {
		aux := &cggmp.AuxInfo{Parties: parties, Self: id, Secret: secrets[id].Paillier, Paillier: pks, Pedersen: peds}
		if keys[id], err = cggmp.NewKey(shares[id], aux); err != nil {
			panic(err)
		}
	}
	return keys
}

// presignTogether runs one presigning among parties in this process.
func presignTogether(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, parties []transport.PartyID) map[transport.PartyID]*cggmp.Presignature {
	nonce := make([]byte, 32)
	if _, err := rand.Read(nonce); err != nil {
		panic(err)
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range parties {
		sid, err := cggmp.PresignSessionID(keys[id], parties, nil, nil, nonce)
		if err != nil {
			panic(err)
		}
		if ms[id], err = cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: parties, SessionID: sid}); err != nil {
			panic(err)
		}
	}
	return runInProcess(ctx, parties, ms)
}

// runInProcess runs one Machine per party over an in-memory network (a
// deployment runs transport.Run over each party's own connection).
func runInProcess[Out any](ctx context.Context, parties []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) map[transport.PartyID]Out {
	net := memnet.New(parties)
	defer net.Close()
	out, errs := memnet.RunAll(ctx, net, ms)
	if len(errs) > 0 {
		panic(fmt.Sprint(errs))
	}
	return out
}
