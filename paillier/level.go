package paillier

import "fmt"

// SecurityLevel is the computational security, in bits, that a Paillier and
// ring-Pedersen modulus size gives against factoring, the best known attack
// on both. The two levels and their sizes are those of NIST SP 800-57 Part
// 1 Rev. 5, Table 2 (docs/references.md): a 2048-bit modulus gives about
// 112 bits, a 3072-bit modulus about 128 bits.
//
// The level is chosen once, when a key's Paillier keys are made
// (GenerateKey, cggmp.GenerateAuxSecret); every later run reads it from the
// keys. All parties of one key must use the same level.
type SecurityLevel int

const (
	// Level112 uses 2048-bit moduli: about 112-bit security, below that
	// of the curves (secp256k1 and Ed25519 give about 128). It is the
	// level of mosaic's keys made before 2026-12-07 and of the CGGMP21
	// paper's parameters, and about 3.5 times faster to presign with.
	Level112 SecurityLevel = 112
	// Level128 uses 3072-bit moduli: about 128-bit security, matching
	// the curves, so the Paillier layer is no longer the weakest link.
	Level128 SecurityLevel = 128
)

// DefaultLevel is the level of new keys unless an option asks otherwise.
const DefaultLevel = Level128

// ModulusBits returns the exact modulus size of the level, or 0 for a
// value that is not a level.
func (l SecurityLevel) ModulusBits() int {
	switch l {
	case Level112:
		return ModulusBits2048
	case Level128:
		return ModulusBits3072
	}
	return 0
}

// Valid reports whether l is one of the defined levels.
func (l SecurityLevel) Valid() bool { return l.ModulusBits() != 0 }

// String names the level with its modulus size, for logs and the tour.
func (l SecurityLevel) String() string {
	if !l.Valid() {
		return fmt.Sprintf("SecurityLevel(%d)", int(l))
	}
	return fmt.Sprintf("%d-bit (%d-bit moduli)", int(l), l.ModulusBits())
}

// LevelOf returns the level of a modulus size; any size but 2048 and 3072
// bits is an error wrapping ErrModulusSize.
func LevelOf(modulusBits int) (SecurityLevel, error) {
	switch modulusBits {
	case ModulusBits2048:
		return Level112, nil
	case ModulusBits3072:
		return Level128, nil
	}
	return 0, fmt.Errorf("%w: unsupported size %d", ErrModulusSize, modulusBits)
}

// WithLevel sets the modulus size to the level's (Level112: 2048 bits,
// Level128: 3072 bits); a value that is not a level makes the call fail
// with ErrModulusSize. It is WithModulusBits by another name.
func WithLevel(l SecurityLevel) Option {
	return func(c *config) { c.bits = l.ModulusBits() }
}
