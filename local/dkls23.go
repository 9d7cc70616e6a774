package local

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/dkls23"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SetupDKLs23 runs the DKLs23 pairwise OT setup (dkls23.NewSetup) among
// every holder of the secp256k1 key shares from Keygen (or a refresh), and
// returns each party's dkls23.Key. The run is signed, with the keys of
// WithIdentities (which shares that record identity keys need) or else
// with keys made for it alone, and agrees (docs/agreement.md). The session
// id is dkls23.SetupSessionID of a fresh nonce.
func SetupDKLs23(ctx context.Context, shares map[transport.PartyID]*dkg.KeyShare, opts ...Option) (map[transport.PartyID]*dkls23.Key, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	var ids []transport.PartyID
	for id := range shares {
		ids = append(ids, id)
	}
	ids = transport.SortedCopy(ids)
	if len(ids) == 0 {
		return nil, fmt.Errorf("%w: no key shares", ErrInput)
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := dkls23.SetupSessionID(shares[ids[0]], nonce)
	if err != nil {
		return nil, partyErr(ids[0], err)
	}
	signing, _, err := runIdentities(cfg, ids, shares[ids[0]].Identities)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*dkls23.Key], len(ids))
	for _, id := range ids {
		m, err := dkls23.NewSetup(dkls23.SetupConfig{Share: shares[id], SessionID: sid, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	return runAll(ctx, cfg, ids, ms, true)
}

// SignDKLs23 runs DKLs23 signing (dkls23.NewSign) of the 32-byte digest
// among signers, with their Keys from SetupDKLs23, for the non-hardened
// BIP-32 path (nil for the root key), and returns the signature every
// signer agreed on and confirmed, verified under the key. The run is
// signed as SetupDKLs23's is. The session id is dkls23.SignSessionID of a
// fresh nonce.
func SignDKLs23(ctx context.Context, keys map[transport.PartyID]*dkls23.Key, signers []transport.PartyID, path hd.Path, digest []byte, opts ...Option) (*cggmp.Signature, error) {
	cfg, err := start(ctx, opts)
	if err != nil {
		return nil, err
	}
	if err := checkParties("signers", signers); err != nil {
		return nil, err
	}
	for _, id := range signers {
		if keys[id] == nil {
			return nil, fmt.Errorf("%w: no DKLs23 key for signer %d", ErrInput, id)
		}
	}
	nonce, err := cfg.nonce()
	if err != nil {
		return nil, err
	}
	sid, err := dkls23.SignSessionID(keys[signers[0]], signers, path, digest, nonce)
	if err != nil {
		return nil, partyErr(signers[0], err)
	}
	signing, _, err := runIdentities(cfg, signers, keys[signers[0]].Share().Identities)
	if err != nil {
		return nil, err
	}
	ms := make(map[transport.PartyID]transport.Machine[*cggmp.Signature], len(signers))
	for _, id := range signers {
		m, err := dkls23.NewSign(dkls23.SignConfig{Key: keys[id], Signers: signers, SessionID: sid, Digest: digest, Path: path, Rand: cfg.rand, Identity: signing[id]})
		if err != nil {
			return nil, partyErr(id, err)
		}
		ms[id] = m
	}
	out, err := runAll(ctx, cfg, signers, ms, true)
	if err != nil {
		return nil, err
	}
	return agreed(signers, out, func(s *cggmp.Signature) []byte { return append(s.Bytes(), s.RecoveryID) })
}
