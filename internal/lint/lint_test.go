package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// publicOnly are the files that may import math/big or crypto/elliptic,
// with what they compute. Each says in a comment that it sees public
// values only; adding a file here is a review decision.
var publicOnly = map[string]string{
	"paillier/affine_vartime.go":      "inverses of received ciphertexts modulo N²",
	"paillier/modulus.go":             "validation of a peer's public modulus",
	"zk/internal/vartime/vartime.go":  "verifier equations on statements and proofs",
	"zk/internal/zktest/bigvalues.go": "edge-case test inputs for the verifiers",
	"zk/affg/verify_vartime.go":       "the Πaff-g verifier",
	"zk/dec/verify_vartime.go":        "the Πdec verifier",
	"zk/enc/verify_vartime.go":        "the Πenc verifier",
	"zk/fac/verify_vartime.go":        "the Πfac verifier",
	"zk/logstar/verify_vartime.go":    "the Πlog* verifier",
	"zk/mod/verify.go":                "the Πmod verifier",
	"zk/mul/verify_vartime.go":        "the Πmul verifier",
	"internal/bigint/jacobi.go":       "Jacobi symbols of public values",
	"transport/tlsnet/pki.go":         "certificate serial numbers",
}

// protocolDirs are the packages that must do no I/O and read no clock
// (with their subpackages).
var protocolDirs = []string{"bls", "cggmp", "dkls23", "dkg", "frost", "refresh", "vss", "schnorr", "ecdsa", "hd", "zk", "internal/complaint", "internal/session", "internal/transcript", "internal/par", "internal/bigint", "internal/safeprime", "internal/ot"}

// storageDirs are subpackages of protocolDirs whose purpose is I/O: they
// keep protocol outputs on disk, and no protocol package imports them.
var storageDirs = []string{"cggmp/presigstore"}

func repository(t *testing.T) []File {
	t.Helper()
	files, err := Walk(filepath.Join("..", ".."))
	require.NoError(t, err)
	require.Greater(t, len(files), 100, "the walk must see the whole repository")
	return files
}

func TestMathBigOnlyInPublicFiles(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range repository(t) {
		for _, banned := range []string{"math/big", "crypto/elliptic"} {
			if !f.ImportsPath(banned) {
				continue
			}
			_, ok := publicOnly[f.Path]
			require.True(t, ok, "%s imports %s but is not a public-values-only file", f.Path, banned)
			require.Contains(t, strings.ToLower(f.Comments), "public",
				"%s must say in a comment that it sees public values only", f.Path)
			seen[f.Path] = true
		}
	}
	for path := range publicOnly {
		require.True(t, seen[path], "%s is listed but imports neither math/big nor crypto/elliptic: remove it", path)
	}
}

// seededRand are the files that may import math/rand: schedules and
// jitter that no secret depends on.
var seededRand = map[string]string{
	"transport/memnet/network.go":         "the fault-injection schedule, seeded by the test",
	"transport/tlsnet/link.go":            "jitter of the redial backoff",
	"internal/agreementtest/behaviour.go": "the adversary's seeded choices in agreement tests",
}

func TestNoMathRand(t *testing.T) {
	for _, f := range repository(t) {
		for _, banned := range []string{"math/rand", "math/rand/v2"} {
			if _, ok := seededRand[f.Path]; ok {
				continue
			}
			require.False(t, f.ImportsPath(banned), "%s imports %s", f.Path, banned)
		}
	}
}

func TestProtocolPackagesDoNoIO(t *testing.T) {
	banned := []string{"os", "net", "net/http", "time", "io/fs", "syscall", "log"}
	checked := 0
	for _, f := range repository(t) {
		inProtocol := slices.ContainsFunc(protocolDirs, func(dir string) bool {
			return strings.HasPrefix(f.Path, dir+"/")
		})
		if !inProtocol || slices.Contains(storageDirs, f.Dir) {
			continue
		}
		checked++
		for _, b := range banned {
			require.False(t, f.ImportsPath(b), "%s (a protocol package) imports %s", f.Path, b)
		}
	}
	require.Greater(t, checked, 50)
}

// The storage packages exempted above stay out of the protocols: no
// protocol package imports one, so no protocol run does I/O through them.
func TestProtocolPackagesDoNotImportStorage(t *testing.T) {
	const module = "github.com/mosaic-mpc/mosaic/"
	for _, f := range repository(t) {
		inProtocol := slices.ContainsFunc(protocolDirs, func(dir string) bool {
			return strings.HasPrefix(f.Path, dir+"/")
		})
		if !inProtocol || slices.Contains(storageDirs, f.Dir) || strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		for _, dir := range storageDirs {
			require.False(t, f.ImportsPath(module+dir), "%s (a protocol package) imports the storage package %s", f.Path, dir)
		}
	}
}

// Every exported identifier has a doc comment, and every package (but the
// commands) has a doc.go; every public package also has an Example, which
// pkg.go.dev shows beside its documentation. Internal packages need none:
// nobody outside the module reads them there.
func TestDocumented(t *testing.T) {
	root := filepath.Join("..", "..")
	packages := map[string]bool{}
	for _, f := range repository(t) {
		missing, err := Undocumented(filepath.Join(root, filepath.FromSlash(f.Path)))
		require.NoError(t, err)
		require.Empty(t, missing, "exported identifiers without a doc comment")
		if f.Package != "main" {
			packages[f.Dir] = true
		}
	}
	for dir := range packages {
		_, err := os.Stat(filepath.Join(root, filepath.FromSlash(dir), "doc.go"))
		require.NoError(t, err, "%s has no doc.go", dir)
		if dir == "internal" || strings.HasPrefix(dir, "internal/") || strings.Contains(dir, "/internal/") || strings.HasSuffix(dir, "/internal") {
			continue
		}
		tests, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(dir), "*_test.go"))
		require.NoError(t, err)
		example := false
		for _, name := range tests {
			src, err := os.ReadFile(name)
			require.NoError(t, err)
			example = example || strings.Contains(string(src), "\nfunc Example")
		}
		require.True(t, example, "%s has no Example", dir)
	}
}

func TestUndocumented(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.go")
	require.NoError(t, os.WriteFile(path, []byte(`package x

// Documented is documented.
func Documented() {}

func Bare() {}

func unexported() {}

type hidden struct{}

func (hidden) Method() {}

// T is documented.
type T struct{}

func (T) Method() {}

// Group comment.
const (
	A = 1
	B = 2
)

var V = 3

var W = 4 // line comment
`), 0o644))
	got, err := Undocumented(path)
	require.NoError(t, err)
	require.Len(t, got, 3)
	require.Contains(t, got[0], ":6: Bare")
	require.Contains(t, got[1], ":17: Method")
	require.Contains(t, got[2], ":25: V")
}

// The walk finds what the rules need: a planted file of each kind is seen
// or skipped as documented.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	}
	write("a/a.go", "package a\n\n// Public values only.\nimport (\n\t\"math/big\"\n\t\"io\"\n)\n")
	write("a/a_test.go", "package a\n\nimport \"math/rand\"\n")
	write("a/gen.go", "//go:build ignore\n\npackage main\n\nimport \"os\"\n")
	write("a/testdata/x.go", "package x\n\nimport \"os\"\n")
	write(".hidden/h.go", "package h\n\nimport \"os\"\n")
	write("b.go", "package b\n")
	files, err := Walk(dir)
	require.NoError(t, err)
	require.Len(t, files, 2)
	require.Equal(t, "a/a.go", files[0].Path)
	require.Equal(t, "a", files[0].Dir)
	require.Equal(t, []string{"math/big", "io"}, files[0].Imports)
	require.True(t, files[0].ImportsPath("io"))
	require.False(t, files[0].ImportsPath("os"))
	require.Contains(t, files[0].Comments, "Public values only.")
	require.Equal(t, "b.go", files[1].Path)
	require.Equal(t, ".", files[1].Dir)

	write("c/bad.go", "package c\nimport (\n")
	_, err = Walk(dir)
	require.Error(t, err, "a file that does not parse must be an error")
}

// outsideRefs are the strings no file of the repository may contain: paths
// to the project's notes kept beside the repository rather than in it. A
// fresh clone has no such notes, so a reader following one finds nothing;
// what the code cites lives in docs/ and SECURITY.md. The strings are
// joined at run time so that neither this file nor the compiled test
// contains them.
var outsideRefs = []string{
	strings.Join([]string{"..", "shared"}, "/"),
	strings.Join([]string{"shared", "spec"}, "/"),
}

// Every file of the repository, of any type (Go, Markdown, scripts, test
// data), is self-contained: none names the notes beside the repository.
func TestNoReferencesOutsideRepository(t *testing.T) {
	matches, err := Grep(filepath.Join("..", ".."), outsideRefs)
	require.NoError(t, err)
	var lines []string
	for _, m := range matches {
		lines = append(lines, m.String())
	}
	require.Empty(t, lines, "these lines point outside the repository; cite docs/ or SECURITY.md instead")
}

// TestExamplesImportOnlyPublicPackages: a program under examples/ is a
// template an integrator copies into another module, where Go refuses the
// import of any of this module's internal packages. So the examples import
// only public packages (their public dependencies may use internal ones:
// that is invisible to the copy).
func TestExamplesImportOnlyPublicPackages(t *testing.T) {
	const module = "github.com/mosaic-mpc/mosaic"
	checked := 0
	for _, f := range repository(t) {
		if !strings.HasPrefix(f.Path, "examples/") {
			continue
		}
		checked++
		for _, p := range f.Imports {
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			internal := strings.HasSuffix(p, "/internal") || strings.Contains(p, "/internal/")
			require.False(t, internal, "%s imports %s: an example copied into another module could not", f.Path, p)
		}
	}
	require.Greater(t, checked, 10, "the examples must be seen")
}

// testSupport are the packages made for tests: fixtures with public
// secrets, timing harnesses, test helpers that use math/big. Only test files
// and other test-support packages may import them, so that no production
// build links a key whose primes are in the repository.
var testSupport = []string{"internal/testfixtures", "internal/keytest", "internal/cputime", "internal/dudect", "zk/internal/zktest", "internal/agreementtest", "internal/midround"}

func TestTestSupportOnlyInTests(t *testing.T) {
	const module = "github.com/mosaic-mpc/mosaic/"
	checked := 0
	for _, f := range repository(t) {
		if slices.Contains(testSupport, f.Dir) {
			continue
		}
		checked++
		for _, p := range f.Imports {
			pkg, ok := strings.CutPrefix(p, module)
			require.False(t, ok && slices.Contains(testSupport, pkg),
				"%s imports %s, which is for tests only", f.Path, p)
		}
	}
	require.Greater(t, checked, 100)
}
