package presigstore_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/mosaic-mpc/mosaic/cggmp/presigstore"
)

// A file store survives restarts, and hands out each sealed presignature
// once. Applications use presigstore.Put and presigstore.Take, which seal
// a cggmp.Presignature and check it against the key; the store itself
// holds sealed bytes.
func Example() {
	dir, err := os.MkdirTemp("", "presignatures")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	key := &presigstore.SealingKey{} // from the platform's key store

	st, err := presigstore.OpenFile(dir)
	if err != nil {
		panic(err)
	}
	id := []byte("presignature-1")
	sealed, err := presigstore.Seal(key, id, []byte("encoded presignature"), nil)
	if err != nil {
		panic(err)
	}
	if err := st.Put(ctx, id, sealed); err != nil {
		panic(err)
	}

	st, err = presigstore.OpenFile(dir) // a restart
	if err != nil {
		panic(err)
	}
	gotID, gotSealed, err := st.Take(ctx)
	if err != nil {
		panic(err)
	}
	plain, err := presigstore.Open(key, gotID, gotSealed)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s\n", gotID, plain)

	_, _, err = st.Take(ctx)
	fmt.Println(errors.Is(err, presigstore.ErrEmpty))
	fmt.Println(errors.Is(st.Put(ctx, id, sealed), presigstore.ErrExists))
	// Output:
	// presignature-1: encoded presignature
	// true
	// true
}
