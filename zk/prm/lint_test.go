package prm

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// publicOnlyFiles may import math/big. None does in this package: the
// verifier uses bigmod, internal/bigint and its marked variable-time
// helpers, and every other file may hold p, q, φ, λ or the nonces
// (security.md case 27's import lint).
var publicOnlyFiles = []string{}

func parsePackage(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	files := make(map[string]*ast.File)
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, 0)
		require.NoError(t, err)
		files[name] = f
	}
	require.NotEmpty(t, files)
	return fset, files
}

func TestNoMathBigInSecretFiles(t *testing.T) {
	_, files := parsePackage(t)
	for name, f := range files {
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			if path == "math/big" {
				require.True(t, slices.Contains(publicOnlyFiles, name), "%s imports math/big", name)
			}
		}
	}
}

// The repetition count can only be the constant: verifyWithRepetitions is
// called once outside tests, from Verify, with zk.Repetitions (security.md
// case 7: no build can verify with fewer repetitions).
func TestRepetitionCountIsConstant(t *testing.T) {
	fset, files := parsePackage(t)
	var calls []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			fd, ok := n.(*ast.FuncDecl)
			if !ok {
				return true
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "verifyWithRepetitions" {
					arg, ok := call.Args[len(call.Args)-1].(*ast.SelectorExpr)
					require.True(t, ok, "%s: count is not zk.Repetitions", fset.Position(call.Pos()))
					pkg, _ := arg.X.(*ast.Ident)
					require.True(t, pkg != nil && pkg.Name == "zk" && arg.Sel.Name == "Repetitions",
						"%s: count is not zk.Repetitions", fset.Position(call.Pos()))
					calls = append(calls, fd.Name.Name)
				}
				return true
			})
			return false
		})
	}
	require.Equal(t, []string{"Verify"}, calls)
}
