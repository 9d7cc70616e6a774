package hd

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePath(t *testing.T) {
	cases := []struct {
		in   string
		want Path
		err  error // for ParsePath
	}{
		{"m", Path{}, nil},
		{"M", Path{}, nil},
		{"m/0/7", Path{0, 7}, nil},
		{"m/2147483647", Path{HardenedOffset - 1}, nil},
		{"m/44/60/0/0/1", Path{44, 60, 0, 0, 1}, nil},
		{"m/0'", nil, ErrHardened},
		{"m/0h", nil, ErrHardened},
		{"m/0H/1", nil, ErrHardened},
		{"m/1/2147483648", nil, ErrHardened},
		{"m/4294967295", nil, ErrHardened},
		{"m/4294967296", nil, ErrPath},
		{"m/99999999999", nil, ErrPath},
		{"", nil, ErrPath},
		{"0/1", nil, ErrPath},
		{"m/", nil, ErrPath},
		{"m//1", nil, ErrPath},
		{"m/1/", nil, ErrPath},
		{"m/01", nil, ErrPath},
		{"m/+1", nil, ErrPath},
		{"m/-1", nil, ErrPath},
		{"m/1 ", nil, ErrPath},
		{"m/0x10", nil, ErrPath},
		{"m/1''", nil, ErrPath},
		{"n/1", nil, ErrPath},
		{"m/١", nil, ErrPath}, // a non-ASCII digit
	}
	for _, tc := range cases {
		got, err := ParsePath(tc.in)
		if tc.err != nil {
			require.ErrorIs(t, err, tc.err, "%q: %v", tc.in, err)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
		if tc.in != "M" {
			require.Equal(t, tc.in, got.String())
		}
	}
}

func TestParsePrivatePath(t *testing.T) {
	cases := []struct {
		in   string
		want Path
		ok   bool
	}{
		{"m/44'/0h/1H/0/5", Path{44 + HardenedOffset, HardenedOffset, 1 + HardenedOffset, 0, 5}, true},
		{"m/2147483647h", Path{^uint32(0)}, true},
		{"m/2147483648h", nil, false},
		{"m/2147483648", nil, false}, // write it as 0h
		{"m/h", nil, false},
		{"m/'", nil, false},
	}
	for _, tc := range cases {
		got, err := ParsePrivatePath(tc.in)
		if !tc.ok {
			require.ErrorIs(t, err, ErrPath, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got)
		back, err := ParsePrivatePath(got.String())
		require.NoError(t, err)
		require.Equal(t, got, back)
		require.True(t, got.IsHardened())
	}
}

func TestPathDepthLimit(t *testing.T) {
	s := "m"
	for range MaxDepth {
		s += "/1"
	}
	p, err := ParsePath(s)
	require.NoError(t, err)
	require.Len(t, p, MaxDepth)
	_, err = ParsePath(s + "/1")
	require.ErrorIs(t, err, ErrDepth)

	// a key at depth 250 can go 5 more levels, not 6
	k := testXpub(t)
	k.Depth, k.ParentFingerprint, k.ChildNumber = 250, [4]byte{1}, 1
	_, err = k.Derive(Path{1, 2, 3, 4, 5})
	require.NoError(t, err)
	_, err = k.Derive(Path{1, 2, 3, 4, 5, 6})
	require.ErrorIs(t, err, ErrDepth)
}

func TestDeriveTweakRejects(t *testing.T) {
	k := testXpub(t)
	_, _, _, err := DeriveTweak(k.Key, k.ChainCode, Path{1, HardenedOffset})
	require.ErrorIs(t, err, ErrHardened)
	_, _, _, err = DeriveTweak(k.Key, k.ChainCode[:31], Path{1})
	require.ErrorIs(t, err, ErrChainCode)
	_, _, _, err = DeriveTweak(secp.Identity(), k.ChainCode, Path{1})
	require.ErrorIs(t, err, ErrKey)
	_, _, _, err = DeriveTweak(nil, k.ChainCode, Path{1})
	require.ErrorIs(t, err, ErrKey)
	ed := edPoint(t)
	_, _, _, err = DeriveTweak(ed, k.ChainCode, Path{1})
	require.ErrorIs(t, err, ErrKey)

	// the empty path is the identity map with a zero tweak
	tw, child, cc, err := DeriveTweak(k.Key, k.ChainCode, nil)
	require.NoError(t, err)
	require.True(t, tw.IsZero())
	require.True(t, child.Equal(k.Key))
	require.Equal(t, k.ChainCode, cc)
	cc[0] ^= 1 // the result does not alias the input
	require.NotEqual(t, k.ChainCode, cc)
}

func TestInvalidChildError(t *testing.T) {
	err := stepError(errInvalidStep, 2, 7)
	require.ErrorIs(t, err, ErrInvalidChild)
	var ic *InvalidChildError
	require.True(t, errors.As(err, &ic))
	require.Equal(t, 2, ic.Position)
	require.Equal(t, uint32(7), ic.Index)
	require.Contains(t, err.Error(), "index 7")
	// other errors pass through unchanged
	require.Equal(t, ErrHardened, stepError(ErrHardened, 0, 0))
}
