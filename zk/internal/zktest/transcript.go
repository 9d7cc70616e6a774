package zktest

import (
	"github.com/mosaic-mpc/mosaic/internal/transcript"
	"github.com/mosaic-mpc/mosaic/zk"
)

// Transcript returns a fresh transcript bound the way a protocol binds
// one (zk.BindContext) to session, prover and verifier (0 for a broadcast
// proof). A prover and a verifier that call it with the same arguments
// share the context; any difference makes the proof fail.
func Transcript(session string, prover, verifier uint32) *transcript.Transcript {
	t := transcript.New("mosaic/test/zk")
	zk.BindContext(t, []byte(session), prover, verifier)
	return t
}
