package backup

import "fmt"

// Kind says what a sealed file holds. It is in the header (format version
// 2), authenticated with the rest of it, so a file opens only as what it
// was sealed as: Open reads KindKeyShare, OpenECDSAKey KindECDSAKey, and
// each refuses the other kind with a *KindError before any key
// derivation.
type Kind uint8

// The payload kinds. Their values are bytes of the format: never reused.
const (
	// KindKeyShare is a dkg.KeyShare (its MarshalBinary encoding), sealed
	// by Seal. Every version 1 file holds one.
	KindKeyShare Kind = 1
	// KindECDSAKey is a cggmp.Key (its MarshalBinary encoding): the
	// secp256k1 share, this party's Paillier secret key and every party's
	// aux info, sealed by SealECDSAKey.
	KindECDSAKey Kind = 2
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindKeyShare:
		return "a key share"
	case KindECDSAKey:
		return "an ECDSA key"
	}
	return fmt.Sprintf("payload kind %d", uint8(k))
}

// known reports whether this release reads the kind.
func (k Kind) known() bool { return k == KindKeyShare || k == KindECDSAKey }

// maxCiphertext is the longest ciphertext a file of the kind may announce.
func (k Kind) maxCiphertext() int {
	if k == KindECDSAKey {
		return maxKeyCiphertext
	}
	return maxShareCiphertext
}
