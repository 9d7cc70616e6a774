package testfixtures

import (
	"testing"

	"github.com/mosaic-mpc/mosaic/curve"
	"github.com/mosaic-mpc/mosaic/dkg"
	"github.com/mosaic-mpc/mosaic/transport"
)

// SoloShare returns a fresh 1-of-1 key share on c, made through dkg's
// public API (a one-party run finishes in Start), for tests of what is
// built from or encodes a key share. Packages that dkg imports cannot use
// it in their internal tests.
func SoloShare(tb testing.TB, c curve.Curve) *dkg.KeyShare {
	guard(tb)
	m, err := dkg.New(dkg.Config{Curve: c, Threshold: 1, Parties: []transport.PartyID{1}, Self: 1,
		SessionID: []byte("testfixtures solo share")})
	if err != nil {
		tb.Fatalf("testfixtures: solo share: %v", err)
	}
	if _, err := m.Start(); err != nil {
		tb.Fatalf("testfixtures: solo share: %v", err)
	}
	ks, err := m.Result()
	if err != nil {
		tb.Fatalf("testfixtures: solo share: %v", err)
	}
	return ks
}
