package cggmp

import (
	"crypto/ed25519"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/identities"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Run contexts (transport.Config.Context) and identities of the package's
// machines (docs/agreement.md). A context is a digest of the public inputs
// every party of a run must hold the same of. Every message carries it, so
// parties that differ in one of them end the run at once with
// transport.ErrContextMismatch, naming nobody, instead of blaming each
// other for messages that fail against their own inputs: in presigning an
// honest party would find every peer's proofs bad against another
// ring-Pedersen modulus, and complain about all of them.

// auxContext returns the run context of an aux-info run among parties
// (sorted): the exact modulus size every opening must have, the parties
// and, in a run with identities, every party's identity key. id has been
// narrowed to the parties (runIdentity).
func auxContext(modulusBits int, parties []transport.PartyID, id *transport.Identity) ([]byte, error) {
	tr := session.StartContext(AuxProtocol)
	tr.AppendUint64("modulus-bits", uint64(modulusBits))
	if err := appendParties(tr, "party", parties); err != nil {
		return nil, err
	}
	if err := appendRunIdentities(tr, parties, id); err != nil {
		return nil, err
	}
	return session.FinishContext(tr), nil
}

// presignContext returns the run context of a presigning run of protocol
// (PresignProtocol, or FullSignProtocol with the digest it signs; nil
// digest for presigning): what PresignSessionID binds (the key's public
// data with every party's Paillier key and ring-Pedersen parameters, the
// signers, the derivation path and tweak), the key's record of identity
// keys if it has one, the digest and, in a run with identities, every
// signer's identity key. st is the run's state, whose key and inputs
// newPresignState has checked; its tweak is the derivation path's plus
// PresignConfig.Tweak.
func presignContext(protocol string, st *presignState, digest []byte) ([]byte, error) {
	key := st.cfg.Key
	tr := session.StartContext(protocol)
	if err := appendPresignInputs(tr, key, st.signers, st.cfg.Path, st.cfg.Tweak); err != nil {
		return nil, err
	}
	if rec := key.Share.Identities; rec != nil {
		if err := session.AppendIdentities(tr, "record-identity", key.Share.Parties, rec); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
	}
	if digest != nil {
		tr.AppendBytes("digest", digest)
	}
	if err := appendRunIdentities(tr, st.signers, st.id); err != nil {
		return nil, err
	}
	return session.FinishContext(tr), nil
}

// signContext returns the run context of a NewSign run: p's public part
// (its presigning session, signers, public key, derivation, R and every
// signer's k_j·R and χ_j·R), the digest and, in a run with identities,
// every signer's identity key. The key's public data need not be bound
// again: presigning's context bound it, so signers whose presignatures
// come from one run hold the same key, and R and the k_j·R, fresh in every
// run, tell presignatures of different runs apart. Signers holding
// presignatures of different runs, or signing different digests, end at
// once with transport.ErrContextMismatch instead of naming each other's
// partial signatures.
func signContext(p *Presignature, digest []byte, id *transport.Identity) ([]byte, error) {
	tr := session.StartContext(SignProtocol)
	tr.AppendBytes("presignature", p.publicRecord())
	tr.AppendBytes("digest", digest)
	if err := appendRunIdentities(tr, p.signers, id); err != nil {
		return nil, err
	}
	return session.FinishContext(tr), nil
}

// appendRunIdentities absorbs the identity key of every party of the run,
// nothing in a run without identities.
func appendRunIdentities(tr *transcript.Transcript, parties []transport.PartyID, id *transport.Identity) error {
	if id == nil {
		return nil
	}
	if err := session.AppendIdentities(tr, "identity", parties, id.Peers); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}

// runIdentity returns the identity a run among parties passes to the
// transport: nil without id, and otherwise a copy of id (the caller's is
// left alone) whose Peers hold the keys of the parties only, since id may
// list every holder of the key, and whose MaxFaulty, when left zero, is
// maxFaulty (identities.ForKey). A maxFaulty below 1 leaves it zero, which
// the transport reads as len(parties)-1: only self-verifying evidence then
// names anyone. When the key has a record of identity keys (record
// non-nil), every party must have its recorded key in id.Peers. Errors
// wrap ErrConfig.
func runIdentity(id *transport.Identity, parties []transport.PartyID, maxFaulty int, record map[transport.PartyID]ed25519.PublicKey) (*transport.Identity, error) {
	run, err := identities.ForKey(id, parties, max(maxFaulty, 0), record)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return run, nil
}
