// Length buckets for the envelope, so ciphertext length says little about the
// text. Padmé (Nikitin et al., PETS 2019) leaks O(log log n) bits with at most
// ~12% overhead; below MIN_PADDED_BYTES every message has the same length.

import { MIN_PADDED_BYTES } from './limits.ts';

export function paddedLength(n: number): number {
  if (n <= MIN_PADDED_BYTES) return MIN_PADDED_BYTES;
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  // Round n up to a multiple of 2^(e-s) (arithmetic, not bitwise: no 32-bit limit).
  return Math.ceil(n / (mask + 1)) * (mask + 1);
}
