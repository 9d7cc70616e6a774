package mobile

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The types gomobile binds (golang.org/x/mobile/cmd/gobind's documented
// rules): signed integers and floats, string, bool, []byte, pointers to
// the package's exported structs and the package's exported interfaces;
// error only as the last of at most two results.
var bindableBasic = map[string]bool{
	"string": true, "bool": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"float32": true, "float64": true,
}

// api is the package's exported declarations, parsed.
type api struct {
	structs, interfaces map[string]bool
	funcs               []*ast.FuncDecl
	types               []*ast.TypeSpec
	values              []*ast.ValueSpec
}

func parseAPI(t *testing.T) *api {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	a := &api{structs: map[string]bool{}, interfaces: map[string]bool{}}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, e.Name(), nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() {
					a.funcs = append(a.funcs, d)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						a.types = append(a.types, s)
						switch s.Type.(type) {
						case *ast.StructType:
							a.structs[s.Name.Name] = true
						case *ast.InterfaceType:
							a.interfaces[s.Name.Name] = true
						}
					case *ast.ValueSpec:
						a.values = append(a.values, s)
					}
				}
			}
		}
	}
	return a
}

// bindable reports whether gomobile binds a value of type e.
func (a *api) bindable(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return bindableBasic[e.Name] || a.interfaces[e.Name]
	case *ast.ArrayType:
		id, ok := e.Elt.(*ast.Ident)
		return e.Len == nil && ok && id.Name == "byte"
	case *ast.StarExpr:
		id, ok := e.X.(*ast.Ident)
		return ok && a.structs[id.Name]
	}
	return false
}

func isError(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "error"
}

// checkSignature returns what is not bindable in a function type.
func (a *api) checkSignature(name string, ft *ast.FuncType) []string {
	var bad []string
	if ft.TypeParams != nil {
		bad = append(bad, name+": type parameters")
	}
	for _, p := range ft.Params.List {
		if !a.bindable(p.Type) {
			bad = append(bad, name+": parameter type "+types(p.Type))
		}
	}
	var results []ast.Expr
	if ft.Results != nil {
		for _, r := range ft.Results.List {
			n := max(1, len(r.Names))
			for range n {
				results = append(results, r.Type)
			}
		}
	}
	switch {
	case len(results) > 2:
		bad = append(bad, name+": more than two results")
	case len(results) == 2 && !isError(results[1]):
		bad = append(bad, name+": a second result that is not error")
	}
	for i, r := range results {
		if isError(r) && i == len(results)-1 {
			continue
		}
		if !a.bindable(r) {
			bad = append(bad, name+": result type "+types(r))
		}
	}
	return bad
}

func types(e ast.Expr) string {
	var b strings.Builder
	ast.Fprint(&b, token.NewFileSet(), e, nil)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestExportedAPIIsGomobileBindable is the gomobile-type check: every
// exported function, method, struct field, interface method and type of
// the package is one gomobile binds, so that `gomobile bind` drops
// nothing of the API.
func TestExportedAPIIsGomobileBindable(t *testing.T) {
	a := parseAPI(t)
	var bad []string
	for _, ts := range a.types {
		switch st := ts.Type.(type) {
		case *ast.StructType:
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					if n.IsExported() && !a.bindable(f.Type) {
						bad = append(bad, ts.Name.Name+"."+n.Name+": field type "+types(f.Type))
					}
				}
			}
		case *ast.InterfaceType:
			for _, m := range st.Methods.List {
				ft, ok := m.Type.(*ast.FuncType)
				if !ok {
					bad = append(bad, ts.Name.Name+": embeds an interface")
					continue
				}
				bad = append(bad, a.checkSignature(ts.Name.Name+"."+m.Names[0].Name, ft)...)
			}
		default:
			bad = append(bad, ts.Name.Name+": exported type that is neither a struct nor an interface")
		}
	}
	for _, fd := range a.funcs {
		name := fd.Name.Name
		if fd.Recv != nil {
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok && !id.IsExported() {
				continue // not part of the API
			}
			star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
			var id *ast.Ident
			if ok {
				id, _ = star.X.(*ast.Ident)
			}
			if id == nil || !a.structs[id.Name] {
				bad = append(bad, name+": method not on a pointer to an exported struct")
				continue
			}
			name = id.Name + "." + name
		}
		bad = append(bad, a.checkSignature(name, fd.Type)...)
	}
	for _, vs := range a.values {
		for _, n := range vs.Names {
			// Exported constants are untyped ints here; ErrInput is for Go
			// callers (errors.Is) and is not part of the bound API.
			if n.IsExported() && n.Name != "ErrInput" && vs.Type != nil && !a.bindable(vs.Type) {
				bad = append(bad, n.Name+": value type "+types(vs.Type))
			}
		}
	}
	require.Empty(t, bad, "not bindable by gomobile")
	require.Contains(t, a.interfaces, "Transport")
	require.Contains(t, a.structs, "Node")
	require.NotEmpty(t, a.funcs)
}

// The check itself: it refuses what gomobile cannot bind.
func TestGomobileCheckRefuses(t *testing.T) {
	a := &api{structs: map[string]bool{"S": true}, interfaces: map[string]bool{"I": true}}
	tests := []struct {
		src  string
		want bool
	}{
		{"func(a int, b string, c []byte, d *S, e I, f bool, g float64) (*S, error)", true},
		{"func() error", true},
		{"func(a []int)", false},
		{"func(a uint)", false},
		{"func(a map[string]int)", false},
		{"func(a S)", false},
		{"func(a *I)", false},
		{"func() (int, int)", false},
		{"func() (int, string, error)", false},
		{"func(f func())", false},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := parser.ParseExpr(tt.src)
			require.NoError(t, err)
			bad := a.checkSignature("f", e.(*ast.FuncType))
			require.Equal(t, tt.want, len(bad) == 0, "%v", bad)
		})
	}
}
