// The page's side of the browser party: it loads the Go party
// (mosaic.wasm), joins the server's run, runs each step through the
// JavaScript API the party exposes (globalThis.mosaic) and shows the
// progress and the signatures. It checks the Ed25519 signature itself with
// WebCrypto where the browser supports Ed25519.
"use strict";

const rows = {};
const results = {};

function row(step, sub) {
  if (!rows[step]) {
    const tr = document.createElement("tr");
    if (sub) tr.className = "sub";
    tr.innerHTML = "<td></td><td class='state'></td><td><code></code></td>";
    tr.children[0].textContent = step;
    document.querySelector("#steps tbody").appendChild(tr);
    rows[step] = tr;
  }
  return rows[step];
}

function show(step, state, cls, output, sub) {
  const tr = row(step, sub);
  tr.children[1].textContent = state;
  tr.children[1].className = "state " + cls;
  if (output !== undefined) tr.children[2].firstChild.textContent = output;
}

function status(text) { document.getElementById("status").textContent = text; }

function b64(s) { return Uint8Array.from(atob(s), c => c.charCodeAt(0)); }
function hex(bytes) { return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join(""); }

// onprogress receives the party's events: a step's start, each of its
// rounds, and its end.
function onprogress(json) {
  const e = JSON.parse(json);
  if (e.done) show(e.step, "done in " + e.seconds.toFixed(2) + " s", "done", undefined, true);
  else if (e.round > 0) show(e.step, "round " + e.round, "running", undefined, true);
  else show(e.step, "running", "running", undefined, true);
}

async function verifyEd25519(sig) {
  if (!crypto.subtle) return "no WebCrypto here";
  try {
    const key = await crypto.subtle.importKey("raw", b64(sig.publicKey), { name: "Ed25519" }, false, ["verify"]);
    const ok = await crypto.subtle.verify({ name: "Ed25519" }, key, b64(sig.signature), b64(sig.message));
    return ok ? "verified by WebCrypto" : "REJECTED by WebCrypto";
  } catch (err) {
    return "WebCrypto has no Ed25519 here (" + err.name + ")";
  }
}

async function step(name, f) {
  show(name, "running", "running");
  const t0 = performance.now();
  const out = await f();
  show(name, "done in " + ((performance.now() - t0) / 1000).toFixed(2) + " s", "done", out);
}

async function flow() {
  mosaic.onprogress = onprogress;
  const keys = JSON.parse(mosaic.newKeys());
  status("joining the server's run…");
  const resp = await fetch("api/join", { method: "POST", body: JSON.stringify(keys) });
  if (!resp.ok) throw new Error("join: " + await resp.text());
  const join = await resp.json();
  await step("connect to the relay", async () => {
    await mosaic.start(JSON.stringify(join.plan), join.self);
    return "party " + join.self + " of " + join.plan.parties.join(", ") + "; signers " + join.plan.signers.join(", ");
  });
  status("running");
  await step("key generation", async () => {
    const k = JSON.parse(await mosaic.dkg());
    results.groupKeys = k;
    return "secp256k1 " + k.secp256k1 + "\nedwards25519 " + k.edwards25519;
  });
  await step("FROST Ed25519 signature", async () => {
    const sig = JSON.parse(await mosaic.frost("ed25519"));
    sig.webcrypto = await verifyEd25519(sig);
    results.ed25519 = sig;
    return hex(b64(sig.signature)) + "\n" + sig.webcrypto;
  });
  await step("FROST taproot (BIP-340) signature", async () => {
    const sig = JSON.parse(await mosaic.frost("taproot"));
    results.bip340 = sig;
    return hex(b64(sig.signature));
  });
  await step("ECDSA key (Paillier key and aux-info)", async () => {
    await mosaic.aux();
    return "CGGMP21 key ready";
  });
  await step("CGGMP21 ECDSA signature", async () => {
    const sig = JSON.parse(await mosaic.ecdsa());
    results.ecdsa = sig;
    return hex(b64(sig.signature)) + " (recovery id " + (sig.recoveryId || 0) + ")";
  });
  await step("seal the keys into localStorage", async () => {
    const sizes = JSON.parse(await mosaic.seal("correct horse battery staple"));
    await mosaic.open("correct horse battery staple");
    results.sealed = sizes;
    return "sealed (" + sizes.ecdsa + " + " + sizes.ed25519 + " bytes) and opened again";
  });
  document.getElementById("result").textContent = JSON.stringify(results, null, 2);
  status("done");
}

async function main() {
  const go = new Go();
  const ready = new Promise(resolve => { globalThis.onmosaicready = resolve; });
  const wasm = await WebAssembly.instantiateStreaming(fetch("mosaic.wasm"), go.importObject);
  go.run(wasm.instance);
  await ready;
  await flow();
}

main().catch(err => {
  console.error(err);
  status("error: " + err.message);
});
