package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/transport/memnet"
)

// Parties returns the ids 1..n.
func Parties(n int) []transport.PartyID {
	ids := make([]transport.PartyID, n)
	for i := range ids {
		ids[i] = transport.PartyID(i + 1)
	}
	return ids
}

// Nonce returns 32 fresh random bytes for a session id.
func Nonce() ([]byte, error) {
	b := make([]byte, 32)
	_, err := rand.Read(b)
	return b, err
}

// RunAll runs one machine per party over a fresh in-memory network and
// returns every result, or the first error (in party order).
func RunAll[Out any](ctx context.Context, ids []transport.PartyID, ms map[transport.PartyID]transport.Machine[Out]) (map[transport.PartyID]Out, error) {
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

// Keygen runs dealerless key generation on c with threshold t.
func Keygen(ctx context.Context, c curve.Curve, t int, ids []transport.PartyID) (map[transport.PartyID]*dkg.KeyShare, error) {
	nonce, err := Nonce()
	if err != nil {
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
	return RunAll(ctx, ids, ms)
}

// Aux generates every party's Paillier key (reporting each safe prime
// found to progress, if not nil) and runs the aux-info protocol.
func Aux(ctx context.Context, ids []transport.PartyID, progress func(found, total int)) (map[transport.PartyID]*cggmp.AuxInfo, error) {
	secrets := make(map[transport.PartyID]*cggmp.AuxSecret, len(ids))
	var mu sync.Mutex
	found := 0
	tick := func() {
		mu.Lock()
		defer mu.Unlock()
		found++
		if progress != nil {
			progress(found, 2*len(ids))
		}
	}
	// Each key generation already uses every core, so parties take turns.
	for _, id := range ids {
		prime := 0
		sec, err := cggmp.GenerateAuxSecret(ctx, rand.Reader, paillier.WithProgress(func(p paillier.KeyGenProgress) {
			if p.Prime != prime {
				if prime != 0 {
					tick()
				}
				prime = p.Prime
			}
		}))
		if err != nil {
			return nil, err
		}
		tick()
		secrets[id] = sec
	}
	sid, err := Nonce()
	if err != nil {
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
	return RunAll(ctx, ids, ms)
}

// ECDSAKeys joins key shares and aux info into CGGMP keys.
func ECDSAKeys(shares map[transport.PartyID]*dkg.KeyShare, aux map[transport.PartyID]*cggmp.AuxInfo) (map[transport.PartyID]*cggmp.Key, error) {
	keys := map[transport.PartyID]*cggmp.Key{}
	for id, s := range shares {
		k, err := cggmp.NewKey(s, aux[id])
		if err != nil {
			return nil, err
		}
		keys[id] = k
	}
	return keys, nil
}

// Presign runs CGGMP21 presigning among signers.
func Presign(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, tweak curve.Scalar) (map[transport.PartyID]*cggmp.Presignature, error) {
	return presign(ctx, keys, signers, tweak, nil)
}

// PresignPath runs CGGMP21 presigning for the key derived along path.
func PresignPath(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, path hd.Path) (map[transport.PartyID]*cggmp.Presignature, error) {
	return presign(ctx, keys, signers, nil, path)
}

func presign(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, tweak curve.Scalar, path hd.Path) (map[transport.PartyID]*cggmp.Presignature, error) {
	sid, err := Nonce()
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Presignature]{}
	for _, id := range signers {
		m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Tweak: tweak, Path: path})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	return RunAll(ctx, signers, ms)
}

// SignECDSA runs the one-round signing protocol with the presignatures
// (consuming them) and returns the verified signature.
func SignECDSA(ctx context.Context, pres map[transport.PartyID]*cggmp.Presignature, signers []transport.PartyID, digest []byte) (*cggmp.Signature, error) {
	return SignECDSAPath(ctx, pres, signers, nil, digest)
}

// SignECDSAPath is SignECDSA for presignatures made for a derivation path.
func SignECDSAPath(ctx context.Context, pres map[transport.PartyID]*cggmp.Presignature, signers []transport.PartyID, path hd.Path, digest []byte) (*cggmp.Signature, error) {
	sid, err := Nonce()
	if err != nil {
		return nil, err
	}
	ms := map[transport.PartyID]transport.Machine[*cggmp.Signature]{}
	for _, id := range signers {
		m, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres[id], Digest: digest, SessionID: sid, Path: path})
		if err != nil {
			return nil, err
		}
		ms[id] = m
	}
	out, err := RunAll(ctx, signers, ms)
	if err != nil {
		return nil, err
	}
	return out[signers[0]], nil
}

// SignFROST runs peer-to-peer FROST signing; a non-nil merkleRoot first
// tweaks the keys to the BIP-341 output key. It returns the signature and
// the key it verifies under.
func SignFROST(ctx context.Context, suite frost.Ciphersuite, shares map[transport.PartyID]*dkg.KeyShare, signers []transport.PartyID, msg, merkleRoot []byte) ([]byte, curve.Point, error) {
	sid, err := Nonce()
	if err != nil {
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
	out, err := RunAll(ctx, signers, ms)
	if err != nil {
		return nil, nil, err
	}
	sig := out[signers[0]]
	if err := frost.Verify(suite, key, msg, sig); err != nil {
		return nil, nil, err
	}
	return sig, key, nil
}

// Step prints a step's explanation to w and returns a function that
// prints how long it took.
func Step(w io.Writer, format string, args ...any) func() {
	start := time.Now()
	fmt.Fprintf(w, "• "+format+"\n", args...)
	return func() { fmt.Fprintf(w, "  (%v)\n", time.Since(start).Round(time.Millisecond)) }
}
