package backup

import (
	"errors"
	"fmt"
	"io"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// ECDSAKeyScheme is the scheme name SealECDSAKey writes in the header.
const ECDSAKeyScheme = "cggmp-secp256k1"

// SealECDSAKey encrypts a whole CGGMP21 key under passphrase: the
// secp256k1 share, this party's Paillier secret key and every party's
// Paillier key and ring-Pedersen parameters (cggmp.Key.MarshalBinary), so
// that a restored party can presign again without a new aux-info run. The
// header records the payload kind (KindECDSAKey), the curve, party id,
// group key and the scheme name ECDSAKeyScheme, all authenticated. The
// checks, options and randomness are those of Seal: the passphrase and the
// key-derivation parameters are checked, against the same policy, before
// the key is encoded; the key is validated (cggmp.Key.Validate) by its
// encoding.
func SealECDSAKey(key *cggmp.Key, passphrase []byte, rand io.Reader, opts ...Option) ([]byte, error) {
	o := newOptions(opts)
	if key == nil {
		return nil, fmt.Errorf("%w: no key", ErrInput)
	}
	if err := checkSeal(ECDSAKeyScheme, passphrase, o); err != nil {
		return nil, err
	}
	plaintext, err := key.MarshalBinary() // validates the key
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer clear(plaintext)
	h := &Header{Kind: KindECDSAKey, Curve: key.Share.Curve, Party: key.Self(), GroupKey: key.PublicKey(), Scheme: ECDSAKeyScheme}
	return seal(h, plaintext, passphrase, rand, o)
}

// OpenECDSAKey decrypts a key sealed by SealECDSAKey. The key is decoded
// with cggmp.ParseKey, which runs the key's own checks (cggmp.Key.Validate:
// a valid secp256k1 share, aux info for the same parties, this party's
// Paillier secret key matching its public key) and checks the size of
// every modulus: against the size WithPaillierOptions demands, if given
// (a deployment that runs at one security level should give it), and
// otherwise as cggmp.ParseKey does without options. The key must also
// match the authenticated header (curve, party, group key).
//
// Errors are those of Open, and: ErrKind (with a *KindError) for a sealed
// key share, which Open opens; ErrInput, also matching
// paillier.ErrModulusSize, for a key whose moduli have another size than
// WithPaillierOptions demands. As with Open, every check but the
// passphrase and the authentication runs before any key derivation.
func OpenECDSAKey(data, passphrase []byte, opts ...Option) (*cggmp.Key, error) {
	o := newOptions(opts)
	h, plaintext, err := open(data, passphrase, KindECDSAKey, o)
	if err != nil {
		return nil, err
	}
	defer clear(plaintext)
	key, err := cggmp.ParseKey(plaintext, o.paillier...)
	switch {
	case errors.Is(err, paillier.ErrModulusSize):
		// Authentic, but not of this deployment's size: a configuration
		// mismatch, not an altered file.
		return nil, fmt.Errorf("%w: the sealed key's moduli are not of the size WithPaillierOptions demands: %w", ErrInput, err)
	case err != nil:
		// Authentic but invalid: sealed by something else than SealECDSAKey.
		return nil, fmt.Errorf("%w: sealed data is not a valid ECDSA key: %w", ErrTampered, err)
	}
	if h.Curve.ID() != curve.IDSecp256k1 || key.Self() != h.Party || !key.PublicKey().Equal(h.GroupKey) {
		key.Zeroize()
		return nil, fmt.Errorf("%w: the sealed key does not match its header", ErrTampered)
	}
	return key, nil
}

// WithPaillierOptions passes options to the decoding of a sealed ECDSA key
// in OpenECDSAKey (cggmp.ParseKey): the modulus size the deployment
// demands (paillier.WithModulusBits), so that a key of another size is
// refused. Seal, Open and SealECDSAKey ignore it.
func WithPaillierOptions(opts ...paillier.Option) Option {
	return func(o *options) { o.paillier = append(o.paillier, opts...) }
}
