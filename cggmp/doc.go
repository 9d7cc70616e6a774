// Package cggmp is threshold ECDSA on secp256k1 by Canetti, Gennaro,
// Goldfeder, Makriyannis and Peled, "UC Non-Interactive, Proactive,
// Threshold ECDSA with Identifiable Aborts" (ePrint 2021/060).
package cggmp
