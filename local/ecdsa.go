package local

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Presign runs CGGMP21 presigning among signers (at least the key's
// threshold, and at least two) and returns each signer's presignature.
// tweak, if not nil, is an additive key tweak bound into the
// presignatures (cggmp.PresignConfig.Tweak). The run is signed, with the
// keys of WithIdentities (which a key that records identity keys needs,
// dkg.KeyShare.Identities) or else with keys made for it alone, and agrees
// (docs/agreement.md): every signer returns its presignature only once
// every signer has confirmed the presignatures' public part. The session
// id is cggmp.PresignSessionID of a fresh nonce.
func Presign(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, tweak curve.Scalar, opts ...Option) (map[transport.PartyID]*cggmp.Presignature, error) {
	return presign(ctx, keys, signers, tweak, nil, opts)
}

// PresignPath is Presign for the key derived from the group key along the
// non-hardened BIP-32 path (package hd); the presignatures can sign only
// for that key, with SignECDSAPath and the same path.
func PresignPath(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, path hd.Path, opts ...Option) (map[transport.PartyID]*cggmp.Presignature, error) {
	return presign(ctx, keys, signers, nil, path, opts)
}

func presign(ctx context.Context, keys map[transport.PartyID]*cggmp.Key, signers []transport.PartyID, tweak curve.Scalar, path hd.Path, opts []Option) (map[transport.PartyID]*cggmp.Presignature, error) {
	cfg, nonce, err := startSigners(ctx, opts, signers, "key", func(id transport.PartyID) bool { return keys[id] != nil })
	if err != nil {
		return nil, err
	}
	sid, err := cggmp.PresignSessionID(keys[signers[0]], signers, path, tweak, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: presigning session id: %w", err)
	}
	var record map[transport.PartyID]ed25519.PublicKey
	if share := keys[signers[0]].Share; share != nil {
		record = share.Identities
	}
	signing, _, err := runIdentities(cfg, signers, record)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*cggmp.Presignature], len(signers))
	for _, id := range signers {
		m, err := cggmp.NewPresign(cggmp.PresignConfig{Key: keys[id], Signers: signers, SessionID: sid, Tweak: tweak, Path: path, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	return runAll(ctx, cfg, signers, ms, true)
}

// SignECDSA runs CGGMP21's one-round signing of the 32-byte digest with
// the signers' presignatures from one Presign run, which it consumes, and
// returns the signature: low-S, with its recovery id, verified under the
// public key. The run is signed, with the keys of WithIdentities or else
// with keys made for it alone, and agrees (docs/agreement.md): it returns
// only once every signer has confirmed the signature. The session id is
// cggmp.SignSessionID of a fresh nonce.
func SignECDSA(ctx context.Context, pres map[transport.PartyID]*cggmp.Presignature, signers []transport.PartyID, digest []byte, opts ...Option) (*cggmp.Signature, error) {
	return SignECDSAPath(ctx, pres, signers, nil, digest, opts...)
}

// SignECDSAPath is SignECDSA for presignatures made by PresignPath with
// the same path.
func SignECDSAPath(ctx context.Context, pres map[transport.PartyID]*cggmp.Presignature, signers []transport.PartyID, path hd.Path, digest []byte, opts ...Option) (*cggmp.Signature, error) {
	cfg, nonce, err := startSigners(ctx, opts, signers, "presignature", func(id transport.PartyID) bool { return pres[id] != nil })
	if err != nil {
		return nil, err
	}
	sid, err := cggmp.SignSessionID(pres[signers[0]], digest, nonce)
	if err != nil {
		return nil, fmt.Errorf("local: signing session id: %w", err)
	}
	signing, _, err := runIdentities(cfg, signers, nil)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*cggmp.Signature], len(signers))
	for _, id := range signers {
		m, err := cggmp.NewSign(cggmp.SignConfig{Presignature: pres[id], Digest: digest, SessionID: sid, Path: path, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	out, err := runAll(ctx, cfg, signers, ms, true)
	if err != nil {
		return nil, err
	}
	return agreed(signers, out, (*cggmp.Signature).Bytes)
}

// agreed returns the first signer's result after checking that every
// signer's encodes the same.
func agreed[Out any](signers []transport.PartyID, out map[transport.PartyID]Out, encode func(Out) []byte) (Out, error) {
	first := out[signers[0]]
	want := string(encode(first))
	for _, id := range signers[1:] {
		if string(encode(out[id])) != want {
			var zero Out
			return zero, fmt.Errorf("%w: party %d and party %d", ErrDisagree, signers[0], id)
		}
	}
	return first, nil
}

// startSigners starts a signing-side run: it checks the options and the
// signer list, that every signer has its input (has; what names it in the
// error), and draws the run's session nonce.
func startSigners(ctx context.Context, opts []Option, signers []transport.PartyID, what string, has func(transport.PartyID) bool) (*config, []byte, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := checkParties("signers", signers); err != nil {
		return nil, nil, err
	}
	for _, id := range signers {
		if !has(id) {
			return nil, nil, fmt.Errorf("%w: signer %d has no %s", ErrInput, id, what)
		}
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, nil, err
	}
	return cfg, nonce, nil
}
