package zktest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// RequireConstantRepetitions parses the non-test files of the package in
// the current directory and fails unless verifyWithRepetitions is called
// exactly once, from Verify, with zk.Repetitions as its last argument: no
// build can verify with fewer repetitions (SECURITY.md case 7).
func RequireConstantRepetitions(t *testing.T) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var callers []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fd, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "verifyWithRepetitions" {
					return true
				}
				at := fset.Position(call.Pos())
				require.NotEmpty(t, call.Args, "%s: no count", at)
				arg, ok := call.Args[len(call.Args)-1].(*ast.SelectorExpr)
				require.True(t, ok, "%s: count is not zk.Repetitions", at)
				pkg, _ := arg.X.(*ast.Ident)
				require.True(t, pkg != nil && pkg.Name == "zk" && arg.Sel.Name == "Repetitions",
					"%s: count is not zk.Repetitions", at)
				callers = append(callers, fd.Name.Name)
				return true
			})
		}
	}
	require.Equal(t, []string{"Verify"}, callers)
}
