package identities

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// KeySize is the length of an identity key and of its slot in an encoding.
const KeySize = ed25519.PublicKeySize

// ErrKey is wrapped by every error about an identity key.
var ErrKey = errors.New("identities: invalid identity key")

// CheckKey checks that pk is the canonical encoding of an Ed25519 point of
// prime order (not the identity). Keys are public: the check runs in
// variable time.
func CheckKey(pk ed25519.PublicKey) error {
	if len(pk) != KeySize {
		return fmt.Errorf("%w: %d bytes", ErrKey, len(pk))
	}
	if _, err := curve.Edwards25519().DecodePoint(pk, false); err != nil {
		return fmt.Errorf("%w: %w", ErrKey, err)
	}
	return nil
}

// Validate checks a record for a key held by parties: nil, or exactly one
// valid key (CheckKey) for every party and no other.
func Validate(keys map[transport.PartyID]ed25519.PublicKey, parties []transport.PartyID) error {
	if keys == nil {
		return nil
	}
	if len(keys) != len(parties) {
		return fmt.Errorf("%w: %d keys for %d parties", ErrKey, len(keys), len(parties))
	}
	for _, p := range parties {
		pk, ok := keys[p]
		if !ok {
			return fmt.Errorf("%w: party %d has none", ErrKey, p)
		}
		if err := CheckKey(pk); err != nil {
			return fmt.Errorf("party %d: %w", p, err)
		}
	}
	return nil
}

// Append appends the key of every party of parties to out, in the order of
// parties (which the caller keeps sorted). keys must have passed Validate
// with a non-nil record.
func Append(out []byte, keys map[transport.PartyID]ed25519.PublicKey, parties []transport.PartyID) []byte {
	for _, p := range parties {
		out = append(out, keys[p]...)
	}
	return out
}

// Decode reads the record Append wrote for parties: exactly KeySize bytes
// per party, each a valid key. The keys are copies; b is not kept.
func Decode(b []byte, parties []transport.PartyID) (map[transport.PartyID]ed25519.PublicKey, error) {
	if len(b) != KeySize*len(parties) {
		return nil, fmt.Errorf("%w: %d bytes for %d keys", ErrKey, len(b), len(parties))
	}
	keys := make(map[transport.PartyID]ed25519.PublicKey, len(parties))
	for i, p := range parties {
		if _, dup := keys[p]; dup {
			return nil, fmt.Errorf("%w: party %d listed twice", ErrKey, p)
		}
		pk := ed25519.PublicKey(append([]byte(nil), b[i*KeySize:(i+1)*KeySize]...))
		if err := CheckKey(pk); err != nil {
			return nil, fmt.Errorf("party %d: %w", p, err)
		}
		keys[p] = pk
	}
	return keys, nil
}

// Clone returns a deep copy of keys; nil stays nil.
func Clone(keys map[transport.PartyID]ed25519.PublicKey) map[transport.PartyID]ed25519.PublicKey {
	if keys == nil {
		return nil
	}
	out := make(map[transport.PartyID]ed25519.PublicKey, len(keys))
	for p, pk := range keys {
		out[p] = append(ed25519.PublicKey(nil), pk...)
	}
	return out
}

// Equal reports whether a and b are the same record: both nil, or both
// non-nil with the same key for the same parties.
func Equal(a, b map[transport.PartyID]ed25519.PublicKey) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for p, pk := range a {
		other, ok := b[p]
		if !ok || !pk.Equal(other) {
			return false
		}
	}
	return true
}

// Restrict returns the keys of parties from keys, or nil if keys lacks one
// of them (a record holds a key for every party or none).
func Restrict(keys map[transport.PartyID]ed25519.PublicKey, parties []transport.PartyID) map[transport.PartyID]ed25519.PublicKey {
	out := make(map[transport.PartyID]ed25519.PublicKey, len(parties))
	for _, p := range parties {
		pk, ok := keys[p]
		if !ok {
			return nil
		}
		out[p] = append(ed25519.PublicKey(nil), pk...)
	}
	return out
}

// ForRun returns the identity a protocol passes to transport.Config.Identity
// for a run among parties: nil for a nil id, and otherwise a copy of id
// (the caller's is never changed) whose Peers hold the keys of parties only
// (id may hold more, for example every holder of a key) and whose
// MaxFaulty, when id leaves it 0, is maxFaulty. A party without a valid
// key (CheckKey) is an error wrapping transport.ErrIdentity.
func ForRun(id *transport.Identity, parties []transport.PartyID, maxFaulty int) (*transport.Identity, error) {
	if id == nil {
		return nil, nil
	}
	run := *id
	run.Peers = make(map[transport.PartyID]ed25519.PublicKey, len(parties))
	for _, p := range parties {
		pk, ok := id.Peers[p]
		if !ok {
			return nil, fmt.Errorf("%w: party %d has no identity key", transport.ErrIdentity, p)
		}
		if err := CheckKey(pk); err != nil {
			return nil, fmt.Errorf("%w: party %d: %w", transport.ErrIdentity, p, err)
		}
		run.Peers[p] = append(ed25519.PublicKey(nil), pk...)
	}
	if run.MaxFaulty == 0 {
		run.MaxFaulty = maxFaulty
	}
	return &run, nil
}

// Agree checks that the identity keys of a run agree with a key's record:
// every party of parties that the record holds a key for has that key in
// peers. A nil record or nil peers agree with anything.
func Agree(peers, record map[transport.PartyID]ed25519.PublicKey, parties []transport.PartyID) error {
	if peers == nil || record == nil {
		return nil
	}
	for _, p := range parties {
		want, ok := record[p]
		if ok && !want.Equal(peers[p]) {
			return fmt.Errorf("%w: party %d's identity key differs from the key share's record", transport.ErrIdentity, p)
		}
	}
	return nil
}

// ForKey is ForRun for a run on an existing key whose record of identity
// keys is record (nil when it has none): the run's keys must agree with it
// (Agree), so that no run is signed with other keys than the key's.
func ForKey(id *transport.Identity, parties []transport.PartyID, maxFaulty int, record map[transport.PartyID]ed25519.PublicKey) (*transport.Identity, error) {
	run, err := ForRun(id, parties, maxFaulty)
	if err != nil || run == nil {
		return run, err
	}
	if err := Agree(run.Peers, record, parties); err != nil {
		return nil, err
	}
	return run, nil
}
