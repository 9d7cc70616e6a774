package cggmp

import (
	"bytes"
	"fmt"

	"github.com/mosaic-mpc/mosaic/paillier"
)

// The messages of aux-info (CGGMP21 Fig. 6), each the body of a regular
// envelope, with its encoding and its decoder side by side. Fields are
// length-prefixed (appendField) unless their size is fixed. A proof travels
// in its own encoding (package zk), decoded against its statement when it
// is verified; every other field is validated when the message is decoded,
// and an error names the sender's message as the fault.

// auxCommitment is round 1's message: V_i = H(sid, i, opening), the
// commitment to P_i's round-2 opening.
type auxCommitment struct {
	V []byte // 32 bytes
}

// commitmentSize is the size of V_i.
const commitmentSize = 32

// MarshalBinary encodes V_i as its 32 bytes.
func (m *auxCommitment) MarshalBinary() ([]byte, error) {
	if len(m.V) != commitmentSize {
		return nil, fmt.Errorf("%w: commitment of %d bytes", errWire, len(m.V))
	}
	return bytes.Clone(m.V), nil
}

// decodeAuxCommitment reads V_i: exactly 32 bytes.
func decodeAuxCommitment(b []byte) (*auxCommitment, error) {
	if len(b) != commitmentSize {
		return nil, fmt.Errorf("%w: commitment of %d bytes", errWire, len(b))
	}
	return &auxCommitment{V: bytes.Clone(b)}, nil
}

// auxOpening is round 2's message, what V_i commits to: P_i's Paillier
// modulus N_i (as a public key), its ring-Pedersen parameters
// (N_i, s_i, t_i) with their Πprm proof, and the random ρ_i and u_i.
//
//	N | (N, s, t) | Πprm | ρ | u
type auxOpening struct {
	N        *paillier.PublicKey
	Pedersen *paillier.PedersenParams
	Prm      []byte // Πprm for (N_i, s_i, t_i), made in round 1
	Rho, U   []byte // ρ_i, u_i: 32 bytes each
}

// randomSize is the size of ρ_i and u_i.
const randomSize = 32

// MarshalBinary encodes the opening.
func (m *auxOpening) MarshalBinary() ([]byte, error) {
	n, err := m.N.MarshalBinary()
	if err != nil {
		return nil, err
	}
	ped, err := m.Pedersen.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return appendFields(nil, n, ped, m.Prm, m.Rho, m.U), nil
}

// decodeAuxOpening decodes an opening whose moduli must have exactly bits
// bits (SECURITY.md case 1): a Paillier key and ring-Pedersen parameters on
// the same modulus (ErrAuxModulus otherwise), and ρ_i, u_i of 32 bytes.
func decodeAuxOpening(b []byte, bits int) (*auxOpening, error) {
	f, err := splitFields(b, 5)
	if err != nil {
		return nil, err
	}
	size := paillier.WithModulusBits(bits)
	n, err := paillier.ParsePublicKey(f[0], size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAuxModulus, err)
	}
	ped, err := paillier.ParsePedersenParams(f[1], size)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAuxModulus, err)
	}
	if ped.NNat().Eq(n.NNat()) != 1 {
		return nil, fmt.Errorf("%w: ring-Pedersen modulus differs from the Paillier modulus", ErrAuxModulus)
	}
	if len(f[3]) != randomSize || len(f[4]) != randomSize {
		return nil, fmt.Errorf("%w: ρ of %d and u of %d bytes", errWire, len(f[3]), len(f[4]))
	}
	return &auxOpening{N: n, Pedersen: ped, Prm: f[2], Rho: f[3], U: f[4]}, nil
}

// auxProofs is round 3's message: Πmod for N_i and, for each other party
// P_j in increasing order, Πfac for N_i against P_j's ring-Pedersen
// parameters; all bound to ρ = ⊕_j ρ_j.
//
//	Πmod | Πfac for each peer
type auxProofs struct {
	Mod []byte
	Fac [][]byte
}

// MarshalBinary encodes the proofs.
func (m *auxProofs) MarshalBinary() ([]byte, error) {
	return appendFields(appendField(nil, m.Mod), m.Fac...), nil
}

// decodeAuxProofs reads Πmod and one Πfac for each of peers parties.
func decodeAuxProofs(b []byte, peers int) (*auxProofs, error) {
	f, err := splitFields(b, 1+peers)
	if err != nil {
		return nil, err
	}
	return &auxProofs{Mod: f[0], Fac: f[1:]}, nil
}
