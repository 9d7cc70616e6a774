package ecdsa_test

// Vectors transcribed from Project Wycheproof (C2SP/wycheproof,
// testvectors_v1, Apache-2.0) by tcId; see TestWycheproofSelection for the
// files and commits. msg 313233343030 is the ASCII string "123400".

const (
	k1KeyA = "04782c8ed17e3b2a783b5464f33b09652a71c678e05ec51e84e2bcfc663a3de963" +
		"af9acb4280b8c7f7c42f4ef9aba6245ec1ec1712fd38a0fa96418d8cd6aa6152"
	k1KeyB = "04b838ff44e5bc177bf21189d0766082fc9d843226887fc9760371100b7ee20a6f" +
		"f0c9d75bfba7b31a6bca1974496eeb56de357071955d83c4b1badaa0b21832e9"
	r1Key = "042927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838" +
		"c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"

	msg123400 = "313233343030"

	// The DER body shared by secp256k1 tcIds 7 to 36: r and s of tcId 7.
	k1R7 = "022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365"
	k1S7 = "02206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba"
	// The DER body shared by secp256r1 tcIds 7 to 38.
	r1R7 = "02202ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
	r1S7 = "022100b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db"

	// n and p of P-256, for the P1363 range vectors.
	r1N = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
	r1P = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
	// n and p of secp256k1.
	k1N = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"
	k1P = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"
	z32 = "0000000000000000000000000000000000000000000000000000000000000000"
	o32 = "0000000000000000000000000000000000000000000000000000000000000001"
)

func k1DER(tcID int, sig, result string) wycheproofCase {
	return wycheproofCase{tcID: tcID, curve: "secp256k1", pub: k1KeyB, msg: msg123400, sig: sig, result: result}
}

func k1P1363(tcID int, sig, result string) wycheproofCase {
	return wycheproofCase{tcID: tcID, curve: "secp256k1", p1363: true, pub: k1KeyB, msg: msg123400, sig: sig, result: result}
}

func r1DER(tcID int, sig, result string) wycheproofCase {
	return wycheproofCase{tcID: tcID, curve: "secp256r1", pub: r1Key, msg: msg123400, sig: sig, result: result}
}

func r1P1363(tcID int, sig, result string) wycheproofCase {
	return wycheproofCase{tcID: tcID, curve: "secp256r1", p1363: true, pub: r1Key, msg: msg123400, sig: sig, result: result}
}

var wycheproofSelection = []wycheproofCase{
	// ecdsa_secp256k1_sha256_test.json
	{tcID: 1, curve: "secp256k1", pub: k1KeyA, msg: "", result: "valid",
		sig: "3046022100f80ae4f96cdbc9d853f83d47aae225bf407d51c56b7776cd67d0dc195d99a9dc022100b303e26be1f73465315221f0b331528807a1a9b6eb068ede6eebeaaa49af8a36"},
	{tcID: 2, curve: "secp256k1", pub: k1KeyA, msg: "4d7367", result: "valid",
		sig: "30450220109cd8ae0374358984a8249c0a843628f2835ffad1df1a9a69aa2fe72355545c022100ac6f00daf53bd8b1e34da329359b6e08019c5b037fed79ee383ae39f85a159c6"},
	{tcID: 3, curve: "secp256k1", pub: k1KeyA, msg: msg123400, result: "valid",
		sig: "3045022100d035ee1f17fdb0b2681b163e33c359932659990af77dca632012b30b27a057b302201939d9f3b2858bc13e3474cb50e6a82be44faa71940f876c1cba4c3e989202b6"},
	{tcID: 4, curve: "secp256k1", pub: k1KeyA, msg: "0000000000000000000000000000000000000000", result: "valid",
		sig: "304402204f053f563ad34b74fd8c9934ce59e79c2eb8e6eca0fef5b323ca67d5ac7ed23802204d4b05daa0719e773d8617dce5631c5fd6f59c9bdc748e4b55c970040af01be5"},
	// signature malleability: the high-S twin of tcId 7, valid in plain ECDSA
	k1DER(5, "3046022100813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365022100900e75ad233fcc908509dbff5922647db37c21f4afd3203ae8dc4ae7794b0f87", "valid"),
	k1DER(6, "30440220813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc983236502206ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"), // r misses its leading 0
	k1DER(7, "3045"+k1R7+k1S7, "valid"),
	k1DER(8, "308145"+k1R7+k1S7, "invalid"),                   // long-form length
	k1DER(9, "30820045"+k1R7+k1S7, "invalid"),                 // long form with a leading 0
	k1DER(10, "3046"+k1R7+k1S7, "invalid"),                    // length 70 for 69
	k1DER(11, "3044"+k1R7+k1S7, "invalid"),                    // length 68 for 69
	k1DER(12, "30850100000045"+k1R7+k1S7, "invalid"),          // uint32 overflow
	k1DER(18, "3088ffffffffffffffff"+k1R7+k1S7, "invalid"),    // 2^64 - 1
	k1DER(19, "30ff"+k1R7+k1S7, "invalid"),                    // incorrect length
	k1DER(20, "3080"+k1R7+k1S7, "invalid"),                    // indefinite length, unterminated
	k1DER(21, "", "invalid"),                                  // empty
	k1DER(22, "30", "invalid"),                                // lonely tag
	k1DER(23, "3047"+k1R7+k1S7+"0000", "invalid"),             // zeros appended inside
	k1DER(24, "30470000"+k1R7+k1S7, "invalid"),                // zeros prepended inside
	k1DER(25, "3045"+k1R7+k1S7+"0000", "invalid"),             // trailing zeros
	k1DER(26, "3047"+k1R7+k1S7+"0500", "invalid"),             // NULL appended
	k1DER(29, "30473045"+k1R7+k1S7+"0004deadbeef", "invalid"), // garbage appended
	k1DER(33, "3081", "invalid"),                              // truncated length
	k1DER(35, "30803045"+k1R7+k1S7+"0000", "invalid"),         // indefinite composition
	k1DER(36, "30803145"+k1R7+k1S7+"0000", "invalid"),         // wrong inner tag
	k1DER(32, "304d"+k1R7+"2228aa00bb00cd00"+k1S7, "invalid"), // undefined tags
	k1DER(31, "304d2229aa00bb00cd00"+k1R7+k1S7, "invalid"),    // undefined tags
	k1DER(27, "304a4981773045"+k1R7+k1S7, "invalid"),          // garbage prepended
	k1DER(34, "304baa02aabb3045"+k1R7+k1S7, "invalid"),        // undefined tags
	k1DER(30, "304daa00bb00cd003045"+k1R7+k1S7, "invalid"),    // undefined tags
	k1DER(28, "304925003045"+k1R7+k1S7, "invalid"),            // garbage prepended
	k1DER(13, "3089010000000000000045"+k1R7+k1S7, "invalid"),  // uint64 overflow
	k1DER(14, "30847fffffff"+k1R7+k1S7, "invalid"),            // 2^31 - 1
	k1DER(16, "3084ffffffff"+k1R7+k1S7, "invalid"),            // 2^32 - 1
	k1DER(17, "3085ffffffffff"+k1R7+k1S7, "invalid"),          // 2^40 - 1
	k1DER(15, "308480000000"+k1R7+k1S7, "invalid"),            // 2^31

	// ecdsa_secp256r1_sha256_test.json
	r1DER(5, "304402202ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e1802204cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76", "valid"),
	r1DER(6, "304402202ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e180220b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db", "invalid"), // s misses its leading 0
	r1DER(7, "3045"+r1R7+r1S7, "valid"),
	r1DER(8, "308145"+r1R7+r1S7, "invalid"),
	r1DER(9, "30820045"+r1R7+r1S7, "invalid"),
	r1DER(10, "3046"+r1R7+r1S7, "invalid"),
	r1DER(11, "3044"+r1R7+r1S7, "invalid"),
	r1DER(20, "3080"+r1R7+r1S7, "invalid"),
	r1DER(21, "", "invalid"),
	r1DER(22, "30", "invalid"),
	r1DER(23, "3047"+r1R7+r1S7+"0000", "invalid"),
	r1DER(25, "3045"+r1R7+r1S7+"0000", "invalid"),
	r1DER(29, "30473045"+r1R7+r1S7+"0004deadbeef", "invalid"),
	r1DER(32, "304d"+r1R7+"2229aa00bb00cd00"+r1S7, "invalid"),
	r1DER(35, "30803045"+r1R7+r1S7+"0000", "invalid"),
	r1DER(36, "30803145"+r1R7+r1S7+"0000", "invalid"),
	r1DER(37, "0500", "invalid"),
	r1DER(38, "2e45"+r1R7+r1S7, "invalid"),

	// ecdsa_secp256r1_sha256_p1363_test.json
	r1P1363(1, "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e184cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76", "valid"),
	r1P1363(2, "012ba3a8bd6b94d5ed80a6d9d1190a436ebccc0833490686deac8635bcb9bf536900b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db", "invalid"), // r + n
	r1P1363(4, "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db", "invalid"),     // n - r
	r1P1363(5, "012ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e1800b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db", "invalid"), // r + 2^256
	r1P1363(7, "01b329f478a2bbd0a6c384ee1493b1f518276e0e4a5375928d6fcd160c11cb6d2c00b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db", "invalid"), // s + n
	r1P1363(11, z32+z32, "invalid"),
	r1P1363(12, z32+o32, "invalid"),
	r1P1363(13, z32+r1N, "invalid"),
	r1P1363(16, z32+r1P, "invalid"),
	r1P1363(18, o32+z32, "invalid"),
	r1P1363(19, o32+o32, "invalid"),
	r1P1363(20, o32+r1N, "invalid"),
	r1P1363(21, o32+"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550", "invalid"), // s = n - 1
	r1P1363(23, o32+r1P, "invalid"),
	r1P1363(25, r1N+z32, "invalid"),

	// ecdsa_secp256k1_sha256_p1363_test.json
	k1P1363(1, "813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365900e75ad233fcc908509dbff5922647db37c21f4afd3203ae8dc4ae7794b0f87", "valid"),       // high S
	k1P1363(2, "01813ef79ccefa9a56f7ba805f0e478583b90deabca4b05c4574e49b5899b964a6006ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"), // r + n
	k1P1363(4, "7ec10863310565a908457fa0f1b87a79bc4fcf10b9e0e4320ac021c106b31ddc6ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"),     // n - r
	k1P1363(5, "01813ef79ccefa9a56f7ba805f0e478584fe5f0dd5f567bc09b5123ccbc9832365006ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"), // r + 2^256
	k1P1363(7, "016ff18a52dcc0336f7af62400a6dd9b7fc1e197d8aebe203c96c87232272172fb006ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"), // s + n
	k1P1363(9, "016ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba006ff18a52dcc0336f7af62400a6dd9b810732baf1ff758000d6f613a556eb31ba", "invalid"), // s + 2^256
	k1P1363(11, z32+z32, "invalid"),
	k1P1363(13, z32+k1N, "invalid"),
	k1P1363(16, z32+k1P, "invalid"),
	k1P1363(19, o32+o32, "invalid"),
	k1P1363(20, o32+k1N, "invalid"),
	k1P1363(27, k1N+k1N, "invalid"),
	k1P1363(33, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"+o32, "invalid"), // r = n - 1, s = 1
	k1P1363(35, "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", "invalid"),
}
