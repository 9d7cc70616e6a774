package hd

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// Malformed serializations in the spirit of BIP-32's invalid-key vectors
// ("Test vector 5" in later revisions of bip-0032.mediawiki), built here
// from the fields so that each has a valid checksum and exactly one fault.
func TestParseExtendedKeyRejects(t *testing.T) {
	k := testXpub(t)
	priv := testXprv(t)
	pubData := k.Key.Bytes()
	privData := append([]byte{0}, priv.Secret.Bytes()...)
	cc := k.ChainCode
	n := secp.Order().Bytes() // public constant
	notOnCurve := append([]byte{2}, bytes.Repeat([]byte{0}, 31)...)
	notOnCurve = append(notOnCurve, 5) // x = 5: x^3 + 7 = 132 is not a square mod p
	fp := [4]byte{1, 2, 3, 4}

	type tc struct {
		s         string
		pubErr    error
		privErr   error
		pubOK     bool
		privateOK bool
	}
	cases := map[string]tc{
		"valid xpub":                    {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, pubData), pubOK: true, privErr: ErrExtendedKey},
		"valid tpub":                    {s: encodeRaw(versionTestnetPublic, 1, fp, 7, cc, pubData), pubOK: true, privErr: ErrExtendedKey},
		"valid xprv":                    {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, privData), pubErr: ErrExtendedKey, privateOK: true},
		"valid tprv":                    {s: encodeRaw(versionTestnetPrivate, 3, fp, 1<<31, cc, privData), pubErr: ErrExtendedKey, privateOK: true},
		"unknown version":               {s: encodeRaw(0x0488B21F, 0, [4]byte{}, 0, cc, pubData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"xpub version, private data":    {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, privData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"xprv version, public data":     {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, pubData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"pubkey prefix 04":              {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, append([]byte{4}, pubData[1:]...)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"pubkey prefix 01":              {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, append([]byte{1}, pubData[1:]...)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"pubkey x not on curve":         {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, notOnCurve), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"pubkey all zero":               {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 0, cc, make([]byte, 33)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"private key zero":              {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, make([]byte, 33)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"private key n":                 {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, append([]byte{0}, n...)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"private key all ff":            {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, append([]byte{0}, bytes.Repeat([]byte{0xff}, 32)...)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"private prefix 01":             {s: encodeRaw(versionMainnetPrivate, 0, [4]byte{}, 0, cc, append([]byte{1}, privData[1:]...)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"depth 0, parent fingerprint":   {s: encodeRaw(versionMainnetPublic, 0, fp, 0, cc, pubData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"depth 0, child number":         {s: encodeRaw(versionMainnetPublic, 0, [4]byte{}, 1, cc, pubData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"depth 0, parent fp (private)":  {s: encodeRaw(versionMainnetPrivate, 0, fp, 0, cc, privData), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"77 bytes":                      {s: base58CheckEncode(serialize(MainnetPublic(), 0, [4]byte{}, 0, cc, pubData)[:77]), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"79 bytes":                      {s: base58CheckEncode(append(serialize(MainnetPublic(), 0, [4]byte{}, 0, cc, pubData), 0)), pubErr: ErrExtendedKey, privErr: ErrExtendedKey},
		"bad checksum":                  {s: flipLast(k.String()), pubErr: ErrChecksum, privErr: ErrChecksum},
		"not base58":                    {s: "xpub0" + k.String()[5:], pubErr: ErrEncoding, privErr: ErrEncoding},
		"empty":                         {s: "", pubErr: ErrEncoding, privErr: ErrEncoding},
		"whitespace around a valid key": {s: " " + k.String(), pubErr: ErrEncoding, privErr: ErrEncoding},
	}
	for name, c := range cases {
		pub, err := ParseExtendedKey(c.s)
		if c.pubOK {
			require.NoError(t, err, name)
			require.Equal(t, c.s, pub.String(), name)
		} else {
			require.ErrorIs(t, err, c.pubErr, "%s: %v", name, err)
		}
		_, err = ParseExtendedPrivateKey(c.s)
		if c.privateOK {
			require.NoError(t, err, name)
		} else {
			require.ErrorIs(t, err, c.privErr, "%s: %v", name, err)
		}
	}
}

func flipLast(s string) string {
	last := s[len(s)-1]
	r := byte('2')
	if last == '2' {
		r = '3'
	}
	return s[:len(s)-1] + string(r)
}

func TestExtendedKeyEncodeRejects(t *testing.T) {
	good := testXpub(t)
	mutate := map[string]func(k *ExtendedKey){
		"private version": func(k *ExtendedKey) { k.Version = versionBytes(versionMainnetPrivate) },
		"zero version":    func(k *ExtendedKey) { k.Version = [4]byte{} },
		"short chain":     func(k *ExtendedKey) { k.ChainCode = k.ChainCode[:31] },
		"nil chain":       func(k *ExtendedKey) { k.ChainCode = nil },
		"nil key":         func(k *ExtendedKey) { k.Key = nil },
		"identity key":    func(k *ExtendedKey) { k.Key = secp.Identity() },
		"ed25519 key":     func(k *ExtendedKey) { k.Key = edPoint(t) },
		"master with fp":  func(k *ExtendedKey) { k.ParentFingerprint = [4]byte{9} },
	}
	for name, f := range mutate {
		k := good.clone()
		f(k)
		_, err := k.Encode()
		require.Error(t, err, name)
		require.Contains(t, k.String(), "invalid extended key", name)
		_, err = k.Derive(Path{1})
		require.Error(t, err, name)
	}
}

func TestFingerprintAndPublic(t *testing.T) {
	// vector 1: the fingerprint of m is the parent fingerprint of m/0H
	chain := bip32Vectors["vector 1"]
	m, err := ParseExtendedKey(chain[0].xpub)
	require.NoError(t, err)
	child, err := ParseExtendedKey(chain[1].xpub)
	require.NoError(t, err)
	fp, err := Fingerprint(m.Key)
	require.NoError(t, err)
	require.Equal(t, child.ParentFingerprint, fp)
	require.Equal(t, [4]byte{0x34, 0x42, 0x19, 0x3e}, fp) // 3442193e, BIP-32 vector 1 m's identifier prefix
	_, err = Fingerprint(secp.Identity())
	require.ErrorIs(t, err, ErrKey)

	require.True(t, m.Equal(m.clone()))
	require.False(t, m.Equal(child))
	require.False(t, m.Equal(&ExtendedKey{}))

	xprv := testXprv(t)
	xprv.Version = [4]byte{1, 2, 3, 4}
	_, err = xprv.Public()
	require.ErrorIs(t, err, ErrExtendedKey)
	_, err = xprv.Derive(Path{1})
	require.ErrorIs(t, err, ErrExtendedKey)

	z := testXprv(t)
	z.Zeroize()
	require.True(t, z.Secret.IsZero())
	require.Equal(t, make([]byte, 32), z.ChainCode)
}
