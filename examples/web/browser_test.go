package main

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"flag"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2/schnorr"
	"github.com/chromedp/chromedp"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decredecdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/stretchr/testify/require"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
)

// screenshot, if set, is where TestBrowserParty writes a PNG (quality
// 100 makes chromedp take a PNG, not a JPEG) of the
// finished page (the one in docs/ was taken with
// -args -screenshot ../../docs/web-party.png).
var screenshot = flag.String("screenshot", "", "write a PNG of the finished page here")

// browserTimeout bounds the whole flow in the browser: two DKGs, two FROST
// signatures, the browser's Paillier key at Level112, aux-info, presigning
// and signing in WebAssembly, and sealing.
const browserTimeout = 4 * time.Minute

// findBrowser returns a Chromium or Chrome binary, or "".
func findBrowser() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// pageResult is what the page prints in #result.
type pageResult struct {
	GroupKeys struct {
		Secp256k1    string `json:"secp256k1"`
		Edwards25519 string `json:"edwards25519"`
	} `json:"groupKeys"`
	Ed25519 struct {
		party.Signature
		WebCrypto string `json:"webcrypto"`
	} `json:"ed25519"`
	BIP340 party.Signature `json:"bip340"`
	ECDSA  party.Signature `json:"ecdsa"`
}

// TestBrowserParty drives headless Chromium through the page: the browser
// party (js/wasm) and the two server parties run DKG, FROST Ed25519 and
// taproot signatures, aux-info and a CGGMP21 ECDSA signature over the
// WebSocket relay; the signatures the page shows are then checked with Go
// verifiers that are not mosaic's own.
func TestBrowserParty(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the browser party and drives a real browser (half a minute or more); skipped in -short mode")
	}
	bin := findBrowser()
	if bin == "" {
		t.Skip("no Chromium or Chrome on PATH (Debian: apt-get install chromium); the browser test cannot run")
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout+2*time.Minute)
	defer cancel()

	log := &lockedWriter{w: new(strings.Builder)}
	srv, err := newServer(ctx, 2048, log, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer srv.Close()
	url, err := srv.Listen("127.0.0.1:0")
	require.NoError(t, err)

	// The flags a sandboxed root with a closed network needs: no sandbox,
	// no GPU, and none of the browser's own background connections.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1100, 900),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	start := time.Now()
	require.NoError(t, chromedp.Do(bctx, chromedp.Navigate(url)), "server log:\n%s", log.String())
	status, err := chromedp.Run(bctx, chromedp.Poll[string](`(() => { const s = document.getElementById("status").textContent; return s === "done" || s.startsWith("error") ? s : null; })()`,
		chromedp.WithPollingTimeout(browserTimeout), chromedp.WithPollingInterval(500*time.Millisecond)))
	require.NoError(t, err, "server log:\n%s", log.String())
	t.Logf("the page finished in %v: %s", time.Since(start).Round(time.Millisecond), status)
	require.Equal(t, "done", status, "server log:\n%s", log.String())
	require.NoError(t, srv.wait(ctx), "the server parties")
	steps, err := chromedp.Run(bctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("#steps tbody tr"), r => r.children[0].textContent + ": " + r.children[1].textContent).join("\n")`))
	require.NoError(t, err)
	t.Logf("the page's steps:\n%s", steps)
	result, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.getElementById("result").textContent`))
	require.NoError(t, err)

	if *screenshot != "" {
		png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(*screenshot, png, 0o644))
	}

	var res pageResult
	require.NoError(t, json.Unmarshal([]byte(result), &res), "the page's result: %s", result)

	// Ed25519: crypto/ed25519, and the page's own WebCrypto check.
	require.True(t, ed25519.Verify(res.Ed25519.PublicKey, res.Ed25519.Message, res.Ed25519.Signature.Signature), "crypto/ed25519")
	require.Equal(t, party.Ed25519Message, res.Ed25519.Message)
	t.Logf("Ed25519 in the page: %s", res.Ed25519.WebCrypto)

	// BIP-340: btcec's verifier.
	require.Equal(t, party.TaprootMessage[:], res.BIP340.Message)
	xonly, err := schnorr.ParsePubKey(res.BIP340.PublicKey)
	require.NoError(t, err)
	sig340, err := schnorr.ParseSignature(res.BIP340.Signature)
	require.NoError(t, err)
	require.True(t, sig340.Verify(res.BIP340.Message, xonly), "btcec BIP-340")

	// ECDSA: decred's verifier, on the key the DKG printed.
	require.Equal(t, party.ECDSADigest[:], res.ECDSA.Message)
	require.Equal(t, res.GroupKeys.Secp256k1, hexString(res.ECDSA.PublicKey))
	pub, err := secp256k1.ParsePubKey(res.ECDSA.PublicKey)
	require.NoError(t, err)
	require.Len(t, res.ECDSA.Signature, 64)
	var r, s secp256k1.ModNScalar
	require.False(t, r.SetByteSlice(res.ECDSA.Signature[:32]), "r overflows")
	require.False(t, s.SetByteSlice(res.ECDSA.Signature[32:]), "s overflows")
	require.True(t, decredecdsa.NewSignature(&r, &s).Verify(res.ECDSA.Message, pub), "decred ECDSA")
	require.False(t, s.IsOverHalfOrder(), "low S")
}
