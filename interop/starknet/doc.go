// Package starknet checks mosaic's threshold ECDSA signatures on the Stark
// curve with Starknet's own verifier: the `curve` package of
// github.com/NethermindEth/starknet.go (v0.7.0), a Go Starknet SDK that
// carries StarkWare's verification rules. It is a module of its own, so
// that this test-only dependency, with the many modules it brings, stays
// out of mosaic's go.mod: `go test ./...` at the repository root does not
// enter it; CI runs `go test ./...` here as a step of its own.
//
// The package has no code beside its tests.
package starknet
