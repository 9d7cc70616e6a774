package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// wasmPackage is the browser party's package.
const wasmPackage = "github.com/mosaic-mpc/mosaic/examples/web/wasm"

// buildWasm builds the browser party for js/wasm into dir and copies Go's
// wasm_exec.js next to it (lib/wasm since Go 1.24, misc/wasm before).
func buildWasm(ctx context.Context, dir string) error {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the go command is needed to build the browser party: %w", err)
	}
	out, err := exec.CommandContext(ctx, goCmd, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	build := exec.CommandContext(ctx, goCmd, "build", "-trimpath", "-o", filepath.Join(dir, "mosaic.wasm"), wasmPackage)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", wasmPackage, err, msg)
	}
	for _, sub := range []string{"lib/wasm", "misc/wasm"} {
		b, err := os.ReadFile(filepath.Join(goroot, sub, "wasm_exec.js"))
		if err == nil {
			return os.WriteFile(filepath.Join(dir, "wasm_exec.js"), b, 0o644)
		}
	}
	return fmt.Errorf("no wasm_exec.js under %s", goroot)
}
