// Tells the background about bios seen outside conversations (profile page, hover cards), once per
// change: it keeps the latest per handle and looks up keys named there.
import { request } from './runtime';
import { biosOnPage } from './sites/xBios';

const sent = new Map<string, string>();

export async function reportBios(): Promise<void> {
  const fresh = biosOnPage().filter((b) => sent.get(b.handle.toLowerCase()) !== b.bio);
  if (fresh.length === 0) return;
  for (const b of fresh) sent.set(b.handle.toLowerCase(), b.bio);
  const bios = fresh.slice(0, 50).map((b) => ({ handle: b.handle, bio: b.bio.slice(0, 2000) }));
  await request({ type: 'bios.seen', bios }).catch(() => {
    for (const b of bios) sent.delete(b.handle.toLowerCase());
  });
}
