// Standard base64 (RFC 4648 §4) with web-standard APIs only: no Buffer, so the
// same code runs in an MV3 service worker, a content script and Node tests.

const CHUNK = 0x8000; // keeps String.fromCharCode's argument list small

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(bin);
}

/**
 * Strict decode: only the standard alphabet; `=` padding optional (it is added
 * back), but a length that no encoder produces (4n+1) is rejected. Returns null
 * on anything invalid.
 */
export function base64ToBytes(b64: string): Uint8Array | null {
  const body = b64.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(body) || body.length % 4 === 1) return null;
  if (b64.length !== body.length && b64.length % 4 !== 0) return null; // padding present but wrong
  const padded = body + '='.repeat((4 - (body.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(padded);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
