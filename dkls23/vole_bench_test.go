package dkls23

import (
	"crypto/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/internal/ot"
)

// otPair runs the base OTs of one ordered pair in process: party 1 the
// extension sender (Alice), party 2 the receiver (Bob).
func otPair(tb testing.TB) (*ot.Sender, *ot.Receiver) {
	tb.Helper()
	sess := ot.Session{ID: []byte("dkls23 multiplication test"), Sender: 1, Receiver: 2}
	alice, req, err := ot.NewSender(sess, rand.Reader)
	require.NoError(tb, err)
	bob, err := ot.NewReceiver(sess)
	require.NoError(tb, err)
	resp, err := bob.Setup(req, rand.Reader)
	require.NoError(tb, err)
	require.NoError(tb, alice.FinishSetup(resp))
	return alice, bob
}

// BenchmarkMultiply is one two-party multiplication (Protocol 5.2), both
// roles in one goroutine: Bob's extension message, Alice's answer with
// two inputs, Bob's check and shares. A signer of t runs 2(t−1) of these
// halves per signature.
func BenchmarkMultiply(b *testing.B) {
	alice, bob := otPair(b)
	g := gadget()
	a := [voleInputs]scalar{}
	a[0].SetInt(12345)
	a[1].SetInt(67890)
	label := []byte("benchmark session")
	b.ReportAllocs()
	for b.Loop() {
		st, msg, err := bobStart(bob, label, g, rand.Reader)
		require.NoError(b, err)
		_, answer, err := aliceRespond(alice, label, msg, &a, g, rand.Reader)
		require.NoError(b, err)
		_, err = st.bobFinish(answer, g)
		require.NoError(b, err)
	}
}
