package cggmp

import (
	"github.com/mosaic-mpc/mosaic/transport"
)

// identify is called when every proof of presigning verified but
// δ·G ≠ ΣΔ_j or δ·X ≠ ΣS_j: some party lied about δ_j or S_j.
func (st *presignState) identify() error {
	return transport.NewAbortError(PresignProtocol, 3, "δ or S inconsistent; identification not run", ErrPresignConsistency)
}
