package backup

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/refresh/dealer"
	"github.com/mosaic-mpc/mosaic/transport"
)

// fast are Argon2id parameters for tests only.
var fast = WithParams(Params{Time: 1, MemoryKiB: 8, Threads: 1})

var pass = []byte("correct horse battery staple")

func testShare(t testing.TB, c curve.Curve, chainCode bool) *dkg.KeyShare {
	t.Helper()
	sk, err := c.RandomScalar(rand.Reader)
	require.NoError(t, err)
	var opts []dealer.Option
	if chainCode {
		cc := make([]byte, dkg.ChainCodeSize)
		_, err := rand.Read(cc)
		require.NoError(t, err)
		opts = append(opts, dealer.WithChainCode(cc))
	}
	shares, err := dealer.Import(c, sk, 2, []transport.PartyID{1, 2, 3}, nil, opts...)
	require.NoError(t, err)
	return shares[1]
}

func sealed(t testing.TB, ks *dkg.KeyShare, scheme string) []byte {
	t.Helper()
	data, err := Seal(ks, scheme, pass, nil, fast)
	require.NoError(t, err)
	return data
}

func requireSameShare(t testing.TB, want, got *dkg.KeyShare) {
	t.Helper()
	a, err := want.MarshalBinary()
	require.NoError(t, err)
	b, err := got.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, a, b)
}

func TestSealOpen(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		for _, cc := range []bool{false, true} {
			for _, scheme := range []string{"frost-ed25519", "cggmp-secp256k1", "x", string(bytes.Repeat([]byte{'~'}, MaxScheme))} {
				t.Run(fmt.Sprintf("%s/chaincode=%v/%s", c.Name(), cc, scheme[:1]), func(t *testing.T) {
					ks := testShare(t, c, cc)
					data := sealed(t, ks, scheme)
					got, gotScheme, err := Open(data, pass)
					require.NoError(t, err)
					require.Equal(t, scheme, gotScheme)
					requireSameShare(t, ks, got)

					h, err := Inspect(data)
					require.NoError(t, err)
					require.Equal(t, FormatVersion, h.Version)
					require.Equal(t, c.ID(), h.Curve.ID())
					require.Equal(t, ks.Self, h.Party)
					require.True(t, h.GroupKey.Equal(ks.GroupKey))
					require.Equal(t, scheme, h.Scheme)
					require.Equal(t, Params{Time: 1, MemoryKiB: 8, Threads: 1}, h.Params)
				})
			}
		}
	}
}

func TestSealIsRandomized(t *testing.T) {
	ks := testShare(t, curve.Secp256k1(), false)
	require.NotEqual(t, sealed(t, ks, "s"), sealed(t, ks, "s"))
}

func TestDefaultParams(t *testing.T) {
	if testing.Short() {
		t.Skip("64 MiB Argon2id")
	}
	ks := testShare(t, curve.Edwards25519(), false)
	data, err := Seal(ks, "frost-ed25519", pass, nil)
	require.NoError(t, err)
	h, err := Inspect(data)
	require.NoError(t, err)
	require.Equal(t, Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}, h.Params)
	got, _, err := Open(data, pass)
	require.NoError(t, err)
	requireSameShare(t, ks, got)
}

func TestOpenWrongPassphrase(t *testing.T) {
	data := sealed(t, testShare(t, curve.Secp256k1(), false), "s")
	for _, p := range [][]byte{[]byte("Correct horse battery staple"), pass[:len(pass)-1], append(bytes.Clone(pass), 0)} {
		_, _, err := Open(data, p)
		require.ErrorIs(t, err, ErrWrongPassphrase)
	}
	_, _, err := Open(data, nil)
	require.ErrorIs(t, err, ErrInput)
}

func TestOpenTruncated(t *testing.T) {
	data := sealed(t, testShare(t, curve.Edwards25519(), true), "frost-ed25519")
	for i := range data {
		_, _, err := Open(data[:i], pass)
		var fe *FormatError
		require.ErrorAs(t, err, &fe, "truncated to %d bytes", i)
		require.ErrorIs(t, err, ErrFormat, "truncated to %d bytes", i)
	}
	_, _, err := Open(append(bytes.Clone(data), 0), pass)
	require.ErrorIs(t, err, ErrFormat, "a trailing byte")
}

// region names the field a byte offset belongs to.
func region(data []byte, i int) string {
	schemeLen := int(data[offScheme])
	offGroup := offScheme + 1 + schemeLen
	offKind := offGroup + curveOf(data).PointSize()
	offCtLen := offKind + 1
	if data[offVersion] == version1 {
		offCtLen = offKind
	}
	switch {
	case i < offVersion:
		return "magic"
	case i == offVersion:
		return "version"
	case i == offKDF:
		return "kdf"
	case i < offSalt:
		return "params"
	case i < offNonce:
		return "salt"
	case i < offCheck:
		return "nonce"
	case i < offCurve:
		return "check"
	case i == offCurve:
		return "curve"
	case i < offScheme:
		return "party"
	case i == offScheme:
		return "scheme length"
	case i < offGroup:
		return "scheme"
	case i < offKind:
		return "group key"
	case i < offCtLen:
		return "kind"
	case i < offCtLen+4:
		return "ciphertext length"
	case i < len(data)-sumSize:
		return "ciphertext"
	}
	return "checksum"
}

func curveOf(data []byte) curve.Curve {
	c, err := curve.ByID(curve.ID(data[offCurve]))
	if err != nil {
		panic(err)
	}
	return c
}

// Every single flipped bit is caught before any key derivation: by the
// magic, the version, the structure, or the checksum.
func TestOpenEveryFlippedByte(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		data := sealed(t, testShare(t, c, false), "cggmp-secp256k1")
		for i := range data {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				mod := bytes.Clone(data)
				mod[i] ^= mask
				_, _, err := Open(mod, pass)
				where := fmt.Sprintf("%s: byte %d (%s) ^ %#x", c.Name(), i, region(data, i), mask)
				switch region(data, i) {
				case "magic", "curve", "scheme length", "kind", "ciphertext length":
					require.ErrorIs(t, err, ErrFormat, where)
				case "version":
					require.ErrorIs(t, err, ErrVersion, where)
				default:
					require.ErrorIs(t, err, ErrCorrupted, where)
				}
			}
		}
	}
}

// recomputeSum plays an attacker who alters a file and fixes its checksum.
func recomputeSum(data []byte) []byte {
	body := data[:len(data)-sumSize]
	sum := sha256.Sum256(body)
	return append(bytes.Clone(body), sum[:]...)
}

// Deliberate tampering (checksum recomputed) of any byte is refused too:
// the authenticated header and the AEAD catch it, with an error that says
// which kind of field changed.
func TestOpenEveryTamperedByte(t *testing.T) {
	for _, c := range []curve.Curve{curve.Secp256k1(), curve.Edwards25519()} {
		data := sealed(t, testShare(t, c, false), "frost-ed25519")
		for i := range len(data) - sumSize {
			mod := bytes.Clone(data)
			mod[i] ^= 0x01
			_, _, err := Open(recomputeSum(mod), pass)
			where := fmt.Sprintf("%s: byte %d (%s)", c.Name(), i, region(data, i))
			require.Error(t, err, where)
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
				want = []error{ErrTampered, ErrFormat} // ErrFormat: party 0, a space, an off-curve point
			case "nonce", "ciphertext":
				want = []error{ErrTampered}
			}
			ok := false
			for _, w := range want {
				ok = ok || errors.Is(err, w)
			}
			require.True(t, ok, "%s: %v", where, err)
		}
	}
}

func TestOpenRefusesCostlyParams(t *testing.T) {
	data := sealed(t, testShare(t, curve.Secp256k1(), false), "s")
	for _, p := range []Params{
		{Time: MaxTime + 1, MemoryKiB: 8, Threads: 1},
		{Time: 1, MemoryKiB: MaxMemoryKiB + 1, Threads: 1},
		{Time: 1, MemoryKiB: 1024, Threads: MaxThreads + 1},
		{Time: 0, MemoryKiB: 8, Threads: 1},
		{Time: 1, MemoryKiB: 8, Threads: 0},
		{Time: 1, MemoryKiB: 15, Threads: 2},
	} {
		mod := bytes.Clone(data)
		putParams(mod, p)
		_, _, err := Open(recomputeSum(mod), pass)
		var fe *FormatError
		require.ErrorAs(t, err, &fe, "%+v", p)
		require.ErrorIs(t, err, ErrParams, "%+v", p)
		require.Equal(t, "params", fe.Field)
	}
}

func putParams(data []byte, p Params) {
	data[offTime], data[offTime+1], data[offTime+2], data[offTime+3] = byte(p.Time>>24), byte(p.Time>>16), byte(p.Time>>8), byte(p.Time)
	m := p.MemoryKiB
	data[offMemory], data[offMemory+1], data[offMemory+2], data[offMemory+3] = byte(m>>24), byte(m>>16), byte(m>>8), byte(m)
	data[offThreads] = p.Threads
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":           nil,
		"other magic":     []byte("MOSAICXX\x01 and then some more bytes to pass the minimum"),
		"a key share":     func() []byte { b, _ := testShare(t, curve.Secp256k1(), false).MarshalBinary(); return b }(),
		"future version":  append([]byte(magic), FormatVersion+1, 0, 0),
		"version 1 only":  append([]byte(magic), version1),
		"version 0":       append([]byte(magic), 0),
		"header only":     append([]byte(magic), FormatVersion),
		"random 500 byte": func() []byte { b := make([]byte, 500); _, _ = rand.Read(b); return b }(),
	} {
		_, _, err := Open(data, pass)
		require.Error(t, err, name)
		require.True(t, errors.Is(err, ErrFormat) || errors.Is(err, ErrVersion), "%s: %v", name, err)
		_, err = Inspect(data)
		require.Error(t, err, name)
	}
}

func TestSealRejects(t *testing.T) {
	ks := testShare(t, curve.Secp256k1(), false)
	broken := ks.Clone()
	broken.Threshold = 9
	for name, tc := range map[string]struct {
		share  *dkg.KeyShare
		scheme string
		pass   []byte
		opts   []Option
		want   error
	}{
		"no share":          {nil, "s", pass, nil, ErrInput},
		"invalid share":     {broken, "s", pass, nil, ErrInput},
		"empty passphrase":  {ks, "s", nil, nil, ErrInput},
		"empty scheme":      {ks, "", pass, nil, ErrInput},
		"long scheme":       {ks, string(bytes.Repeat([]byte{'a'}, MaxScheme+1)), pass, nil, ErrInput},
		"space in scheme":   {ks, "frost ed25519", pass, nil, ErrInput},
		"non-ASCII scheme":  {ks, "frøst", pass, nil, ErrInput},
		"zero time":         {ks, "s", pass, []Option{WithParams(Params{Time: 0, MemoryKiB: 8, Threads: 1})}, ErrParams},
		"too little memory": {ks, "s", pass, []Option{WithParams(Params{Time: 1, MemoryKiB: 31, Threads: 4})}, ErrParams},
		"too much memory":   {ks, "s", pass, []Option{WithParams(Params{Time: 1, MemoryKiB: MaxMemoryKiB + 1, Threads: 4})}, ErrParams},
		"zero threads":      {ks, "s", pass, []Option{WithParams(Params{Time: 1, MemoryKiB: 8, Threads: 0})}, ErrParams},
	} {
		_, err := Seal(tc.share, tc.scheme, tc.pass, nil, tc.opts...)
		require.ErrorIs(t, err, tc.want, name)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestSealRandomnessFailure(t *testing.T) {
	_, err := Seal(testShare(t, curve.Secp256k1(), false), "s", pass, failingReader{}, fast)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func FuzzOpen(f *testing.F) {
	ks := testShare(f, curve.Edwards25519(), true)
	data := sealed(f, ks, "frost-ed25519")
	f.Add(data)
	f.Add(data[:offScheme+3])
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
		got, scheme, err := Open(data, pass)
		if err == nil {
			require.NoError(t, got.Validate())
			require.Equal(t, h.Scheme, scheme)
		}
	})
}

func BenchmarkSeal(b *testing.B) {
	ks := testShare(b, curve.Secp256k1(), false)
	for name, opts := range map[string][]Option{"default": nil, "test params": {fast}} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, err := Seal(ks, "cggmp-secp256k1", pass, nil, opts...)
				require.NoError(b, err)
			}
		})
	}
}

func BenchmarkOpen(b *testing.B) {
	ks := testShare(b, curve.Secp256k1(), false)
	for name, opts := range map[string][]Option{"default": nil, "test params": {fast}} {
		data, err := Seal(ks, "cggmp-secp256k1", pass, nil, opts...)
		require.NoError(b, err)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _, err := Open(data, pass)
				require.NoError(b, err)
			}
		})
	}
}
