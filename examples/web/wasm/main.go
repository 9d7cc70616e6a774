//go:build js && wasm

// Command wasm is the browser party of examples/web: a party compiled to
// js/wasm that exposes a small JavaScript API on globalThis.mosaic. Every
// method that runs a protocol returns a Promise; values go in and out as
// JSON strings.
//
//	mosaic.newKeys()              → '{"identity": …, "box": …}' (base64)
//	mosaic.start(plan, self)      → Promise: connects to the plan's relay
//	mosaic.dkg()                  → Promise '{"secp256k1": hex, "edwards25519": hex}'
//	mosaic.frost("ed25519"|"taproot") → Promise of a signature (JSON)
//	mosaic.aux()                  → Promise: Paillier key, then aux-info
//	mosaic.ecdsa()                → Promise of a signature (JSON)
//	mosaic.seal(passphrase)       → Promise: seals the keys into localStorage
//	mosaic.open(passphrase)       → Promise: opens them from localStorage
//	mosaic.onprogress = f         // f(JSON event) at each step and round
//
// Go runs on the page's thread: a long local step (the safe-prime search of
// aux-info) holds the page until it is over, and the page repaints between
// rounds. A wallet would run this module in a Web Worker.
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/mosaic-mpc/mosaic/examples/web/party"
	"github.com/mosaic-mpc/mosaic/transport"
)

// storageKey is the localStorage entry of the sealed keys.
const storageKey = "mosaic-sealed-keys"

var (
	keys *party.Keys
	p    *party.Party
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("newKeys", js.FuncOf(newKeys))
	api.Set("start", promise(start))
	api.Set("dkg", promise(runDKG))
	api.Set("frost", promise(runFrost))
	api.Set("aux", promise(runAux))
	api.Set("ecdsa", promise(runECDSA))
	api.Set("seal", promise(seal))
	api.Set("open", promise(open))
	js.Global().Set("mosaic", api)
	if f := js.Global().Get("onmosaicready"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
	select {} // the API lives as long as the page
}

// promise wraps f as a JavaScript function returning a Promise that f's
// result (a JSON string) resolves, or its error rejects; f runs on its own
// goroutine, so that it may wait for the network.
func promise(f func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		var exec js.Func
		exec = js.FuncOf(func(_ js.Value, pa []js.Value) any {
			resolve, reject := pa[0], pa[1]
			exec.Release()
			go func() {
				out, err := f(args)
				if err != nil {
					reject.Invoke(js.Global().Get("Error").New(err.Error()))
					return
				}
				b, err := json.Marshal(out)
				if err != nil {
					reject.Invoke(js.Global().Get("Error").New(err.Error()))
					return
				}
				resolve.Invoke(string(b))
			}()
			return nil
		})
		return js.Global().Get("Promise").New(exec)
	})
}

func newKeys(js.Value, []js.Value) any {
	k, err := party.NewKeys()
	if err != nil {
		return js.Global().Get("Error").New(err.Error())
	}
	keys = k
	b, _ := json.Marshal(k.Peer(0))
	return string(b)
}

func progress(e party.Event) {
	f := js.Global().Get("mosaic").Get("onprogress")
	if f.Type() != js.TypeFunction {
		return
	}
	b, _ := json.Marshal(e)
	f.Invoke(string(b))
}

// start(planJSON, self): the plan from the server, this party's id.
func start(args []js.Value) (any, error) {
	if len(args) != 2 || keys == nil {
		return nil, errors.New("start(plan, self) after newKeys()")
	}
	var plan party.Plan
	if err := json.Unmarshal([]byte(args[0].String()), &plan); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	q, err := party.New(transport.PartyID(args[1].Int()), plan, keys)
	if err != nil {
		return nil, err
	}
	q.Progress = progress
	loc := js.Global().Get("location")
	scheme := "ws://"
	if loc.Get("protocol").String() == "https:" {
		scheme = "wss://"
	}
	if err := q.Connect(context.Background(), scheme+loc.Get("host").String()+plan.Relay); err != nil {
		return nil, err
	}
	p = q
	return map[string]any{"self": q.Self, "signer": q.IsSigner()}, nil
}

func ready() error {
	if p == nil {
		return errors.New("call start first")
	}
	return nil
}

func runDKG([]js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	secp, ed, err := p.DKG(context.Background())
	if err != nil {
		return nil, err
	}
	return map[string]string{"secp256k1": hex.EncodeToString(secp), "edwards25519": hex.EncodeToString(ed)}, nil
}

func runFrost(args []js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	if len(args) != 1 {
		return nil, errors.New(`frost("ed25519" or "taproot")`)
	}
	switch suite := args[0].String(); suite {
	case "ed25519":
		return p.Frost(context.Background(), suite, party.Ed25519Message)
	case "taproot":
		return p.Frost(context.Background(), suite, party.TaprootMessage[:])
	default:
		return nil, fmt.Errorf("unknown suite %q", suite)
	}
}

func runAux([]js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	return true, p.Aux(context.Background())
}

func runECDSA([]js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	return p.ECDSA(context.Background(), party.ECDSADigest[:])
}

func passphrase(args []js.Value) ([]byte, error) {
	if len(args) != 1 || args[0].Type() != js.TypeString || args[0].String() == "" {
		return nil, errors.New("a passphrase is required")
	}
	return []byte(args[0].String()), nil
}

// seal(passphrase) seals the keys with refresh/backup and keeps them in
// localStorage; it resolves to the sizes stored.
func seal(args []js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	pass, err := passphrase(args)
	if err != nil {
		return nil, err
	}
	s, err := p.Seal(pass)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	js.Global().Get("localStorage").Call("setItem", storageKey, string(b))
	return map[string]int{"ecdsa": len(s.ECDSA), "ed25519": len(s.Ed25519)}, nil
}

// open(passphrase) opens the keys kept by seal.
func open(args []js.Value) (any, error) {
	if err := ready(); err != nil {
		return nil, err
	}
	pass, err := passphrase(args)
	if err != nil {
		return nil, err
	}
	item := js.Global().Get("localStorage").Call("getItem", storageKey)
	if item.Type() != js.TypeString {
		return nil, errors.New("no sealed keys in localStorage")
	}
	var s party.Sealed
	if err := json.Unmarshal([]byte(item.String()), &s); err != nil {
		return nil, err
	}
	return true, p.Open(&s, pass)
}
