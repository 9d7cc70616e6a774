package mod

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/zk/internal/zktest"
)

// The repetition count can only be the constant (SECURITY.md case 7).
// Which files may import math/big is checked for the whole repository by
// internal/lint.
func TestRepetitionCountIsConstant(t *testing.T) { zktest.RequireConstantRepetitions(t) }
