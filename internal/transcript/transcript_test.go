package transcript

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/cronokirby/saferith"
	"github.com/stretchr/testify/require"
)

type enc []byte

func (e enc) Bytes() []byte { return e }

func TestDeterministicAndDomainSeparated(t *testing.T) {
	mk := func(domain, label string, v uint64) []byte {
		tr := New(domain)
		tr.AppendUint64(label, v)
		return tr.ChallengeBytes("c", 32)
	}
	require.Equal(t, mk("d", "x", 1), mk("d", "x", 1))
	require.NotEqual(t, mk("d", "x", 1), mk("e", "x", 1))
	require.NotEqual(t, mk("d", "x", 1), mk("d", "y", 1))
	require.NotEqual(t, mk("d", "x", 1), mk("d", "x", 2))
}

func TestFieldBoundariesMatter(t *testing.T) {
	// Moving a byte between adjacent fields changes the challenge
	// (SECURITY.md case 13).
	a := New("d")
	a.AppendBytes("x", []byte{1, 2})
	a.AppendBytes("y", []byte{3})
	b := New("d")
	b.AppendBytes("x", []byte{1})
	b.AppendBytes("y", []byte{2, 3})
	require.NotEqual(t, a.ChallengeBytes("c", 32), b.ChallengeBytes("c", 32))

	// The same bytes under a different kind differ too.
	c := New("d")
	c.AppendPoint("x", enc{1, 2})
	d := New("d")
	d.AppendScalar("x", enc{1, 2})
	require.NotEqual(t, c.ChallengeBytes("c", 32), d.ChallengeBytes("c", 32))
}

func TestRepeatedChallengesDiffer(t *testing.T) {
	tr := New("d")
	seen := map[string]bool{}
	for i := 0; i < 128; i++ {
		c := tr.ChallengeBytes("same label", 16)
		require.False(t, seen[string(c)], "repetition %d repeats a challenge", i)
		seen[string(c)] = true
	}
}

func TestCloneIsIndependent(t *testing.T) {
	a := New("d")
	a.AppendUint64("x", 1)
	b := a.Clone()
	require.Equal(t, a.Clone().ChallengeBytes("c", 32), b.Clone().ChallengeBytes("c", 32))
	b.AppendUint64("y", 2)
	require.NotEqual(t, a.ChallengeBytes("c", 32), b.ChallengeBytes("c", 32))
}

func TestNatEncodingIgnoresAnnouncedSize(t *testing.T) {
	a := New("d")
	a.AppendNat("n", new(saferith.Nat).SetUint64(5).Resize(2048))
	b := New("d")
	b.AppendNat("n", new(saferith.Nat).SetUint64(5))
	require.Equal(t, a.ChallengeBytes("c", 32), b.ChallengeBytes("c", 32))
}

func TestChallengeNatRange(t *testing.T) {
	bound := saferith.ModulusFromUint64(3)
	tr := New("d")
	counts := map[uint64]int{}
	for i := 0; i < 600; i++ {
		n := tr.ChallengeNat("c", bound)
		v := n.Big().Uint64()
		require.Less(t, v, uint64(3))
		counts[v]++
	}
	for v := uint64(0); v < 3; v++ {
		require.Greater(t, counts[v], 120, "value %d under-represented: %v", v, counts)
	}
}

func TestChallengeIntRange(t *testing.T) {
	tr := New("d")
	counts := map[int64]int{}
	for i := 0; i < 2000; i++ {
		v := tr.ChallengeInt("c", 2).Big().Int64()
		require.GreaterOrEqual(t, v, int64(-4))
		require.LessOrEqual(t, v, int64(4))
		counts[v]++
	}
	require.Len(t, counts, 9, "every value in [-4, 4] appears")
	for v, c := range counts {
		require.Greater(t, c, 120, "value %d", v)
	}
	big := tr.ChallengeInt("c", 256).Big()
	require.LessOrEqual(t, big.BitLen(), 257)
}

func TestChallengeBits(t *testing.T) {
	tr := New("d")
	bits := tr.ChallengeBits("e", 128)
	require.Len(t, bits, 128)
	ones := 0
	for _, b := range bits {
		require.LessOrEqual(t, b, byte(1))
		ones += int(b)
	}
	require.Greater(t, ones, 30)
	require.Less(t, ones, 98)
}

// parseFields reads a fuzzer's byte string as a list of fields: a kind byte,
// a label length byte and label, a value length byte and value.
func parseFields(data []byte) [][3][]byte {
	var out [][3][]byte
	for len(data) >= 3 {
		kind := data[0]%7 + kindBytes
		ll := int(data[1]) % 8
		data = data[2:]
		if len(data) < ll+1 {
			break
		}
		label := data[:ll]
		vl := int(data[ll]) % 16
		data = data[ll+1:]
		if len(data) < vl {
			break
		}
		out = append(out, [3][]byte{{kind}, label, data[:vl]})
		data = data[vl:]
	}
	return out
}

func encodeFields(fs [][3][]byte) []byte {
	var out []byte
	for _, f := range fs {
		out = append(out, frame(f[0][0], string(f[1]), f[2])...)
	}
	return out
}

func equalFields(a, b [][3][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		for j := 0; j < 3; j++ {
			if !bytes.Equal(a[i][j], b[i][j]) {
				return false
			}
		}
	}
	return true
}

// FuzzEncodingInjective checks that two different typed field sequences
// never encode to the same bytes (SECURITY.md case 13).
func FuzzEncodingInjective(f *testing.F) {
	f.Add([]byte{0, 1, 'x', 2, 1, 2}, []byte{0, 1, 'x', 1, 1, 0, 1, 'y', 1, 2})
	f.Add([]byte{1, 0, 0}, []byte{2, 0, 0})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		fa, fb := parseFields(a), parseFields(b)
		if equalFields(fa, fb) {
			return
		}
		require.NotEqual(t, encodeFields(fa), encodeFields(fb))
	})
}

// FuzzFrameDecode checks that a frame can be parsed back unambiguously.
func FuzzFrameDecode(f *testing.F) {
	f.Add(byte(2), "label", []byte("value"))
	f.Fuzz(func(t *testing.T, kind byte, label string, value []byte) {
		fr := frame(kind, label, value)
		require.Equal(t, kind, fr[0])
		ll := binary.BigEndian.Uint32(fr[1:5])
		require.Equal(t, label, string(fr[5:5+ll]))
		vl := binary.BigEndian.Uint64(fr[5+ll : 13+ll])
		require.Equal(t, value, fr[13+int(ll):13+int(ll)+int(vl)])
		require.Len(t, fr, 13+int(ll)+int(vl))
	})
}
