package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Match is one line of a file that contains a searched string.
type Match struct {
	// Path is the file's path relative to the searched root, with forward
	// slashes.
	Path string
	// Line is the 1-based line number.
	Line int
	// Needle is the string found on that line.
	Needle string
}

// String formats m as "path:line: needle", the form compilers and editors
// jump to.
func (m Match) String() string {
	return fmt.Sprintf("%s:%d: %s", m.Path, m.Line, m.Needle)
}

// Grep reads every regular file below root, whatever its type (source,
// documents, scripts, test data, binaries), skipping only .git directories,
// and returns one Match per line and needle found, in lexical order of the
// walk. Unlike Walk it does not skip testdata or other hidden directories:
// a rule about what the repository's text says applies to all of it.
// An empty needle is an error, since it would match every line.
func Grep(root string, needles []string) ([]Match, error) {
	for _, n := range needles {
		if n == "" {
			return nil, errors.New("lint: empty needle")
		}
	}
	var out []Match
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		out = append(out, grepLines(filepath.ToSlash(rel), data, needles)...)
		return nil
	})
	return out, err
}

// grepLines returns the matches of needles in data, line by line. Most files
// contain no needle at all, so the whole file is checked first.
func grepLines(path string, data []byte, needles []string) []Match {
	found := false
	for _, n := range needles {
		found = found || bytes.Contains(data, []byte(n))
	}
	if !found {
		return nil
	}
	var out []Match
	for i, line := range bytes.Split(data, []byte("\n")) {
		for _, n := range needles {
			if bytes.Contains(line, []byte(n)) {
				out = append(out, Match{Path: path, Line: i + 1, Needle: n})
			}
		}
	}
	return out
}
