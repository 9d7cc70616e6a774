// Package lint checks rules of SECURITY.md and of the project's design
// that the compiler does not, by reading the repository's Go files:
//
//   - only files that see public values alone may import math/big or
//     crypto/elliptic (security.md case 27's import lint), and each such
//     file is listed in the test with the reason;
//   - no non-test file imports math/rand: randomness comes from an
//     io.Reader the caller passes;
//   - the protocol packages (cggmp, dkg, frost, refresh, vss, schnorr, hd,
//     zk/...) do no I/O, read no clock and log only through a *slog.Logger
//     they are given: they import none of os, net, time, io/fs, syscall or
//     log.
//
// The rules live in lint_test.go and run with `go test ./...`; Walk, which
// lists each file's imports, is exported for them.
package lint
