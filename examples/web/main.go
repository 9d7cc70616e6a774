// Command web serves a page whose browser is the third party of a 2-of-3
// key, and runs the two other parties itself:
//
//	go run ./examples/web [-addr 127.0.0.1:8080] [-level 2048]
//
// At startup it builds the browser party (examples/web/wasm) for js/wasm
// with the go command into a temporary directory, next to Go's
// wasm_exec.js. It prints the page's URL. Open it: the page creates the
// browser party's keys, joins, and runs over the server's WebSocket relay
// (transport/wsnet) DKG on secp256k1 and edwards25519, FROST signatures in
// the Ed25519 and taproot suites, CGGMP21 aux-info and an ECDSA signature,
// then seals its keys into localStorage with refresh/backup. The page
// shows each step with its progress and the signatures, and checks the
// Ed25519 one with WebCrypto where the browser has it.
//
// Each page load is a new run with new keys. The server trusts the page's
// keys on first use: a deployment authenticates the user (a passkey, a
// session) before it lets a device join a key.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to serve the page on")
	level := flag.Int("level", 2048, "Paillier modulus bits of every party: 2048 (paillier.Level112) or 3072 (Level128)")
	verbose := flag.Bool("v", false, "log the relay's connections")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logLevel := slog.LevelWarn
	if *verbose {
		logLevel = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel}))
	srv, err := newServer(ctx, *level, os.Stderr, log)
	if err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
	defer srv.Close()
	url, err := srv.Listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "web:", err)
		os.Exit(1)
	}
	fmt.Printf("open %s in a browser (Ctrl-C to stop)\n", url)
	<-ctx.Done()
}
