package cggmp

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cronokirby/saferith"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// AuxSecret is what a party prepares before aux-info, ahead of time if it
// likes (safe-prime generation is the one slow step of the whole protocol):
// a Paillier key whose modulus also serves as the party's ring-Pedersen
// modulus (CGGMP21, Fig. 6), the ring-Pedersen parameters (N, s, t) and the
// trapdoor λ with s = t^λ mod N. Every field is secret except Pedersen.
type AuxSecret struct {
	// Paillier is the party's Paillier secret key; its modulus is also the
	// ring-Pedersen modulus.
	Paillier *paillier.SecretKey
	// Pedersen is the public ring-Pedersen parameters (N, s, t).
	Pedersen *paillier.PedersenParams
	lambda   *saferith.Nat
}

// Zeroize erases the secret's Paillier key (paillier.SecretKey.Zeroize)
// and the ring-Pedersen trapdoor λ, for a secret prepared and never used,
// or left over from an aborted aux-info run. The AuxInfo of a successful
// run holds the same Paillier key (AuxInfo.Secret): zeroizing the
// AuxSecret zeroizes that key too, so after success retire it with the Key
// (Key.Zeroize) instead. Safe to call repeatedly and on a nil or zero
// AuxSecret.
func (s *AuxSecret) Zeroize() {
	if s == nil {
		return
	}
	s.Paillier.Zeroize()
	wipeNats(s.lambda)
}

// GenerateAuxSecret generates a fresh AuxSecret at paillier.DefaultLevel
// (128-bit security, a 3072-bit modulus from two 1536-bit safe primes)
// unless opts ask for another (paillier.WithLevel(paillier.Level112) for
// 2048 bits). It takes seconds: the safe-prime search. ctx cancels it;
// opts also pass progress callbacks and a logger to paillier.GenerateKey.
// rand nil means crypto/rand.
func GenerateAuxSecret(ctx context.Context, rand io.Reader, opts ...paillier.Option) (*AuxSecret, error) {
	sk, err := paillier.GenerateKey(ctx, rand, opts...)
	if err != nil {
		return nil, err
	}
	return NewAuxSecret(sk, rand)
}

// NewAuxSecret derives ring-Pedersen parameters for an existing Paillier
// key (for example one taken from a pool of pre-generated keys).
func NewAuxSecret(sk *paillier.SecretKey, rand io.Reader) (*AuxSecret, error) {
	ped, lambda, err := sk.GeneratePedersen(rand)
	if err != nil {
		return nil, err
	}
	return &AuxSecret{Paillier: sk, Pedersen: ped, lambda: lambda}, nil
}

// AuxInfo is the output of the aux-info protocol: this party's Paillier
// secret key and every party's validated Paillier public key and
// ring-Pedersen parameters.
type AuxInfo struct {
	// Parties is the sorted party set of the run; Self is this party.
	Parties []transport.PartyID
	Self    transport.PartyID
	// Secret is this party's Paillier secret key.
	Secret *paillier.SecretKey
	// Paillier and Pedersen hold every party's (this one's included)
	// validated Paillier public key and ring-Pedersen parameters.
	Paillier map[transport.PartyID]*paillier.PublicKey
	Pedersen map[transport.PartyID]*paillier.PedersenParams
}

// Errors reported in aux-info aborts.
var (
	ErrAuxCommitment = errors.New("cggmp: aux-info decommitment does not match the commitment")
	ErrAuxModulus    = errors.New("cggmp: bad Paillier or ring-Pedersen modulus")
	ErrAuxProof      = errors.New("cggmp: aux-info proof failed")
	ErrAuxDuplicate  = errors.New("cggmp: modulus used by another party")
)

// publicRecord encodes the public part of the AuxInfo, what every party
// of the aux-info run holds the same of and confirms before it commits
// (transport.FinishConfirmed): for every party in increasing order,
//
//	party(4) | Paillier key | ring-Pedersen parameters
//
// the last two length-prefixed in their own encodings (package paillier),
// which fix the modulus size. The caller has checked a (validate).
func (a *AuxInfo) publicRecord() ([]byte, error) {
	var out []byte
	for _, j := range a.Parties {
		pk, err := a.Paillier[j].MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("cggmp: Paillier key of party %d: %w", j, err)
		}
		ped, err := a.Pedersen[j].MarshalBinary()
		if err != nil {
			return nil, fmt.Errorf("cggmp: ring-Pedersen parameters of party %d: %w", j, err)
		}
		out = binary.BigEndian.AppendUint32(out, uint32(j))
		out = appendFields(out, pk, ped)
	}
	return out, nil
}

// validate checks the structural consistency of an AuxInfo.
func (a *AuxInfo) validate() error {
	if a == nil || a.Secret == nil {
		return errors.New("cggmp: aux info missing")
	}
	if err := transport.ValidateParties(a.Parties); err != nil {
		return err
	}
	if !slices.IsSorted(a.Parties) || !transport.Contains(a.Parties, a.Self) {
		return errors.New("cggmp: aux info party list")
	}
	for _, id := range a.Parties {
		if a.Paillier[id] == nil || a.Pedersen[id] == nil {
			return fmt.Errorf("cggmp: aux info lacks party %d", id)
		}
	}
	if !a.Paillier[a.Self].Equal(a.Secret.PublicKey()) {
		return errors.New("cggmp: aux info secret key does not match own public key")
	}
	// One security level for the whole key: aux-info refuses other sizes,
	// and an AuxInfo put together by hand must not mix them either.
	bits := a.Secret.PublicKey().BitLen()
	for _, id := range a.Parties {
		if a.Paillier[id].BitLen() != bits || a.Pedersen[id].BitLen() != bits {
			return fmt.Errorf("cggmp: aux info: party %d's moduli are not of the key's %d bits", id, bits)
		}
	}
	return nil
}

// Level returns the key's security level, that of its Paillier and
// ring-Pedersen moduli, or 0 for a nil AuxInfo or one without a valid
// Paillier key.
func (a *AuxInfo) Level() paillier.SecurityLevel {
	if a == nil || a.Secret == nil || a.Secret.PublicKey() == nil {
		return 0
	}
	level, err := paillier.LevelOf(a.Secret.PublicKey().BitLen())
	if err != nil {
		return 0
	}
	return level
}
