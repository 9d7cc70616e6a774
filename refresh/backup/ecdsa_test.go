package backup

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/paillier"
)

// goldenKeyPath is cggmp's golden key: a 2-of-3 key of party 2 with
// 2048-bit moduli, which costs nothing to make.
var goldenKeyPath = filepath.Join("..", "..", "testdata", "cggmp", "key-v1-2of3-party2.bin")

// bits2048 opens the golden key, whose moduli are 2048 bits.
var bits2048 = WithPaillierOptions(paillier.WithModulusBits(2048))

func testKey(t testing.TB) *cggmp.Key {
	t.Helper()
	b, err := os.ReadFile(goldenKeyPath)
	require.NoError(t, err)
	k, err := cggmp.ParseKey(b, paillier.WithModulusBits(2048))
	require.NoError(t, err)
	return k
}

func sealedKey(t testing.TB, k *cggmp.Key) []byte {
	t.Helper()
	data, err := SealECDSAKey(k, pass, nil, fast)
	require.NoError(t, err)
	return data
}

func requireSameKey(t testing.TB, want, got *cggmp.Key) {
	t.Helper()
	a, err := want.MarshalBinary()
	require.NoError(t, err)
	b, err := got.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, a, b)
}

func TestSealOpenECDSAKey(t *testing.T) {
	k := testKey(t)
	data := sealedKey(t, k)

	h, err := Inspect(data)
	require.NoError(t, err)
	require.Equal(t, FormatVersion, h.Version)
	require.Equal(t, KindECDSAKey, h.Kind)
	require.Equal(t, ECDSAKeyScheme, h.Scheme)
	require.Equal(t, curve.IDSecp256k1, h.Curve.ID())
	require.Equal(t, k.Self(), h.Party)
	require.True(t, h.GroupKey.Equal(k.PublicKey()))
	require.Equal(t, Params{Time: 1, MemoryKiB: 8, Threads: 1}, h.Params)

	got, err := OpenECDSAKey(data, pass, bits2048)
	require.NoError(t, err)
	require.NoError(t, got.Validate())
	requireSameKey(t, k, got)
	require.True(t, got.Aux.Secret.PublicKey().Equal(k.Aux.Paillier[k.Self()]), "the Paillier secret key survives")

	require.NotEqual(t, data, sealedKey(t, k), "sealing is randomized")
}

func TestOpenECDSAKeyWrongPassphrase(t *testing.T) {
	data := sealedKey(t, testKey(t))
	for _, p := range [][]byte{[]byte("Correct horse battery staple"), pass[:len(pass)-1], append(bytes.Clone(pass), 0)} {
		_, err := OpenECDSAKey(data, p, bits2048)
		require.ErrorIs(t, err, ErrWrongPassphrase)
	}
	_, err := OpenECDSAKey(data, nil, bits2048)
	require.ErrorIs(t, err, ErrInput)
}

// A key of another modulus size than configured is authentic but not
// this deployment's: ErrInput, with paillier's reason, not ErrTampered.
func TestOpenECDSAKeyModulusSize(t *testing.T) {
	data := sealedKey(t, testKey(t))
	_, err := OpenECDSAKey(data, pass, WithPaillierOptions(paillier.WithModulusBits(3072)))
	require.ErrorIs(t, err, ErrInput)
	require.ErrorIs(t, err, paillier.ErrModulusSize)
	require.NotErrorIs(t, err, ErrTampered)
}

// Every prefix of a sealed key, and the key with a byte more, is refused
// as malformed, before any key derivation.
func TestOpenECDSAKeyTruncated(t *testing.T) {
	data := sealedKey(t, testKey(t))
	for i := range data {
		_, err := OpenECDSAKey(data[:i], pass, bits2048)
		var fe *FormatError
		require.ErrorAs(t, err, &fe, "truncated to %d bytes", i)
		require.ErrorIs(t, err, ErrFormat, "truncated to %d bytes", i)
	}
	_, err := OpenECDSAKey(append(bytes.Clone(data), 0), pass, bits2048)
	require.ErrorIs(t, err, ErrFormat, "a trailing byte")
}

// Every flipped bit of a sealed key is caught before any key derivation,
// as for a share; with the checksum recomputed (deliberate tampering) the
// header checks, the passphrase check or the AEAD catch it.
func TestOpenECDSAKeyFlippedAndTamperedBytes(t *testing.T) {
	data := sealedKey(t, testKey(t))
	for i := range data {
		mod := bytes.Clone(data)
		mod[i] ^= 0x01
		where := fmt.Sprintf("byte %d (%s)", i, region(data, i))
		_, err := OpenECDSAKey(mod, pass, bits2048)
		switch region(data, i) {
		case "magic", "curve", "scheme length", "kind", "ciphertext length":
			require.ErrorIs(t, err, ErrFormat, where)
		case "version":
			require.ErrorIs(t, err, ErrVersion, where)
		default:
			require.ErrorIs(t, err, ErrCorrupted, where)
		}
		if i >= len(data)-sumSize {
			continue
		}
		_, err = OpenECDSAKey(recomputeSum(mod), pass, bits2048)
		var want []error
		switch region(data, i) {
		case "magic", "kdf", "curve", "scheme length", "kind", "ciphertext length":
			want = []error{ErrFormat}
		case "version":
			want = []error{ErrVersion}
		case "params":
			want = []error{ErrWrongPassphrase, ErrParams}
		case "salt", "check":
			want = []error{ErrWrongPassphrase}
		case "party", "scheme", "group key":
			want = []error{ErrTampered, ErrFormat}
		case "nonce", "ciphertext":
			want = []error{ErrTampered}
		}
		ok := false
		for _, w := range want {
			ok = ok || errors.Is(err, w)
		}
		require.True(t, ok, "tampered %s: %v", where, err)
	}
}

// A sealed share given to OpenECDSAKey, and a sealed key given to Open, are
// refused with a *KindError before any key derivation: even with a wrong
// passphrase the answer is ErrKind, not ErrWrongPassphrase.
func TestOpenWrongKind(t *testing.T) {
	keyFile := sealedKey(t, testKey(t))
	shareFile := sealed(t, testShare(t, curve.Secp256k1(), false), "cggmp-secp256k1")
	v1, err := os.ReadFile(goldenShareV1Path)
	require.NoError(t, err)
	for _, p := range [][]byte{pass, []byte("a wrong passphrase")} {
		_, _, err := Open(keyFile, p)
		var ke *KindError
		require.ErrorAs(t, err, &ke)
		require.Equal(t, KindError{Want: KindKeyShare, Got: KindECDSAKey}, *ke)
		require.ErrorIs(t, err, ErrKind)
		require.Contains(t, err.Error(), "open it with OpenECDSAKey")

		for name, data := range map[string][]byte{"version 2": shareFile, "version 1": v1} {
			_, err = OpenECDSAKey(data, p, bits2048)
			require.ErrorAs(t, err, &ke, name)
			require.Equal(t, KindError{Want: KindECDSAKey, Got: KindKeyShare}, *ke, name)
			require.ErrorIs(t, err, ErrKind, name)
			require.Contains(t, err.Error(), "open it with Open", name)
		}
	}
}

// setKind relabels a version 2 file's payload kind, as an attacker who
// also recomputes the checksum.
func setKind(data []byte, k Kind) []byte {
	mod := bytes.Clone(data)
	offKind := offScheme + 1 + int(data[offScheme]) + curveOf(data).PointSize()
	mod[offKind] = byte(k)
	return recomputeSum(mod)
}

// Relabelling the kind gets a file past the kind check, but the kind is
// authenticated: the AEAD refuses it, and nothing is decoded as the other
// type.
func TestRelabelledKindIsTampered(t *testing.T) {
	keyFile := sealedKey(t, testKey(t))
	_, _, err := Open(setKind(keyFile, KindKeyShare), pass)
	require.ErrorIs(t, err, ErrTampered)
	shareFile := sealed(t, testShare(t, curve.Secp256k1(), false), "cggmp-secp256k1")
	_, err = OpenECDSAKey(setKind(shareFile, KindECDSAKey), pass, bits2048)
	require.ErrorIs(t, err, ErrTampered)
	for _, k := range []Kind{0, 3, 0xff} {
		_, err = Inspect(setKind(keyFile, k))
		var fe *FormatError
		require.ErrorAs(t, err, &fe)
		require.Equal(t, "kind", fe.Field)
		require.ErrorIs(t, err, ErrFormat)
	}
}

// An authentic file whose payload is not a valid key, or a key that does
// not match the header, is refused (what only another writer than
// SealECDSAKey could produce), and the decoded key is not returned.
func TestOpenECDSAKeyValidatesPayload(t *testing.T) {
	k := testKey(t)
	enc, err := k.MarshalBinary()
	require.NoError(t, err)
	share, err := k.Share.MarshalBinary()
	require.NoError(t, err)
	header := func() *Header {
		return &Header{Kind: KindECDSAKey, Curve: curve.Secp256k1(), Party: k.Self(), GroupKey: k.PublicKey(), Scheme: ECDSAKeyScheme}
	}
	otherParty := header()
	otherParty.Party = 3
	otherKey := header()
	otherKey.GroupKey = curve.Secp256k1().Generator()
	broken := bytes.Clone(enc)
	clear(broken[len(broken)-256:]) // the last party's t = 0: not in Z*_N
	for name, tc := range map[string]struct {
		h       *Header
		payload []byte
	}{
		"a key share":         {header(), share},
		"a truncated key":     {header(), enc[:len(enc)-1]},
		"a broken parameter":  {header(), broken},
		"another party's id":  {otherParty, enc},
		"another group key":   {otherKey, enc},
		"an empty plaintext":  {header(), nil},
		"another key version": {header(), append([]byte{2}, enc[1:]...)},
	} {
		t.Run(name, func(t *testing.T) {
			data, err := seal(tc.h, tc.payload, pass, nil, newOptions([]Option{fast}))
			require.NoError(t, err)
			got, err := OpenECDSAKey(data, pass, bits2048)
			require.ErrorIs(t, err, ErrTampered)
			require.Nil(t, got)
		})
	}
}

// A hostile header asking for more Argon2id work or memory than the
// policy allows is refused by OpenECDSAKey as by Open: at once, and
// without the derivation's memory.
func TestOpenECDSAKeyRefusesParamsBeyondPolicyFast(t *testing.T) {
	data := sealedKey(t, testKey(t))
	perKiBPass := kibPassTime(t)
	for _, p := range []Params{
		{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: MaxThreads},
		{Time: 1, MemoryKiB: MaxMemoryKiB, Threads: 4},
		{Time: 13, MemoryKiB: DefaultMemoryKiB, Threads: 4},
	} {
		t.Run(fmt.Sprintf("%+v", p), func(t *testing.T) {
			hostile := bytes.Clone(data)
			putParams(hostile, p)
			hostile = recomputeSum(hostile)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := OpenECDSAKey(hostile, pass, bits2048)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "params", fe.Field)
			require.ErrorIs(t, err, ErrParams)
			derivation := perKiBPass * time.Duration(uint64(p.Time)*uint64(p.MemoryKiB))
			require.Less(t, took, derivation/20, "refused in well under the derivation's time")
			require.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(1<<20), "refused without the derivation's memory")
		})
	}
}

func TestSealECDSAKeyRejects(t *testing.T) {
	k := testKey(t)
	noAux := &cggmp.Key{Share: k.Share}
	for name, tc := range map[string]struct {
		key  *cggmp.Key
		pass []byte
		opts []Option
		want error
	}{
		"no key":            {nil, pass, nil, ErrInput},
		"zero key":          {&cggmp.Key{}, pass, nil, ErrInput},
		"key without aux":   {noAux, pass, nil, ErrInput},
		"empty passphrase":  {k, nil, nil, ErrInput},
		"zero time":         {k, pass, []Option{WithParams(Params{Time: 0, MemoryKiB: 8, Threads: 1})}, ErrParams},
		"beyond the policy": {k, pass, []Option{WithParams(Params{Time: MaxTime, MemoryKiB: MaxMemoryKiB, Threads: 4})}, ErrParams},
		"tight policy":      {k, pass, []Option{fast, WithLimits(Limits{MemoryKiB: 4, Work: 4, Threads: 1})}, ErrParams},
	} {
		start := time.Now()
		_, err := SealECDSAKey(tc.key, tc.pass, nil, tc.opts...)
		require.ErrorIs(t, err, tc.want, name)
		require.Less(t, time.Since(start), time.Second, name)
	}
	_, err := SealECDSAKey(k, pass, failingReader{}, fast)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "a failing reader")
}

func FuzzOpenECDSAKey(f *testing.F) {
	data := sealedKey(f, testKey(f))
	f.Add(data)
	f.Add(data[:offScheme+3])
	f.Add(setKind(data, KindKeyShare))
	f.Add(recomputeSum(append(bytes.Clone(data[:len(data)-sumSize-1]), 0)))
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := Inspect(data)
		if err != nil {
			var fe *FormatError
			require.True(t, errors.As(err, &fe) || errors.Is(err, ErrCorrupted), "%v", err)
			return
		}
		if h.Params.MemoryKiB > 1024 || h.Params.Time > 2 {
			return // keep the fuzzer fast; the limits are tested above
		}
		got, err := OpenECDSAKey(data, pass, bits2048)
		if err == nil {
			require.Equal(t, KindECDSAKey, h.Kind)
			require.NoError(t, got.Validate())
			require.Equal(t, h.Party, got.Self())
		} else if h.Kind != KindECDSAKey {
			require.ErrorIs(t, err, ErrKind)
		}
	})
}
