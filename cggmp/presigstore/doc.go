// Package presigstore keeps CGGMP presignatures ([cggmp.Presignature])
// between runs: sealed at rest, and taken at most once, across crashes and
// restarts of the process that holds them.
//
// A presignature signs exactly one digest (CGGMP21, ePrint 2021/060, Fig.
// 8): two signatures with one presignature reveal the key share, so a
// store must never hand out the same one twice, even if the process dies
// in the middle of [Store.Take] and starts again. Losing one is harmless
// (presigning makes another), so where the two conflict a store loses
// rather than repeats.
//
// # Stores
//
// [Store] holds sealed presignatures under caller-chosen ids. [Memory]
// keeps them in memory, for tests and for processes that do not outlive
// their presignatures. [File] keeps one file per presignature in a
// directory:
//
//	dir/tmp/<id>    a Put being written
//	dir/ready/<id>  a presignature available to Take
//	dir/taken/<id>  a tombstone: the id was taken, and is never accepted again
//
// Put writes the sealed bytes to tmp, fsyncs the file, links it into
// ready (a link, unlike a rename, never replaces an existing file), fsyncs
// the ready directory and removes the tmp name. Take reads the first ready
// file, renames it into taken, fsyncs both directories and only then
// returns it; afterwards it empties the tombstone, so no secret stays on
// disk for a taken id. A crash before the rename reached the disk leaves
// the presignature in ready, where the next Take finds it; a crash after it
// leaves a tombstone, and the presignature is never returned again. The
// one presignature a crash can cost is the one whose Take was under way
// and had not returned: at most one per crash, never a repeat.
// [OpenFile] finishes what a crash left: it empties tombstones and removes
// tmp files.
//
// File uses the operating system's rename, link and fsync and nothing
// else, instead of an embedded database such as bbolt: the guarantee
// needed is one atomic move per take, which a rename gives, and the module
// takes no new dependency for it (every dependency is code an auditor has
// to read). One process at a time may open a directory; File serialises
// its own callers but does not lock the directory against other
// processes. The guarantee assumes a file system whose rename and fsync of
// a directory are durable (ext4, xfs, apfs; not every network file system).
//
// # Sealing
//
// [Seal] and [Open] encrypt a presignature's encoding with
// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha; golang.org/x/crypto, which
// the module already uses) under a caller's 32-byte [SealingKey], with a
// random 24-byte nonce and the store id as associated data, so a sealed
// presignature cannot be moved to another id. Package refresh/backup's
// sealing is not reused: it derives its key from a passphrase with
// Argon2id (64 MiB and three passes per file), far too slow for every
// presignature, and it seals a key share, not arbitrary bytes. The
// sealing key should come from the platform's key store, not sit next to
// the directory.
//
// # Presignatures
//
// [Put] encodes ([cggmp.Presignature.MarshalBinary]), seals and stores a
// presignature under a random id and discards the in-memory one, so the
// store holds the only copy. [Take] takes one, opens it, decodes it and
// checks it against the key as it is now ([cggmp.Presignature.CheckKey]):
// one made before a refresh is refused with
// [cggmp.ErrPresignatureGeneration] (and is gone from the store: take the
// next). Restoring a key share from backup does not bring a taken
// presignature back, since the store, not the share, records what was
// taken.
package presigstore
