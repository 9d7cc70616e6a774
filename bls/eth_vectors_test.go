package bls

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gnark "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/curve"
)

// ethVectorsDir holds Ethereum's consensus BLS test vectors, one JSON
// file per case in the layout of ethereum/bls12-381-tests release v0.1.2
// (testdata/SOURCES.md says how they were obtained and checked). The
// signature cases use the POP ciphersuite; hash_to_G2 uses RFC 9380's
// test tag.
const ethVectorsDir = "../testdata/bls/eth"

// ethCaseCounts is the number of cases in each directory. A directory or
// a file gone missing fails TestEthereumVectors, and so does one added
// without its runner.
var ethCaseCounts = map[string]int{
	"sign":                  10,
	"verify":                29,
	"aggregate":             6,
	"aggregate_verify":      5,
	"fast_aggregate_verify": 12,
	"deserialization_G1":    13,
	"deserialization_G2":    15,
	"hash_to_G2":            4,
}

// ethCase is one file: the input's shape depends on the directory; the
// output is a boolean, a hex string, null, or (hash_to_G2) coordinates.
type ethCase struct {
	Input  json.RawMessage `json:"input"`
	Output json.RawMessage `json:"output"`
}

// ethRunners run one case of each directory through the package's public
// API and fail unless the result is the case's output.
var ethRunners = map[string]func(t *testing.T, c ethCase){
	"sign":                  ethSign,
	"verify":                ethVerify,
	"aggregate":             ethAggregate,
	"aggregate_verify":      ethAggregateVerify,
	"fast_aggregate_verify": ethFastAggregateVerify,
	"deserialization_G1":    ethDeserializationG1,
	"deserialization_G2":    ethDeserializationG2,
	"hash_to_G2":            ethHashToG2,
}

// TestEthereumVectors walks testdata/bls/eth and runs every case; the
// directories and their case counts are asserted first.
func TestEthereumVectors(t *testing.T) {
	entries, err := os.ReadDir(ethVectorsDir)
	require.NoError(t, err)
	var dirs []string
	for _, e := range entries {
		dirs = append(dirs, e.Name())
	}
	var want []string
	for dir := range ethCaseCounts {
		want = append(want, dir)
	}
	slices.Sort(want)
	require.Equal(t, want, dirs, "the vector directories")
	total := 0
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(ethVectorsDir, dir, "*.json"))
		require.NoError(t, err)
		require.Len(t, files, ethCaseCounts[dir], dir)
		run := ethRunners[dir]
		require.NotNil(t, run, dir)
		for _, file := range files {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			var c ethCase
			require.NoError(t, json.Unmarshal(raw, &c), file)
			require.NotEmpty(t, c.Input, file)
			require.NotEmpty(t, c.Output, file)
			t.Run(dir+"/"+strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) { run(t, c) })
			total++
		}
	}
	require.Equal(t, 94, total)
}

// ethReadCase reads one case file, dir/name.json.
func ethReadCase(t *testing.T, dir, name string) ethCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(ethVectorsDir, dir, name+".json"))
	require.NoError(t, err)
	var c ethCase
	require.NoError(t, json.Unmarshal(raw, &c))
	return c
}

// ethHex decodes a hex string with or without the 0x prefix (the
// deserialization cases have none).
func ethHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	require.NoError(t, err)
	return b
}

// ethBool parses a boolean output.
func ethBool(t *testing.T, raw json.RawMessage) bool {
	t.Helper()
	var b bool
	require.NoError(t, json.Unmarshal(raw, &b))
	return b
}

// ethHexOrNull parses an output that is a hex string or null.
func ethHexOrNull(t *testing.T, raw json.RawMessage) (string, bool) {
	t.Helper()
	var s *string
	require.NoError(t, json.Unmarshal(raw, &s))
	if s == nil {
		return "", false
	}
	return strings.TrimPrefix(*s, "0x"), true
}

// ethKeys decodes public keys as KeyValidate does; the first refused key
// is the error.
func ethKeys(t *testing.T, hexKeys []string) ([]curve.Point, error) {
	t.Helper()
	pks := make([]curve.Point, len(hexKeys))
	for i, h := range hexKeys {
		pk, err := KeyValidate(ethHex(t, h))
		if err != nil {
			return nil, err
		}
		pks[i] = pk
	}
	return pks, nil
}

// ethSign: Sign with the POP suite gives the output byte for byte, the
// signature verifies here and under gnark-crypto; a null output (the zero
// key) must be refused.
func ethSign(t *testing.T, c ethCase) {
	var in struct{ Privkey, Message string }
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want, ok := ethHexOrNull(t, c.Output)
	msg := ethHex(t, in.Message)
	sk, err := curve.BLS12381G1().DecodeScalar(ethHex(t, in.Privkey))
	if !ok {
		require.NoError(t, err) // zero is a canonical scalar; Sign refuses it
		_, err = POP().Sign(sk, msg)
		require.ErrorIs(t, err, ErrInput)
		return
	}
	require.NoError(t, err)
	sig, err := POP().Sign(sk, msg)
	require.NoError(t, err)
	require.Equal(t, want, hex.EncodeToString(sig.Bytes()))
	pk, err := SkToPk(sk)
	require.NoError(t, err)
	require.NoError(t, POP().Verify(pk, msg, sig))
	require.True(t, gnarkVerify(t, pk.Bytes(), sig.Bytes(), msg, DSTPOP))
}

// ethVerify: KeyValidate, DecodeSignature and Verify accept exactly the
// cases whose output is true; gnark-crypto accepts those too.
func ethVerify(t *testing.T, c ethCase) {
	var in struct{ Pubkey, Message, Signature string }
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want := ethBool(t, c.Output)
	msg := ethHex(t, in.Message)
	err := func() error {
		pks, err := ethKeys(t, []string{in.Pubkey})
		if err != nil {
			return err
		}
		sig, err := DecodeSignature(ethHex(t, in.Signature))
		if err != nil {
			return err
		}
		return POP().Verify(pks[0], msg, sig)
	}()
	require.Equal(t, want, err == nil, "%v", err)
	if want {
		require.True(t, gnarkVerify(t, ethHex(t, in.Pubkey), ethHex(t, in.Signature), msg, DSTPOP))
	}
}

// ethAggregate: Aggregate of the decoded signatures is the output; a
// null output (no signatures) must be refused. gnark-crypto's sum of the
// same points is the output too.
func ethAggregate(t *testing.T, c ethCase) {
	var in []string
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want, ok := ethHexOrNull(t, c.Output)
	sigs := make([]*Signature, len(in))
	var sum gnark.G2Jac
	for i, h := range in {
		s, err := DecodeSignature(ethHex(t, h))
		require.NoError(t, err)
		sigs[i] = s
		var p gnark.G2Affine
		_, err = p.SetBytes(ethHex(t, h))
		require.NoError(t, err)
		sum.AddMixed(&p)
	}
	agg, err := Aggregate(sigs...)
	if !ok {
		require.ErrorIs(t, err, ErrInput)
		return
	}
	require.NoError(t, err)
	require.Equal(t, want, hex.EncodeToString(agg.Bytes()))
	var ref gnark.G2Affine
	ref.FromJacobian(&sum)
	refBytes := ref.Bytes()
	require.Equal(t, want, hex.EncodeToString(refBytes[:]))
}

// ethAggregateVerify: AggregateVerify (POP suite) accepts exactly the
// cases whose output is true; an undecodable key or signature, or no
// keys, is false.
func ethAggregateVerify(t *testing.T, c ethCase) {
	var in struct {
		Pubkeys, Messages []string
		Signature         string
	}
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want := ethBool(t, c.Output)
	err := func() error {
		pks, err := ethKeys(t, in.Pubkeys)
		if err != nil {
			return err
		}
		sig, err := DecodeSignature(ethHex(t, in.Signature))
		if err != nil {
			return err
		}
		msgs := make([][]byte, len(in.Messages))
		for i, m := range in.Messages {
			msgs[i] = ethHex(t, m)
		}
		return POP().AggregateVerify(pks, msgs, sig)
	}()
	require.Equal(t, want, err == nil, "%v", err)
}

// ethFastAggregateVerify: FastAggregateVerify accepts exactly the cases
// whose output is true; the valid aggregates verify under gnark-crypto
// against the sum of the keys too.
func ethFastAggregateVerify(t *testing.T, c ethCase) {
	var in struct {
		Pubkeys            []string
		Message, Signature string
	}
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want := ethBool(t, c.Output)
	msg := ethHex(t, in.Message)
	pks, err := ethKeys(t, in.Pubkeys)
	if err == nil {
		var sig *Signature
		sig, err = DecodeSignature(ethHex(t, in.Signature))
		if err == nil {
			err = POP().FastAggregateVerify(pks, msg, sig)
		}
	}
	require.Equal(t, want, err == nil, "%v", err)
	if want {
		sum := curve.BLS12381G1().Identity()
		for _, pk := range pks {
			sum = sum.Add(pk)
		}
		require.True(t, gnarkVerify(t, sum.Bytes(), ethHex(t, in.Signature), msg, DSTPOP))
	}
}

// ethDeserializationG1: the output says whether the bytes are a G1 point
// (the identity included) in its canonical compressed encoding; that is
// curve.BLS12381G1's DecodePoint with the identity allowed. KeyValidate
// accepts the same encodings except the identity, which is no key.
func ethDeserializationG1(t *testing.T, c ethCase) {
	var in struct{ Pubkey string }
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want := ethBool(t, c.Output)
	b := ethHex(t, in.Pubkey)
	p, err := curve.BLS12381G1().DecodePoint(b, true)
	require.Equal(t, want, err == nil, "%v", err)
	_, err = KeyValidate(b)
	if want && p.IsIdentity() {
		require.ErrorIs(t, err, ErrInvalidPublicKey)
		require.ErrorIs(t, err, curve.ErrIdentity)
		return
	}
	require.Equal(t, want, err == nil, "%v", err)
	if err != nil {
		require.ErrorIs(t, err, ErrInvalidPublicKey)
	}
}

// ethDeserializationG2: DecodeSignature accepts exactly the cases whose
// output is true, the infinity signature among them. A partial signature
// carrying the identity is still refused, naming its sender.
func ethDeserializationG2(t *testing.T, c ethCase) {
	var in struct{ Signature string }
	require.NoError(t, json.Unmarshal(c.Input, &in))
	want := ethBool(t, c.Output)
	b := ethHex(t, in.Signature)
	sig, err := DecodeSignature(b)
	require.Equal(t, want, err == nil, "%v", err)
	if err != nil {
		require.ErrorIs(t, err, ErrInvalidPoint)
		return
	}
	require.Equal(t, b, sig.Bytes())
	if sig.isIdentity() {
		_, err := DecodePartialSignature(append([]byte{0, 0, 0, 7}, b...))
		require.ErrorIs(t, err, ErrInvalidPartial)
		require.ErrorIs(t, err, ErrInvalidPoint)
		require.Contains(t, err.Error(), "party 7")
	}
}

// ethHashToG2: HashToG2 with RFC 9380's test tag gives the affine point;
// the output lists each coordinate as "c0,c1", x = c0 + c1·u.
func ethHashToG2(t *testing.T, c ethCase) {
	var in struct{ Msg string }
	var out struct{ X, Y string }
	require.NoError(t, json.Unmarshal(c.Input, &in))
	require.NoError(t, json.Unmarshal(c.Output, &out))
	coords := func(s string) []byte {
		parts := strings.Split(s, ",")
		require.Len(t, parts, 2)
		return append(ethHex(t, parts[1]), ethHex(t, parts[0])...) // c1 || c0
	}
	want := append(coords(out.X), coords(out.Y)...)
	got := HashToG2([]byte(in.Msg), []byte(rfc9380G2DST))
	require.Equal(t, hex.EncodeToString(want), hex.EncodeToString(got.p.Bytes()))
}

// TestEthereumInfinitySignature: the infinity signature decodes, is its
// own aggregate, and verifies under no key and no key set, in any suite;
// as a partial signature it is named, in PartialVerify and in Combine,
// even when the partial is not one the combination would use.
func TestEthereumInfinitySignature(t *testing.T) {
	infinity := make([]byte, SignatureSize)
	infinity[0] = 0xc0
	sig, err := DecodeSignature(infinity)
	require.NoError(t, err)
	agg, err := Aggregate(sig, sig)
	require.NoError(t, err)
	require.True(t, agg.Equal(sig))

	sk, pk := randomKey(t)
	msg := []byte("m")
	for _, s := range []Suite{POP(), Basic()} {
		require.ErrorIs(t, s.Verify(pk, msg, sig), ErrInvalidSignature)
		require.ErrorIs(t, s.AggregateVerify([]curve.Point{pk}, [][]byte{msg}, sig), ErrInvalidSignature)
	}
	require.ErrorIs(t, POP().FastAggregateVerify([]curve.Point{pk}, msg, sig), ErrInvalidSignature)
	require.ErrorIs(t, POP().PopVerify(pk, sig), ErrInvalidSignature)
	// A key and its negation: their pairings cancel, so the draft's
	// equation holds for the identity; AggregateVerify refuses it anyway.
	neg := curve.BLS12381G1().Identity().Sub(pk)
	require.ErrorIs(t, POP().AggregateVerify([]curve.Point{pk, neg}, [][]byte{msg, msg}, sig), ErrInvalidSignature)
	honest, err := POP().Sign(sk, msg)
	require.NoError(t, err)
	sum, err := Aggregate(honest, sig)
	require.NoError(t, err)
	require.True(t, sum.Equal(honest))

	ids, shares := thresholdKey(t, 2, 3)
	key := shares[ids[0]]
	ps := partials(t, POP(), shares, ids, msg)
	bad := &PartialSignature{Signer: ids[2], Sig: sig}
	err = POP().PartialVerify(key, msg, bad)
	require.ErrorIs(t, err, ErrInvalidPartial)
	require.ErrorIs(t, err, ErrInvalidPoint)
	_, err = POP().Combine(key, msg, []*PartialSignature{ps[0], ps[1], bad})
	var ce *CombineError
	require.True(t, errors.As(err, &ce), "%v", err)
	require.Equal(t, ids[2:], ce.Culprits)
	good, err := POP().Combine(key, msg, ps[:2])
	require.NoError(t, err)
	require.NoError(t, POP().Verify(key.GroupKey, msg, good))
}
