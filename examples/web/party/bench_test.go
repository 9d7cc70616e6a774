package party_test

import (
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/cggmp"
	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/local"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/transport"
)

// The benchmarks of a device party's heavy steps at paillier.Level112, the
// level the web example uses. Under js/wasm there is one thread, so the
// protocol benchmarks (every party in process) cost the sum of the
// parties' work: divide by the parties for one device's share. Run them
// under node with Go's runner:
//
//	PATH=$PATH:$(go env GOROOT)/lib/wasm GOOS=js GOARCH=wasm \
//	  go test -run '^$' -bench . -benchtime 2x ./examples/web/party

var benchIDs = []transport.PartyID{1, 2, 3}

// BenchmarkAuxSecret: one party's Paillier key (two 1024-bit safe primes)
// and ring-Pedersen parameters, the local part of aux-info.
func BenchmarkAuxSecret(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, err := cggmp.GenerateAuxSecret(b.Context(), nil, paillier.WithLevel(paillier.Level112))
		require.NoError(b, err)
	}
}

func benchKeys(b *testing.B) map[transport.PartyID]*cggmp.Key {
	b.Helper()
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for _, id := range benchIDs {
		s, err := cggmp.GenerateAuxSecret(b.Context(), nil, paillier.WithLevel(paillier.Level112))
		require.NoError(b, err)
		secrets[id] = s
	}
	shares, err := local.Keygen(b.Context(), curve.Secp256k1(), 2, benchIDs)
	require.NoError(b, err)
	aux, err := local.AuxFromSecrets(b.Context(), secrets)
	require.NoError(b, err)
	keys, err := local.ECDSAKeys(shares, aux)
	require.NoError(b, err)
	return keys
}

// BenchmarkAuxProtocol3: aux-info among three parties with their keys
// ready (Πmod, Πprm, Πfac proofs and their checks), every party in
// process.
func BenchmarkAuxProtocol3(b *testing.B) {
	secrets := map[transport.PartyID]*cggmp.AuxSecret{}
	for _, id := range benchIDs {
		s, err := cggmp.GenerateAuxSecret(b.Context(), nil, paillier.WithLevel(paillier.Level112))
		require.NoError(b, err)
		secrets[id] = s
	}
	b.ReportAllocs()
	for b.Loop() {
		_, err := local.AuxFromSecrets(b.Context(), secrets)
		require.NoError(b, err)
	}
}

// BenchmarkPresign2of3: CGGMP21 presigning with two signers of a 2-of-3
// key, both in process.
func BenchmarkPresign2of3(b *testing.B) {
	keys := benchKeys(b)
	signers := []transport.PartyID{1, 3}
	b.ReportAllocs()
	for b.Loop() {
		_, err := local.Presign(b.Context(), keys, signers, nil)
		require.NoError(b, err)
	}
}

// BenchmarkSign2of3: signing from a presignature.
func BenchmarkSign2of3(b *testing.B) {
	keys := benchKeys(b)
	signers := []transport.PartyID{1, 3}
	digest := sha256.Sum256([]byte("m"))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		pres, err := local.Presign(b.Context(), keys, signers, nil)
		require.NoError(b, err)
		b.StartTimer()
		_, err = local.SignECDSA(b.Context(), pres, signers, digest[:])
		require.NoError(b, err)
	}
}
