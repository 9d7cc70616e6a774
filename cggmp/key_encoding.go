package cggmp

import (
	"errors"
	"fmt"

	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// keyVersion is the version of Key's binary format.
const keyVersion = 1

// ErrKeyFormat reports a malformed Key encoding.
var ErrKeyFormat = errors.New("cggmp: malformed key encoding")

// MarshalBinary encodes the key: version(1), then length-prefixed fields:
// the dkg key share, this party's Paillier secret key, and for every party
// in order its Paillier public key and ring-Pedersen parameters. It holds
// secrets: store it sealed.
func (k *Key) MarshalBinary() ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	share, err := k.Share.MarshalBinary()
	if err != nil {
		return nil, err
	}
	sk, err := k.Aux.Secret.MarshalBinary()
	if err != nil {
		return nil, err
	}
	out := appendField(appendField([]byte{keyVersion}, share), sk)
	for _, id := range k.Aux.Parties {
		pk, err := k.Aux.Paillier[id].MarshalBinary()
		if err != nil {
			return nil, err
		}
		ped, err := k.Aux.Pedersen[id].MarshalBinary()
		if err != nil {
			return nil, err
		}
		out = appendField(appendField(out, pk), ped)
	}
	return out, nil
}

// UnmarshalBinary decodes and validates a key written by MarshalBinary.
// Every party's modulus must have the size of this party's own Paillier
// key (2048 or 3072 bits: the key's security level).
func (k *Key) UnmarshalBinary(b []byte) error {
	return k.unmarshal(b)
}

// ParseKey is UnmarshalBinary with options for the modulus size: with
// paillier.WithLevel or paillier.WithModulusBits it refuses a key of
// another level; without, it takes the level of the party's own Paillier
// key, as UnmarshalBinary does.
func ParseKey(b []byte, opts ...paillier.Option) (*Key, error) {
	k := new(Key)
	if err := k.unmarshal(b, opts...); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Key) unmarshal(b []byte, opts ...paillier.Option) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty", ErrKeyFormat)
	}
	if b[0] != keyVersion {
		return fmt.Errorf("%w: format version %d, this release reads version %d only", ErrKeyFormat, b[0], keyVersion)
	}
	head, err := splitPrefix(b[1:], 2)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrKeyFormat, err)
	}
	share := new(dkg.KeyShare)
	if err := share.UnmarshalBinary(head.fields[0]); err != nil {
		return fmt.Errorf("%w: %w", ErrKeyFormat, err)
	}
	sk := new(paillier.SecretKey)
	if err := sk.UnmarshalBinary(head.fields[1]); err != nil {
		return fmt.Errorf("%w: %w", ErrKeyFormat, err)
	}
	// Every modulus of the key has its own key's size unless the caller
	// demands one (a later option wins): a key's level is fixed when its
	// aux-info runs. The own party's public key below then turns a
	// demanded size that differs into an ErrModulusSize.
	opts = append([]paillier.Option{paillier.WithModulusBits(sk.PublicKey().BitLen())}, opts...)
	n := len(share.Parties)
	f, err := splitFields(head.rest, 2*n)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrKeyFormat, err)
	}
	aux := &AuxInfo{
		Parties: share.Parties, Self: share.Self, Secret: sk,
		Paillier: map[transport.PartyID]*paillier.PublicKey{},
		Pedersen: map[transport.PartyID]*paillier.PedersenParams{},
	}
	for i, id := range share.Parties {
		pk, err := paillier.ParsePublicKey(f[2*i], opts...)
		if err != nil {
			return fmt.Errorf("%w: party %d: %w", ErrKeyFormat, id, err)
		}
		ped, err := paillier.ParsePedersenParams(f[2*i+1], opts...)
		if err != nil {
			return fmt.Errorf("%w: party %d: %w", ErrKeyFormat, id, err)
		}
		aux.Paillier[id], aux.Pedersen[id] = pk, ped
	}
	key := &Key{Share: share, Aux: aux}
	if err := key.Validate(); err != nil {
		return err
	}
	*k = *key
	return nil
}
