package lint

import (
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// File is one non-test Go source file and what it imports.
type File struct {
	// Path is the file's path relative to the walked root, with forward
	// slashes.
	Path string
	// Dir is Path's directory ("." for the root).
	Dir string
	// Package is the package name.
	Package string
	// Imports are the imported package paths, in source order.
	Imports []string
	// Comments is the text of every comment in the file.
	Comments string
}

// ImportsPath reports whether f imports path.
func (f File) ImportsPath(path string) bool {
	for _, p := range f.Imports {
		if p == path {
			return true
		}
	}
	return false
}

// Walk parses every Go file below root except tests, generator programs
// (build constraint "ignore") and the contents of testdata and hidden
// directories, and returns them in lexical order of the walk.
func Walk(root string) ([]File, error) {
	var files []File
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		file := File{Path: filepath.ToSlash(rel), Dir: filepath.ToSlash(filepath.Dir(rel)), Package: f.Name.Name}
		var comments strings.Builder
		for _, g := range f.Comments {
			for _, c := range g.List {
				if expr, err := constraint.Parse(c.Text); err == nil && ignored(expr) {
					return nil
				}
			}
			comments.WriteString(g.Text())
		}
		file.Comments = comments.String()
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			file.Imports = append(file.Imports, p)
		}
		files = append(files, file)
		return nil
	})
	return files, err
}

// ignored reports whether a build constraint excludes the file from every
// build (//go:build ignore).
func ignored(expr constraint.Expr) bool {
	tag, ok := expr.(*constraint.TagExpr)
	return ok && tag.Tag == "ignore"
}
