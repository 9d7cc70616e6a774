package cggmp

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/frost"
	"github.com/mosaic-mpc/mosaic/hd"
	"github.com/mosaic-mpc/mosaic/internal/testfixtures"
	"github.com/mosaic-mpc/mosaic/paillier"
	"github.com/mosaic-mpc/mosaic/refresh"
	"github.com/mosaic-mpc/mosaic/transport"
	"github.com/mosaic-mpc/mosaic/vss"
	"github.com/stretchr/testify/require"
)

// sessionNonce returns a nonce of n bytes, all b.
func sessionNonce(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }

// sessionAux returns one AuxSecret per fixture key index, made once per
// test: NewAuxSecret draws fresh ring-Pedersen parameters, which would
// change the key's public data and so the session id.
func sessionAux(t *testing.T, n int) []*AuxSecret {
	out := make([]*AuxSecret, n)
	for i := range out {
		sec, err := NewAuxSecret(testfixtures.PaillierKey(t, i), rand.Reader)
		require.NoError(t, err)
		out[i] = sec
	}
	return out
}

// sessionKeySpec describes a key dealt from the polynomial with the given
// coefficients (coeffs[0] is the secret, t = len(coeffs)) to parties; the
// Key returned is self's.
type sessionKeySpec struct {
	coeffs    []uint64
	parties   []transport.PartyID
	self      transport.PartyID
	chainCode []byte
	aux       map[transport.PartyID]*AuxSecret
}

// dealSessionKey builds the Key a dealer would hand self: every share is
// f(j), every public share f(j)·G, and the aux info is assembled from the
// given secrets (the aux-info protocol has its own tests).
func dealSessionKey(t *testing.T, spec sessionKeySpec) *Key {
	c := curve.Secp256k1()
	eval := func(id transport.PartyID) curve.Scalar {
		x, err := vss.IDScalar(c, uint32(id))
		require.NoError(t, err)
		acc, pow := c.NewScalar(), c.ScalarFromUint64(1)
		for _, a := range spec.coeffs {
			acc = acc.Add(c.ScalarFromUint64(a).Mul(pow))
			pow = pow.Mul(x)
		}
		return acc
	}
	share := &dkg.KeyShare{
		Curve: c, Threshold: len(spec.coeffs), Parties: spec.parties, Self: spec.self,
		Secret:       eval(spec.self),
		GroupKey:     c.ScalarBaseMult(c.ScalarFromUint64(spec.coeffs[0])),
		PublicShares: map[transport.PartyID]curve.Point{},
		ChainCode:    spec.chainCode,
	}
	aux := &AuxInfo{Parties: spec.parties, Self: spec.self,
		Paillier: map[transport.PartyID]*paillier.PublicKey{}, Pedersen: map[transport.PartyID]*paillier.PedersenParams{}}
	for _, j := range spec.parties {
		share.PublicShares[j] = c.ScalarBaseMult(eval(j))
		aux.Paillier[j] = spec.aux[j].Paillier.PublicKey()
		aux.Pedersen[j] = spec.aux[j].Pedersen
	}
	aux.Secret = spec.aux[spec.self].Paillier
	k, err := NewKey(share, aux)
	require.NoError(t, err)
	return k
}

// sessionBase is the key every PresignSessionID row starts from, and the
// pieces its rows vary.
type sessionBase struct {
	aux      []*AuxSecret
	pedAgain *AuxSecret // fixture key 0 with other ring-Pedersen parameters
	spec     sessionKeySpec
}

func newSessionBase(t *testing.T) *sessionBase {
	aux := sessionAux(t, 5)
	again, err := NewAuxSecret(aux[0].Paillier, rand.Reader)
	require.NoError(t, err)
	b := &sessionBase{aux: aux, pedAgain: again}
	b.spec = sessionKeySpec{
		coeffs: []uint64{7, 11}, parties: []transport.PartyID{1, 2, 3}, self: 1,
		chainCode: sessionNonce(0xcc, dkg.ChainCodeSize),
		aux:       map[transport.PartyID]*AuxSecret{1: aux[0], 2: aux[1], 3: aux[2], 4: aux[3]},
	}
	return b
}

// with returns a copy of the base spec changed by edit.
func (b *sessionBase) with(edit func(*sessionKeySpec)) sessionKeySpec {
	s := b.spec
	s.aux = map[transport.PartyID]*AuxSecret{}
	for k, v := range b.spec.aux {
		s.aux[k] = v
	}
	if edit != nil {
		edit(&s)
	}
	return s
}

type presignInputs struct {
	spec    sessionKeySpec
	signers []transport.PartyID
	path    hd.Path
	tweak   curve.Scalar
	nonce   []byte
}

func TestPresignSessionID(t *testing.T) {
	c := curve.Secp256k1()
	b := newSessionBase(t)
	base := presignInputs{spec: b.with(nil), signers: []transport.PartyID{1, 2, 3}, nonce: sessionNonce(0x5a, 32)}
	id := func(in presignInputs) []byte {
		sid, err := PresignSessionID(dealSessionKey(t, in.spec), in.signers, in.path, in.tweak, in.nonce)
		require.NoError(t, err)
		require.Len(t, sid, 32)
		return sid
	}
	want := id(base)

	tests := []struct {
		name string
		edit func(*presignInputs)
		same bool
	}{
		{"same inputs", func(*presignInputs) {}, true},
		{"another party's key", func(in *presignInputs) { in.spec.self = 2 }, true},
		{"signers in another order", func(in *presignInputs) { in.signers = []transport.PartyID{3, 1, 2} }, true},
		{"group key", func(in *presignInputs) { in.spec.coeffs = []uint64{8, 11} }, false},
		{"public shares only", func(in *presignInputs) { in.spec.coeffs = []uint64{7, 12} }, false},
		{"threshold only", func(in *presignInputs) { in.spec.coeffs = []uint64{7, 11, 0} }, false},
		{"parties", func(in *presignInputs) { in.spec.parties = []transport.PartyID{1, 2, 3, 4} }, false},
		{"chain code", func(in *presignInputs) { in.spec.chainCode = sessionNonce(0xcd, dkg.ChainCodeSize) }, false},
		{"no chain code", func(in *presignInputs) { in.spec.chainCode = nil }, false},
		{"a Paillier key", func(in *presignInputs) { in.spec.aux[3] = b.aux[4] }, false},
		{"ring-Pedersen parameters", func(in *presignInputs) { in.spec.aux[1] = b.pedAgain }, false},
		{"signers", func(in *presignInputs) { in.signers = []transport.PartyID{1, 3} }, false},
		{"path", func(in *presignInputs) { in.path = hd.Path{0} }, false},
		{"path index", func(in *presignInputs) { in.path = hd.Path{0, 1} }, false},
		{"tweak", func(in *presignInputs) { in.tweak = c.ScalarFromUint64(5) }, false},
		{"zero tweak is not no tweak", func(in *presignInputs) { in.tweak = c.NewScalar() }, false},
		{"nonce", func(in *presignInputs) { in.nonce = sessionNonce(0x5b, 32) }, false},
		{"shortest nonce", func(in *presignInputs) { in.nonce = sessionNonce(0x5a, NonceSize) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			in.spec = b.with(nil)
			tc.edit(&in)
			if tc.same {
				require.Equal(t, want, id(in))
			} else {
				require.NotEqual(t, want, id(in))
			}
		})
	}
}

func TestPresignSessionIDRefuses(t *testing.T) {
	b := newSessionBase(t)
	key := dealSessionKey(t, b.with(nil))
	nonce := sessionNonce(0x5a, 32)
	ed := curve.Edwards25519()
	tests := []struct {
		name    string
		key     *Key
		signers []transport.PartyID
		path    hd.Path
		tweak   curve.Scalar
		nonce   []byte
	}{
		{"short nonce", key, []transport.PartyID{1, 2}, nil, nil, sessionNonce(1, NonceSize-1)},
		{"no nonce", key, []transport.PartyID{1, 2}, nil, nil, nil},
		{"nil key", nil, []transport.PartyID{1, 2}, nil, nil, nonce},
		{"empty key", &Key{}, []transport.PartyID{1, 2}, nil, nil, nonce},
		{"no signers", key, nil, nil, nil, nonce},
		{"signer 0", key, []transport.PartyID{0, 1}, nil, nil, nonce},
		{"duplicate signer", key, []transport.PartyID{1, 1}, nil, nil, nonce},
		{"fewer than t signers", key, []transport.PartyID{1}, nil, nil, nonce},
		{"signer without a share", key, []transport.PartyID{1, 9}, nil, nil, nonce},
		{"hardened path", key, []transport.PartyID{1, 2}, hd.Path{hd.HardenedOffset}, nil, nonce},
		{"tweak on another curve", key, []transport.PartyID{1, 2}, nil, ed.ScalarFromUint64(1), nonce},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, err := PresignSessionID(tc.key, tc.signers, tc.path, tc.tweak, tc.nonce)
			require.ErrorIs(t, err, ErrConfig)
			require.Nil(t, sid)
			sid, err = FullSignSessionID(tc.key, tc.signers, tc.path, tc.tweak, make([]byte, 32), tc.nonce)
			require.ErrorIs(t, err, ErrConfig)
			require.Nil(t, sid)
		})
	}
}

func TestFullSignSessionID(t *testing.T) {
	b := newSessionBase(t)
	key := dealSessionKey(t, b.with(nil))
	signers := []transport.PartyID{1, 2}
	nonce := sessionNonce(0x5a, 32)
	digest := sessionNonce(0xd1, 32)
	id := func(digest []byte) []byte {
		sid, err := FullSignSessionID(key, signers, nil, nil, digest, nonce)
		require.NoError(t, err)
		require.Len(t, sid, 32)
		return sid
	}
	want := id(digest)
	require.Equal(t, want, id(sessionNonce(0xd1, 32)), "deterministic")
	require.NotEqual(t, want, id(sessionNonce(0xd2, 32)), "digest is bound")
	presign, err := PresignSessionID(key, signers, nil, nil, nonce)
	require.NoError(t, err)
	require.NotEqual(t, want, presign, "full signing is another protocol than presigning")
	path, err := FullSignSessionID(key, signers, hd.Path{3}, nil, digest, nonce)
	require.NoError(t, err)
	require.NotEqual(t, want, path, "path is bound")

	for _, n := range []int{0, 31, 33} {
		_, err := FullSignSessionID(key, signers, nil, nil, make([]byte, n), nonce)
		require.ErrorIs(t, err, ErrConfig)
		require.ErrorIs(t, err, ErrDigestLength)
	}
}

// sessionPresignature is the public part of a presignature, as every signer
// of one run holds it; the secret shares play no part in SignSessionID.
func sessionPresignature(self transport.PartyID) *Presignature {
	c := curve.Secp256k1()
	return &Presignature{
		sessionID: sessionNonce(0x70, 32),
		self:      self,
		signers:   []transport.PartyID{1, 2, 3},
		pub:       c.ScalarBaseMult(c.ScalarFromUint64(7)),
		R:         c.ScalarBaseMult(c.ScalarFromUint64(99)),
		secret:    newPresignSecret(c.ScalarFromUint64(uint64(self)+100), c.ScalarFromUint64(uint64(self)+200)),
	}
}

func TestSignSessionID(t *testing.T) {
	c := curve.Secp256k1()
	digest := sessionNonce(0xd1, 32)
	nonce := sessionNonce(0x5a, 32)
	want, err := SignSessionID(sessionPresignature(1), digest, nonce)
	require.NoError(t, err)
	require.Len(t, want, 32)

	tests := []struct {
		name   string
		edit   func(p *Presignature, digest, nonce *[]byte)
		same   bool
		edited bool
	}{
		{"same inputs", func(*Presignature, *[]byte, *[]byte) {}, true, false},
		{"another signer's presignature", func(p *Presignature, _, _ *[]byte) {
			q := sessionPresignature(3)
			p.self, p.secret = q.self, q.secret
		}, true, false},
		{"presigning session", func(p *Presignature, _, _ *[]byte) { p.sessionID = sessionNonce(0x71, 32) }, false, false},
		{"signers", func(p *Presignature, _, _ *[]byte) { p.signers = []transport.PartyID{1, 2} }, false, false},
		{"public key", func(p *Presignature, _, _ *[]byte) { p.pub = c.ScalarBaseMult(c.ScalarFromUint64(8)) }, false, false},
		{"path", func(p *Presignature, _, _ *[]byte) { p.path = hd.Path{4} }, false, false},
		{"tweak", func(p *Presignature, _, _ *[]byte) { p.tweak = c.ScalarFromUint64(5) }, false, false},
		{"digest", func(_ *Presignature, d, _ *[]byte) { *d = sessionNonce(0xd2, 32) }, false, false},
		{"nonce", func(_ *Presignature, _, n *[]byte) { *n = sessionNonce(0x5b, 32) }, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, d, n := sessionPresignature(1), digest, nonce
			tc.edit(p, &d, &n)
			sid, err := SignSessionID(p, d, n)
			require.NoError(t, err)
			requireSameID(t, tc.same, want, sid)
		})
	}
}

func TestSignSessionIDRefuses(t *testing.T) {
	digest := sessionNonce(0xd1, 32)
	nonce := sessionNonce(0x5a, 32)
	tests := []struct {
		name   string
		pres   *Presignature
		digest []byte
		nonce  []byte
		also   error
	}{
		{"short nonce", sessionPresignature(1), digest, sessionNonce(1, NonceSize-1), nil},
		{"nil presignature", nil, digest, nonce, nil},
		{"zero presignature", &Presignature{}, digest, nonce, nil},
		{"no signers", func() *Presignature { p := sessionPresignature(1); p.signers = nil; return p }(), digest, nonce, nil},
		{"short digest", sessionPresignature(1), digest[:31], nonce, ErrDigestLength},
		{"no digest", sessionPresignature(1), nil, nonce, ErrDigestLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, err := SignSessionID(tc.pres, tc.digest, tc.nonce)
			require.ErrorIs(t, err, ErrConfig)
			if tc.also != nil {
				require.ErrorIs(t, err, tc.also)
			}
			require.Nil(t, sid)
		})
	}
}

func TestAuxSessionID(t *testing.T) {
	nonce := sessionNonce(0x5a, 32)
	want, err := AuxSessionID([]transport.PartyID{1, 2, 3}, nonce)
	require.NoError(t, err)
	require.Len(t, want, 32)
	tests := []struct {
		name    string
		parties []transport.PartyID
		nonce   []byte
		same    bool
	}{
		{"same inputs", []transport.PartyID{1, 2, 3}, nonce, true},
		{"parties in another order", []transport.PartyID{2, 3, 1}, nonce, true},
		{"parties", []transport.PartyID{1, 2, 4}, nonce, false},
		{"one party more", []transport.PartyID{1, 2, 3, 4}, nonce, false},
		{"nonce", []transport.PartyID{1, 2, 3}, sessionNonce(0x5b, 32), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, err := AuxSessionID(tc.parties, tc.nonce)
			require.NoError(t, err)
			requireSameID(t, tc.same, want, sid)
		})
	}
}

func TestAuxSessionIDRefuses(t *testing.T) {
	nonce := sessionNonce(0x5a, 32)
	tests := []struct {
		name    string
		parties []transport.PartyID
		nonce   []byte
	}{
		{"short nonce", []transport.PartyID{1, 2, 3}, sessionNonce(1, NonceSize-1)},
		{"no nonce", []transport.PartyID{1, 2, 3}, nil},
		{"no parties", nil, nonce},
		{"party 0", []transport.PartyID{0, 1}, nonce},
		{"duplicate party", []transport.PartyID{1, 2, 2}, nonce},
		{"too many parties", make([]transport.PartyID, transport.MaxParties+1), nonce},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sid, err := AuxSessionID(tc.parties, tc.nonce)
			require.ErrorIs(t, err, ErrConfig)
			require.Nil(t, sid)
		})
	}
}

// TestSessionIDProtocolsNeverCoincide derives the id of every protocol's
// run over the same parties with the same nonce: all differ, so an id
// agreed for one run is never accepted by another protocol.
func TestSessionIDProtocolsNeverCoincide(t *testing.T) {
	b := newSessionBase(t)
	key := dealSessionKey(t, b.with(nil))
	parties := key.Share.Parties
	signers := []transport.PartyID{1, 2}
	nonce := sessionNonce(0x5a, 32)
	digest := sessionNonce(0xd1, 32)
	c := curve.Secp256k1()

	ids := map[string]func() ([]byte, error){
		"dkg": func() ([]byte, error) { return dkg.SessionID(dkg.Protocol, c, parties, key.Share.Threshold, nonce) },
		"dkg named aux": func() ([]byte, error) {
			return dkg.SessionID(AuxProtocol, c, parties, key.Share.Threshold, nonce)
		},
		"refresh":   func() ([]byte, error) { return refresh.SessionID(refresh.PublicOf(key.Share), nonce) },
		"aux":       func() ([]byte, error) { return AuxSessionID(parties, nonce) },
		"presign":   func() ([]byte, error) { return PresignSessionID(key, signers, nil, nil, nonce) },
		"full sign": func() ([]byte, error) { return FullSignSessionID(key, signers, nil, nil, digest, nonce) },
		"sign": func() ([]byte, error) {
			p := sessionPresignature(1)
			p.sessionID, p.signers, p.pub = nonce, signers, key.PublicKey()
			return SignSessionID(p, digest, nonce)
		},
		"frost": func() ([]byte, error) {
			_, pub, err := frost.KeysFromShare(frost.Secp256k1SHA256(), key.Share)
			if err != nil {
				return nil, err
			}
			return frost.SessionID(frost.Secp256k1SHA256(), pub, signers, digest, nonce)
		},
	}
	seen := map[string]string{}
	for name, f := range ids {
		sid, err := f()
		require.NoError(t, err, name)
		require.Len(t, sid, 32, name)
		other, dup := seen[string(sid)]
		require.False(t, dup, "%s and %s share a session id", name, other)
		seen[string(sid)] = name
	}
	require.Len(t, seen, len(ids))
}

// requireSameID checks that got is want when same, and differs otherwise.
func requireSameID(t *testing.T, same bool, want, got []byte) {
	t.Helper()
	if same {
		require.Equal(t, want, got)
	} else {
		require.NotEqual(t, want, got)
	}
}
