package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Grep finds each forbidden string with its path and line in files of any
// type and in hidden and testdata directories, skips .git, and passes a
// clean tree.
func TestGrep(t *testing.T) {
	up, spec := outsideRefs[0], outsideRefs[1]
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "clean tree",
			files: map[string]string{
				"README.md":         "# title\nsee docs/architecture.md\n",
				"a/a.go":            "package a\n\n// shared state, spec section 3, ../docs\n",
				"testdata/x.json":   "{\"shared\": \"spec\"}\n",
				".ci/run":           "#!/bin/sh\ngo test ./...\n",
				".git/COMMIT_MSG":   "mentions " + up + " and " + spec + "\n",
				".git/refs/x/notes": spec + "\n",
			},
		},
		{
			name:  "relative path in a document",
			files: map[string]string{"docs/notes.md": "# notes\n\nsee " + up + "/x.md\n"},
			want:  []string{"docs/notes.md:3: " + up},
		},
		{
			name:  "spec path in a Go comment",
			files: map[string]string{"pkg/doc.go": "// Package pkg follows " + spec + "/security.md.\npackage pkg\n"},
			want:  []string{"pkg/doc.go:1: " + spec},
		},
		{
			name: "both on one line, in a hidden directory and in testdata",
			files: map[string]string{
				".ci/run":             "#!/bin/sh\n\ngrep -r x .\ncat " + up + "/" + "spec/a.md\n",
				"testdata/SOURCES.md": "| a | b |\n| x | " + spec + " |\n",
			},
			want: []string{
				".ci/run:4: " + up,
				".ci/run:4: " + spec,
				"testdata/SOURCES.md:2: " + spec,
			},
		},
		{
			name:  "no trailing newline, CRLF line ends",
			files: map[string]string{"x.txt": "one\r\ntwo\r\nthree " + up},
			want:  []string{"x.txt:3: " + up},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tc.files {
				path := filepath.Join(dir, filepath.FromSlash(name))
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
			}
			matches, err := Grep(dir, outsideRefs)
			require.NoError(t, err)
			var got []string
			for _, m := range matches {
				got = append(got, m.String())
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestGrepErrors(t *testing.T) {
	_, err := Grep(t.TempDir(), []string{"x", ""})
	require.Error(t, err, "an empty needle would match every line")
	_, err = Grep(filepath.Join(t.TempDir(), "missing"), outsideRefs)
	require.Error(t, err, "a root that does not exist must be an error, not a clean pass")
}

// The forbidden strings are assembled, not written: neither this package's
// sources nor its tests contain them literally, so the rule does not flag
// itself.
func TestOutsideRefsNotInLintSources(t *testing.T) {
	require.Len(t, outsideRefs, 2)
	for _, r := range outsideRefs {
		require.NotEmpty(t, r)
		require.True(t, strings.Contains(r, "/"))
	}
	matches, err := Grep(".", outsideRefs)
	require.NoError(t, err)
	require.Empty(t, matches)
}
