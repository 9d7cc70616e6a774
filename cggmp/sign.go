package cggmp

// SignProtocol names the one-round signing protocol and its version.
const SignProtocol = "mosaic/cggmp/sign/v1"
