package cggmp

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/session"
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/transport"
)

// NonceSize is the minimum length of the fresh nonce every session id of
// this package is derived from (as for dkg.SessionID).
const NonceSize = dkg.NonceSize

// AuxSessionID derives the id of one aux-info run (NewAux) from the family
// of AuxProtocol (not its version: see "Session ids" in the package doc),
// the party set (sorted) and a fresh random nonce of at least NonceSize bytes that every party agreed on
// beforehand, for example sent by whoever requests the run. It refuses a
// short nonce and an invalid party set with an error wrapping ErrConfig.
// Every party computes the same id from the same inputs; the ids of
// different protocols, or of runs that differ in any input, never coincide.
func AuxSessionID(parties []transport.PartyID, nonce []byte) ([]byte, error) {
	tr, err := startSession(AuxProtocol, nonce)
	if err != nil {
		return nil, err
	}
	if err := appendParties(tr, "party", parties); err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// PresignSessionID derives the id of one presigning run (NewPresign) from
// the family of PresignProtocol, everything that defines the run and a fresh random nonce of at least NonceSize bytes that every
// signer agreed on beforehand, for example sent by whoever requests the
// run. What defines the run is the key's public data (curve, parties,
// threshold, group key, every public share, the chain code, and every
// party's Paillier key and ring-Pedersen parameters), the signing set
// (sorted) and the derivation path and tweak of PresignConfig (nil for
// none). It refuses a short nonce, an invalid key, an invalid signing set
// (fewer than t signers, or one that holds no share), a hardened or
// over-long path and a tweak of another curve with an error wrapping
// ErrConfig. It reads only public data, so every signer computes the same
// id from its own Key; the ids of different protocols, or of runs that
// differ in any input, never coincide.
func PresignSessionID(key *Key, signers []transport.PartyID, path hd.Path, tweak curve.Scalar, nonce []byte) ([]byte, error) {
	tr, err := presignSession(PresignProtocol, key, signers, path, tweak, nonce)
	if err != nil {
		return nil, err
	}
	return session.Finish(tr, nonce), nil
}

// FullSignSessionID derives the id of one NewFullSign run from the family
// of FullSignProtocol, everything PresignSessionID binds (the key's public data, the signing set, the path and tweak), the
// 32-byte digest to sign and a fresh random nonce of at least NonceSize
// bytes that every signer agreed on beforehand. It refuses what
// PresignSessionID refuses, and a digest that is not 32 bytes, with an
// error wrapping ErrConfig (and ErrDigestLength for the digest). The ids of
// different protocols, or of runs that differ in any input, never coincide:
// a full-signing id is never a presigning id.
func FullSignSessionID(key *Key, signers []transport.PartyID, path hd.Path, tweak curve.Scalar, digest, nonce []byte) ([]byte, error) {
	if len(digest) != 32 {
		return nil, fmt.Errorf("%w: %w: got %d", ErrConfig, ErrDigestLength, len(digest))
	}
	tr, err := presignSession(FullSignProtocol, key, signers, path, tweak, nonce)
	if err != nil {
		return nil, err
	}
	tr.AppendBytes("digest", digest)
	return session.Finish(tr, nonce), nil
}

// SignSessionID derives the id of one signing run (NewSign) from the
// family of SignProtocol, the presignature's public identity (its presigning session id, which fixes R and every share, its
// signing set, the public key, derivation path and tweak it signs for),
// the 32-byte digest and a fresh random nonce of at least NonceSize bytes
// that every signer agreed on beforehand, for example sent by whoever
// requests the signature. Every signer's presignature from one run has the
// same public identity, so every signer computes the same id; the path
// bound is the presignature's, which SignConfig.Path must name. It refuses
// a short nonce, a nil or empty presignature and a digest that is not 32
// bytes with an error wrapping ErrConfig. A used presignature is not
// refused here: NewSign does that. The ids of different protocols, or of
// runs that differ in any input, never coincide.
func SignSessionID(pres *Presignature, digest, nonce []byte) ([]byte, error) {
	if pres == nil || pres.pub == nil || pres.R == nil {
		return nil, fmt.Errorf("%w: no presignature", ErrConfig)
	}
	if len(digest) != 32 {
		return nil, fmt.Errorf("%w: %w: got %d", ErrConfig, ErrDigestLength, len(digest))
	}
	tr, err := startSession(SignProtocol, nonce)
	if err != nil {
		return nil, err
	}
	tr.AppendBytes("presign-session", pres.sessionID)
	if err := appendParties(tr, "signer", pres.signers); err != nil {
		return nil, err
	}
	tr.AppendPoint("public-key", pres.pub)
	appendDerivation(tr, pres.path, pres.tweak)
	tr.AppendBytes("digest", digest)
	return session.Finish(tr, nonce), nil
}

// presignSession starts the transcript of a presigning run (alone or with
// signing): the key's public data, the signing set and the derivation.
func presignSession(protocol string, key *Key, signers []transport.PartyID, path hd.Path, tweak curve.Scalar, nonce []byte) (*transcript.Transcript, error) {
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if err := checkRunInputs(key, signers, path, tweak); err != nil {
		return nil, err
	}
	tr, err := startSession(protocol, nonce)
	if err != nil {
		return nil, err
	}
	if err := appendPresignInputs(tr, key, signers, path, tweak); err != nil {
		return nil, err
	}
	return tr, nil
}

// appendPresignInputs absorbs what defines a presigning run into tr: the
// key's public data (curve, threshold, group key, chain code, every party
// with its public share, Paillier key and ring-Pedersen parameters), the
// sorted signing set and the derivation. Session ids and run contexts
// (presignContext) both bind these, so a change to one changes both. The
// caller has checked the key and the run's inputs (checkRunInputs).
func appendPresignInputs(tr *transcript.Transcript, key *Key, signers []transport.PartyID, path hd.Path, tweak curve.Scalar) error {
	share := key.Share
	tr.AppendBytes("curve", []byte(share.Curve.Name()))
	tr.AppendUint64("t", uint64(share.Threshold))
	tr.AppendPoint("group-key", share.GroupKey)
	tr.AppendBytes("chain-code", share.ChainCode)
	tr.AppendUint64("n", uint64(len(share.Parties)))
	for _, p := range share.Parties {
		tr.AppendUint64("party", uint64(p))
		tr.AppendPoint("public-share", share.PublicShares[p])
		pk, err := key.Aux.Paillier[p].MarshalBinary()
		if err != nil {
			return fmt.Errorf("%w: Paillier key of party %d: %w", ErrConfig, p, err)
		}
		tr.AppendBytes("paillier", pk)
		ped, err := key.Aux.Pedersen[p].MarshalBinary()
		if err != nil {
			return fmt.Errorf("%w: ring-Pedersen parameters of party %d: %w", ErrConfig, p, err)
		}
		tr.AppendBytes("ring-pedersen", ped)
	}
	if err := appendParties(tr, "signer", signers); err != nil {
		return err
	}
	appendDerivation(tr, path, tweak)
	return nil
}

// startSession checks the nonce and starts a session-id transcript with
// the protocol's family (internal/session).
func startSession(protocol string, nonce []byte) (*transcript.Transcript, error) {
	tr, err := session.Start(protocol, nonce)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return tr, nil
}

// appendParties absorbs a validated party list, sorted, with its length.
func appendParties(tr *transcript.Transcript, label string, ids []transport.PartyID) error {
	if err := session.AppendParties(tr, label, ids); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}

// appendDerivation absorbs a derivation path (its length, then each index)
// and whether a tweak is present, then the tweak: a zero tweak and no tweak
// are different runs, as they are to the presignature's re-randomiser.
func appendDerivation(tr *transcript.Transcript, path hd.Path, tweak curve.Scalar) {
	tr.AppendUint64("path-length", uint64(len(path)))
	for _, i := range path {
		tr.AppendUint64("path-index", uint64(i))
	}
	if tweak == nil {
		tr.AppendUint64("tweak-present", 0)
		return
	}
	tr.AppendUint64("tweak-present", 1)
	tr.AppendScalar("tweak", tweak)
}
