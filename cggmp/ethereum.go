package cggmp

import (
	"errors"
	"fmt"
	"math"

	"github.com/mosaic-mpc/mosaic/curve"
)

// Errors of the Ethereum v encodings.
var (
	// ErrRecoveryID means the signature has no recovery id that Ethereum
	// can carry: it is nil, not on secp256k1, or its recovery id is not 0
	// or 1.
	ErrRecoveryID = errors.New("cggmp: recovery id has no Ethereum encoding")
	// ErrChainID means an EIP-155 chain id is 0 or so large that
	// chain id·2 + 36 does not fit in 64 bits.
	ErrChainID = errors.New("cggmp: invalid EIP-155 chain id")
)

// MaxEIP155ChainID is the largest chain id EIP155V accepts: the largest for
// which both possible values of v, chain id·2 + 35 and chain id·2 + 36,
// fit in a uint64.
const MaxEIP155ChainID = (math.MaxUint64 - 36) / 2

// yParity returns the recovery id if Ethereum can carry it.
func (sig *Signature) yParity() (byte, error) {
	if !sig.complete() {
		return 0, fmt.Errorf("%w: no signature", ErrRecoveryID)
	}
	if sig.R.Curve().ID() != curve.IDSecp256k1 {
		return 0, fmt.Errorf("%w: signature on %s", ErrRecoveryID, sig.R.Curve().Name())
	}
	if sig.RecoveryID > 1 {
		return 0, fmt.Errorf("%w: recovery id %d", ErrRecoveryID, sig.RecoveryID)
	}
	return sig.RecoveryID, nil
}

// YParity returns v for typed transactions (EIP-2718 envelopes such as
// EIP-1559's): 0 if y(R) is even, 1 if it is odd. A recovery id of 2 or 3
// is refused (ErrRecoveryID).
func (sig *Signature) YParity() (byte, error) {
	return sig.yParity()
}

// EcrecoverV returns v = 27 + y parity (27 or 28), the value the ecrecover
// precompile, eth_sign, personal_sign (EIP-191), EIP-712 signatures and
// legacy transactions without a chain id expect. A recovery id of 2 or 3
// is refused (ErrRecoveryID).
func (sig *Signature) EcrecoverV() (byte, error) {
	p, err := sig.yParity()
	if err != nil {
		return 0, err
	}
	return 27 + p, nil
}

// EIP155V returns v = chainID·2 + 35 + y parity, the value of a legacy
// transaction signed with EIP-155 replay protection for chainID (37 or 38
// on Ethereum mainnet, chain id 1). chainID 0 is refused rather than taken
// to mean "no chain id": a caller that left its chain id unset would get a
// signature replayable on every chain. Use EcrecoverV for a transaction
// that deliberately carries no chain id. A chain id above MaxEIP155ChainID
// is refused rather than wrapped (ErrChainID), and so is a recovery id of
// 2 or 3 (ErrRecoveryID).
func (sig *Signature) EIP155V(chainID uint64) (uint64, error) {
	if chainID == 0 {
		return 0, fmt.Errorf("%w: 0 (use EcrecoverV for a transaction without a chain id)", ErrChainID)
	}
	if chainID > MaxEIP155ChainID {
		return 0, fmt.Errorf("%w: %d exceeds %d", ErrChainID, chainID, uint64(MaxEIP155ChainID))
	}
	p, err := sig.yParity()
	if err != nil {
		return 0, err
	}
	return chainID*2 + 35 + uint64(p), nil
}
