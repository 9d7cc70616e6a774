package lint_test

import (
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/lint"
)

// The imports of this package's own files.
func ExampleWalk() {
	files, err := lint.Walk(".")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		fmt.Println(f.Path, f.Imports)
	}
	// Output:
	// doc.go []
	// docs.go [fmt go/ast go/parser go/token path/filepath]
	// grep.go [bytes errors fmt io/fs os path/filepath]
	// walk.go [go/build/constraint go/parser go/token io/fs path/filepath strconv strings]
}
