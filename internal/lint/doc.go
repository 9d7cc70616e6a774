// Package lint checks rules of SECURITY.md and of the project's design
// that the compiler does not, by reading the repository's files:
//
//   - only files that see public values alone may import math/big or
//     crypto/elliptic (SECURITY.md case 27's import lint), and each such
//     file is listed in the test with the reason;
//   - math/rand only where no secret depends on it (fault-injection
//     schedules, redial jitter; listed in the test): randomness for
//     cryptography comes from an io.Reader the caller passes;
//   - the protocol packages (cggmp, dkg, frost, refresh, vss, schnorr, ecdsa, hd,
//     zk/..., and the internal packages they build on) do no I/O, read no clock and log only through a *slog.Logger
//     they are given: they import none of os, net, time, io/fs, syscall or
//     log;
//   - every exported identifier has a doc comment, every package but the
//     commands has a doc.go, and every public one an Example test;
//   - the repository is self-contained: no file of any type (Go, Markdown,
//     scripts, test data; everything but .git) names the project's notes
//     kept beside the repository, since a fresh clone does not have them.
//     Documents the code cites live in docs/ and SECURITY.md. The test
//     builds the forbidden paths from parts, so that it does not contain
//     them itself;
//   - the programs under examples/ import only public packages, so that
//     each can be copied into another module as a template;
//   - the test-support packages (internal/testfixtures, internal/keytest,
//     internal/cputime, internal/dudect, zk/internal/zktest,
//     internal/agreementtest, internal/midround) are imported by tests
//     only, so
//     no production build links the fixture keys, whose primes are public.
//
// The rules live in lint_test.go and run with `go test ./...`; Walk, which
// lists each Go file's imports, Undocumented and Grep, which finds strings
// in every file with their line numbers, are exported for them.
package lint
