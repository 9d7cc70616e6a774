package console

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIsTerminal(t *testing.T) {
	regular, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer regular.Close()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	closed, err := os.Create(filepath.Join(t.TempDir(), "closed"))
	require.NoError(t, err)
	require.NoError(t, closed.Close())
	var nilFile *os.File

	cases := []struct {
		name string
		w    io.Writer
		want bool
	}{
		{"buffer", &bytes.Buffer{}, false},
		{"nil writer", nil, false},
		{"nil file", nilFile, false},
		{"regular file", regular, false},
		{"pipe", w, false},
		{"closed file", closed, false},
	}
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		cases = append(cases, struct {
			name string
			w    io.Writer
			want bool
		}{"character device", null, true})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, IsTerminal(tc.w))
		})
	}
}

func TestProgress(t *testing.T) {
	type update struct{ done, total int }
	ten := []update{{1, 10}, {2, 10}, {3, 10}, {4, 10}, {5, 10}, {6, 10}, {7, 10}, {8, 10}, {9, 10}, {10, 10}}
	cases := []struct {
		name    string
		redraw  bool
		updates []update
		want    string
	}{
		{"plain lines at each quarter", false, ten,
			"  primes 3/10\n  primes 5/10\n  primes 8/10\n  primes 10/10\n"},
		{"plain, one unit", false, []update{{0, 1}, {1, 1}}, "  primes 1/1\n"},
		{"plain, out of range ignored", false, []update{{-1, 4}, {5, 4}, {1, 0}, {1, -3}}, ""},
		{"redrawn bar", true, []update{{0, 2}, {1, 2}, {2, 2}},
			"\r  primes [..............................] 0/2" +
				"\r  primes [###############...............] 1/2" +
				"\r  primes [##############################] 2/2\n"},
		{"redrawn, nothing drawn, End prints nothing", true, []update{{3, 2}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := NewProgress(&buf, "primes")
			require.False(t, p.redraw, "a buffer is not a terminal")
			p.redraw = tc.redraw
			for _, u := range tc.updates {
				p.Update(u.done, u.total)
			}
			p.End()
			p.End() // a second End adds nothing
			require.Equal(t, tc.want, buf.String())
		})
	}
}

func TestProgressNilAndZero(t *testing.T) {
	var nilP *Progress
	var zero Progress
	for _, p := range []*Progress{nilP, &zero, NewProgress(nil, "x")} {
		require.NotPanics(t, func() {
			p.Update(1, 2)
			p.End()
		})
	}
}

func TestProgressConcurrent(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgress(&buf, "n")
	var wg sync.WaitGroup
	for i := 1; i <= 8; i++ {
		wg.Go(func() { p.Update(i, 8) })
	}
	wg.Wait()
	p.End()
	// Whatever the order, no quarter is printed twice and the lines are whole.
	lines := regexp.MustCompile(`(?m)^  n \d/8$`).FindAllString(buf.String(), -1)
	require.NotEmpty(t, lines)
	require.LessOrEqual(t, len(lines), 4)
	require.Equal(t, len(lines), bytes.Count(buf.Bytes(), []byte("\n")))
}

func TestStep(t *testing.T) {
	var buf bytes.Buffer
	done := Step(&buf, "key generation by %d parties", 3)
	require.Equal(t, "• key generation by 3 parties\n", buf.String())
	done()
	require.Regexp(t, `^• key generation by 3 parties\n  \(\d+(\.\d+)?[µnm]?s\)\n$`, buf.String())
}
