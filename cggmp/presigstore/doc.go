// Package presigstore keeps CGGMP presignatures ([cggmp.Presignature])
// between runs: sealed at rest, taken at most once across crashes and
// restarts of the process that holds them, refilled in the background,
// expired after a maximum age, and retired by a refresh of the key.
//
// A presignature signs exactly one digest (CGGMP21, ePrint 2021/060, Fig.
// 8): two signatures with one presignature reveal the key share, so a
// store must never hand out the same one twice, even if the process dies
// in the middle of [Store.Take] and starts again. Losing one is harmless
// (presigning makes another), so where the two conflict a store loses
// rather than repeats.
//
// # Pools
//
// A [Pool] is what applications use: one party's presignatures for one
// key, in a [Store]. [Pool.Put] checks a presignature against the key
// ([cggmp.Presignature.CheckKey]), encodes it, seals it, stores it under
// [ID] and discards the in-memory one, so the store holds the only copy.
// [Pool.Take] hands out the oldest usable one, [Pool.TakeID] a named one;
// both open, decode and check it against the key as it is now.
// [Pool.Run] keeps [Config.Target] presignatures ready: it calls
// [Config.Presign] whenever fewer are ready (a Take wakes it), backs off
// after a failure (from [Config.MinBackoff], doubling up to
// [Config.MaxBackoff]; the error goes to [Config.OnError] and [Pool.Err],
// and Run carries on), and sleeps while the pool is full. [Pool.Fill]
// does the same once, for a process that wants presignatures ready before
// it serves. The pool logs its progress to [Config.Logger] under
// [Config.Name]: counts, durations, presignature ids and error texts,
// never key material or sealed bytes.
//
// # Several signers
//
// Presigning is interactive: one presignature is made by a run of
// [cggmp.NewPresign] among the signers, and each signer ends with its own
// share of it. Each signer keeps its shares in its own pool. One party
// drives presigning (a coordinator, or the signer that requests
// signatures): its pool's Presign invites the other signers to a run and
// returns its own output. Each other signer joins the runs it is invited
// to and stores its output with [Pool.Put]; its pool needs no Presign or
// Target (its Run, with Target 0, only discards expired presignatures).
//
// Every signer of one signature must use its share of the same
// presignature. [ID] derives the id from the presignature's public part
// (key, signers, derivation path and nonce point R), the same at every
// signer of a run, so the shares of one run are stored under one id at
// every signer. The driving party chooses with [Pool.Take] and names the
// id in its signing request; every other signer takes exactly that one
// with [Pool.TakeID], never with Take, which would pick its own oldest
// and need not match. TakeID of an id taken before is [ErrTaken]: a
// request to sign twice with one presignature, which a signer refuses and
// should report. Expiry is judged by each signer's own clock; a
// presignature one signer has discarded fails that signature
// ([ErrNotFound] or [ErrExpired]), and the driver takes another.
//
// # Expiry and key generations
//
// Every sealed record carries, in its authenticated header, the time it
// was stored ([Config.Now]; the package reads the clock through it only)
// and the key generation it was made for ([cggmp.KeyGeneration]). With a
// [Config.MaxAge], a presignature at least that old is discarded by Run
// (which wakes for the oldest one's expiry) and by Take, and refused by
// TakeID ([ErrExpired]). After a refresh, [Pool.SetKey] gives the pool the
// new key: presignatures of the previous generation are refused
// ([cggmp.ErrPresignatureGeneration]) and discarded, and Run refills with
// the new key. A presignature held in memory across a refresh is refused
// by [cggmp.NewSign] given the current key ([cggmp.SignConfig.Key]).
// Restoring a key share from backup does not bring a taken presignature
// back, since the store, not the share, records what was taken. Restoring
// the store's directory from a backup would: keep it out of backups, and
// set a MaxAge, which also bounds the presignatures such a restore could
// bring back to those younger than MaxAge.
//
// # Stores
//
// [Store] holds sealed presignatures under ids. [Memory] keeps them in
// memory, for tests and for processes that do not outlive their
// presignatures. [File] keeps one file per presignature in a directory:
//
//	dir/lock        the lock OpenFile holds while the File is open
//	dir/tmp/<id>    a Put being written
//	dir/ready/<id>  a presignature available to Take
//	dir/taken/<id>  a tombstone: the id was taken, and is never accepted again
//
// Put writes the sealed bytes to tmp, fsyncs the file, links it into
// ready (a link, unlike a rename, never replaces an existing file), fsyncs
// the ready directory and removes the tmp name. Take and TakeID read the
// ready file, rename it into taken, fsync both directories and only then
// return it; afterwards they empty the tombstone, so no secret stays on
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
// to read). The guarantee assumes a file system whose rename and fsync of
// a directory are durable (ext4, xfs, apfs; not every network file system).
//
// One File at a time may use a directory. On Linux, the BSDs, macOS and
// Solaris, OpenFile takes an exclusive flock(2) on dir/lock and fails with
// [ErrLocked] while another process (or another File in this process)
// holds it; [File.Close] releases it, and so does the kernel when the
// holder dies. Windows, js/wasm, WASI, AIX and Plan 9 have no flock:
// there OpenFile does not lock, and keeping a second process away is the
// deployment's duty. Single use does not rest on the lock (of two
// processes that race to take one presignature, one rename fails); the
// lock keeps a second process from deleting the first one's half-written
// Puts, which costs presignatures, not safety.
//
// # Sealing
//
// [Seal] and [Open] encrypt a presignature's encoding with
// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha; golang.org/x/crypto, which
// the module already uses) under a caller's 32-byte [SealingKey], with a
// random 24-byte nonce. The record's header (format version, creation
// time, key generation; [Meta]) is in the clear, so that [ReadMeta] lets
// a pool judge a record without the key, and is authenticated with the
// store id as associated data: a sealed presignature cannot be moved to
// another id, nor made younger. Open still reads records of the first
// format, which had no header but the version; their age is unknown, so
// a pool with a MaxAge refuses them ([ErrExpired]). Package
// refresh/backup's sealing is not reused: it derives its key from a
// passphrase with Argon2id (64 MiB and three passes per file), far too
// slow for every presignature, and it seals a key share, not arbitrary
// bytes. The sealing key should come from the platform's key store, not
// sit next to the directory.
package presigstore
