package backup

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/transport"
)

// Format constants (see the package documentation for the layout).
const (
	// FormatVersion is the version this release writes: version 1's
	// layout with a payload kind byte after the group key. Version 1 (no
	// kind byte, always a key share) is still read.
	FormatVersion = 2
	// MaxScheme is the longest scheme name.
	MaxScheme = 64

	magic       = "MOSAICBK"
	version1    = 1 // before payload kinds
	kdfArgon2id = 1
	saltSize    = 16
	nonceSize   = 24 // chacha20poly1305.NonceSizeX
	checkSize   = 16
	tagSize     = 16 // chacha20poly1305.Overhead
	sumSize     = sha256.Size

	// offsets of the fixed part
	offVersion = len(magic)
	offKDF     = offVersion + 1
	offTime    = offKDF + 1
	offMemory  = offTime + 4
	offThreads = offMemory + 4
	offSalt    = offThreads + 1
	offNonce   = offSalt + saltSize
	offCheck   = offNonce + nonceSize
	offCurve   = offCheck + checkSize
	offParty   = offCurve + 1
	offScheme  = offParty + 4 // the scheme length byte; the name follows

	// maxShareCiphertext bounds the announced ciphertext length of a key
	// share; one of dkg.MaxParties parties is well below it.
	maxShareCiphertext = 1 << 20
	// maxKeyCiphertext bounds that of a cggmp.Key, which adds about 1.6 KB
	// of Paillier and ring-Pedersen moduli per party at 3072 bits: about
	// 6.5 MB for dkg.MaxParties parties.
	maxKeyCiphertext = 8 << 20
)

// Header is the public part of a sealed file, a key share or an ECDSA key:
// readable without the passphrase (Inspect), authenticated only once Open
// or OpenECDSAKey succeeds.
type Header struct {
	// Version is the format version.
	Version int
	// Params are the Argon2id parameters.
	Params Params
	// Curve, Party and GroupKey identify the share (of an ECDSA key: the
	// key's share).
	Curve    curve.Curve
	Party    transport.PartyID
	GroupKey curve.Point
	// Scheme is the name the share was sealed with, e.g. "frost-ed25519".
	Scheme string
	// Kind is what the file holds; KindKeyShare for every version 1 file.
	Kind Kind

	salt  []byte
	nonce []byte
	check []byte
}

// encode writes everything up to and including the ciphertext
// length: the AEAD's associated data.
func (h *Header) encode(ctLen int) []byte {
	out := make([]byte, 0, offScheme+1+len(h.Scheme)+h.Curve.PointSize()+1+4)
	out = append(out, magic...)
	out = append(out, byte(h.Version), kdfArgon2id)
	out = binary.BigEndian.AppendUint32(out, h.Params.Time)
	out = binary.BigEndian.AppendUint32(out, h.Params.MemoryKiB)
	out = append(out, h.Params.Threads)
	out = append(out, h.salt...)
	out = append(out, h.nonce...)
	out = append(out, h.check...)
	out = append(out, byte(h.Curve.ID()))
	out = binary.BigEndian.AppendUint32(out, uint32(h.Party))
	out = append(out, byte(len(h.Scheme)))
	out = append(out, h.Scheme...)
	out = append(out, h.GroupKey.Bytes()...)
	if h.Version != version1 {
		out = append(out, byte(h.Kind))
	}
	return binary.BigEndian.AppendUint32(out, uint32(ctLen))
}

// parsed is a sealed file split into its parts.
type parsed struct {
	header     *Header
	ad         []byte // the header bytes, authenticated
	ciphertext []byte
}

// parse checks the structure of data (magic, version, lengths, checksum,
// then every header field, the key-derivation parameters against the
// policy l included) without any key. Every error is typed.
func parse(data []byte, l Limits) (*parsed, error) {
	if len(data) < len(magic) {
		return nil, formatErr("magic", ErrFormat, "truncated at %d bytes", len(data))
	}
	if !bytes.Equal(data[:len(magic)], []byte(magic)) {
		return nil, formatErr("magic", ErrFormat, "not a mosaic sealed backup")
	}
	if len(data) <= offVersion {
		return nil, formatErr("version", ErrFormat, "truncated at %d bytes", len(data))
	}
	version := data[offVersion]
	if version != version1 && version != FormatVersion {
		return nil, formatErr("version", ErrVersion, "version %d, this release reads %d and %d", version, version1, FormatVersion)
	}
	// The lengths: a truncated or extended file is reported as such before
	// the checksum, which would only say "damaged".
	if len(data) <= offScheme {
		return nil, formatErr("header", ErrFormat, "truncated at %d bytes", len(data))
	}
	c, err := curve.ByID(curve.ID(data[offCurve]))
	if err != nil {
		return nil, formatErr("curve", ErrFormat, "%v", err)
	}
	schemeLen := int(data[offScheme])
	offGroup := offScheme + 1 + schemeLen
	offKind := offGroup + c.PointSize()
	offCtLen := offKind + 1
	if version == version1 {
		offCtLen = offKind // no kind byte
	}
	offCt := offCtLen + 4
	if len(data) < offCt {
		return nil, formatErr("header", ErrFormat, "truncated at %d bytes", len(data))
	}
	kind := KindKeyShare
	if version != version1 {
		// Read before the checksum: it sets the bound on the length.
		if kind = Kind(data[offKind]); !kind.known() {
			return nil, formatErr("kind", ErrFormat, "unknown payload kind %d", data[offKind])
		}
	}
	ctLen := int(binary.BigEndian.Uint32(data[offCtLen:]))
	if ctLen > kind.maxCiphertext() {
		return nil, formatErr("length", ErrFormat, "ciphertext of %d bytes", ctLen)
	}
	switch total := offCt + ctLen + sumSize; {
	case len(data) < total:
		return nil, formatErr("length", ErrFormat, "truncated: %d bytes, want %d", len(data), total)
	case len(data) > total:
		return nil, formatErr("length", ErrFormat, "%d trailing bytes", len(data)-total)
	}
	body := data[:len(data)-sumSize]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[len(body):]) {
		return nil, ErrCorrupted
	}

	// The structure is intact; now the values.
	if data[offKDF] != kdfArgon2id {
		return nil, formatErr("kdf", ErrFormat, "unknown key derivation %d", data[offKDF])
	}
	h := &Header{
		Version: int(version),
		Kind:    kind,
		Params: Params{
			Time:      binary.BigEndian.Uint32(data[offTime:]),
			MemoryKiB: binary.BigEndian.Uint32(data[offMemory:]),
			Threads:   data[offThreads],
		},
		Curve: c,
		Party: transport.PartyID(binary.BigEndian.Uint32(data[offParty:])),
		salt:  bytes.Clone(data[offSalt : offSalt+saltSize]),
		nonce: bytes.Clone(data[offNonce : offNonce+nonceSize]),
		check: bytes.Clone(data[offCheck : offCheck+checkSize]),
	}
	if err := h.Params.Validate(); err != nil {
		return nil, &FormatError{Field: "params", Err: err}
	}
	if err := l.check(h.Params); err != nil {
		return nil, &FormatError{Field: "params", Err: err}
	}
	if h.Party == 0 {
		return nil, formatErr("party", ErrFormat, "party id 0")
	}
	scheme := data[offScheme+1 : offGroup]
	if err := checkScheme(scheme); err != nil {
		return nil, formatErr("scheme", ErrFormat, "%v", err)
	}
	h.Scheme = string(scheme)
	if h.GroupKey, err = c.DecodePoint(data[offGroup:offKind], false); err != nil {
		return nil, formatErr("group key", ErrFormat, "%v", err)
	}
	if ctLen < tagSize {
		return nil, formatErr("length", ErrFormat, "ciphertext of %d bytes", ctLen)
	}
	return &parsed{header: h, ad: data[:offCt], ciphertext: data[offCt:len(body)]}, nil
}

// checkScheme accepts 1..MaxScheme printable ASCII characters without
// spaces; callers wrap its error with their sentinel.
func checkScheme(s []byte) error {
	if len(s) < 1 || len(s) > MaxScheme {
		return fmt.Errorf("scheme name of %d bytes, want 1..%d", len(s), MaxScheme)
	}
	for _, b := range s {
		if b < 0x21 || b > 0x7e {
			return fmt.Errorf("byte 0x%02x in the scheme name", b)
		}
	}
	return nil
}
