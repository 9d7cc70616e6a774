package ot

import (
	"crypto/sha256"
	"encoding/binary"
)

// This file holds what both sides of the KOS15 extension compute alike:
// the column generator, the check challenges and the row hash.

// expandColumn is the PRG G of IKNP/KOS15: it stretches one 32-byte
// base-OT key into one column of count + κ + s bits, bound to the session,
// the pair, the batch and the column index, so that two batches (or two
// sessions) never reuse a column.
func expandColumn(sess Session, key *[32]byte, batch uint64, column, count int) []byte {
	t := sess.transcript("extension/column")
	t.AppendBytes("base key", key[:])
	t.AppendUint64("batch", batch)
	t.AppendUint64("count", uint64(count))
	t.AppendUint64("column", uint64(column))
	return t.ChallengeBytes("column", rowBytes(count))
}

// checkChallenges derives χ_1 … χ_m of the KOS15 Fig. 10 consistency
// check, one field element per chunk of a column but the last, from a hash
// of the session, the pair, the batch and all the columns u^i: the
// random-oracle (Fiat–Shamir) form of the sender's coin toss, as DKLs23
// does, so that the extension is one message. The columns are absorbed
// before the χ exist, so the receiver cannot choose u after seeing them.
func checkChallenges(sess Session, batch uint64, count int, columns [][]byte) []gf256 {
	t := sess.transcript("extension/check")
	t.AppendUint64("batch", batch)
	t.AppendUint64("count", uint64(count))
	for _, col := range columns {
		t.AppendBytes("u", col)
	}
	chunks := extendedRows(count)/checkBits - 1
	raw := t.ChallengeBytes("chi", checkBytes*chunks)
	chi := make([]gf256, chunks)
	for k := range chi {
		chi[k] = gfFromBytes(raw[checkBytes*k : checkBytes*(k+1)])
	}
	return chi
}

// compress is the universal hash of the check: Σ_k χ_k·v^(k) + v^(m+1),
// where v^(k) is the k-th 256-bit chunk of the column v and v^(m+1) its
// last, random chunk.
func compress(chi []gf256, v []byte) gf256 {
	acc := gfFromBytes(v[checkBytes*len(chi):])
	for k, c := range chi {
		acc = acc.add(gfMul(c, gfFromBytes(v[checkBytes*k:checkBytes*(k+1)])))
	}
	return acc
}

// rowHasher is the hash H of KOS15's output step, tweaked by the row index
// and bound to the session, the pair and the batch: the OT message of row j
// is H(j, row). The binding is done once per batch, by a 32-byte key drawn
// from the session's transcript; each row is then one SHA-256 block,
// SHA-256(key || j || row), which keeps the hash of the thousands of rows
// of a batch off the critical path (a cSHAKE per row cost a fifth of a
// DKLs23 signature).
type rowHasher struct{ key [32]byte }

func newRowHasher(sess Session, batch uint64) rowHasher {
	t := sess.transcript("extension/output")
	t.AppendUint64("batch", batch)
	var h rowHasher
	copy(h.key[:], t.ChallengeBytes("row key", len(h.key)))
	return h
}

func (h rowHasher) hash(j int, row [16]byte) [MessageSize]byte {
	var in [32 + 8 + 16]byte
	copy(in[:32], h.key[:])
	binary.BigEndian.PutUint64(in[32:40], uint64(j))
	copy(in[40:], row[:])
	return sha256.Sum256(in[:])
}
