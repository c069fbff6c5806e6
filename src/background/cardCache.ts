// Key cards seen this session, by primary fingerprint: a discovery source that is checked against
// the bio again on every use, like any other.
const MAX_CARDS = 200;
const cards = new Map<string, Uint8Array>();

export function cardFor(fingerprint: string): Uint8Array | undefined {
  return cards.get(fingerprint);
}

export function rememberCard(fingerprint: string, bytes: Uint8Array): void {
  cards.delete(fingerprint);
  cards.set(fingerprint, bytes);
  if (cards.size > MAX_CARDS) {
    const oldest = cards.keys().next().value;
    if (oldest !== undefined) cards.delete(oldest);
  }
}
