// Hard limits for everything the core accepts or produces. Checked before any
// expensive work so hostile input costs little time and bounded memory.

/** X's DM length limit; a token longer than this cannot be sent. */
export const MAX_TOKEN_CHARS = 10_000;

/** Largest ciphertext text (token or armored block) we even look at. */
export const MAX_ARMORED_INPUT = 64 * 1024;

/** Largest plaintext we encrypt or hand back after decryption (UTF-8 bytes). */
export const MAX_PLAINTEXT_BYTES = 256 * 1024;

/**
 * Passed to OpenPGP.js as `config.maxDecompressedMessageSize` (its default is
 * unlimited). Room for the largest plaintext plus the envelope and signatures.
 */
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024;

/** Most recipients (PKESK packets) we accept in a message or encrypt to. */
export const MAX_RECIPIENTS = 64;

/** Most signatures we are willing to check on one message. */
export const MAX_SIGNATURES = 8;

/** Smallest padding bucket: every short message has the same length. */
export const MIN_PADDED_BYTES = 256;

/** Largest key file (armored or binary) accepted for import. */
export const MAX_KEY_INPUT = 256 * 1024;

/** Longest header value we read from an envelope (handles, conversation ids). */
export const MAX_HEADER_VALUE_CHARS = 512;

/** Room for envelope headers and padding on top of MAX_PLAINTEXT_BYTES. */
export const MAX_ENVELOPE_OVERHEAD = 64 * 1024;
