package safeprime_test

import (
	"context"
	"fmt"

	"github.com/mosaic-mpc/mosaic/internal/safeprime"
)

func Example() {
	p, err := safeprime.Generate(context.Background(), nil, 256)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.TrueLen(), safeprime.Verify(nil, p, 256) == nil)
	// Output: 256 true
}
