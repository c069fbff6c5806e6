// The latest bio seen for each handle anywhere on X (profile page, partner card, hover card).
// Kept in session storage so a restarted worker still knows them; bios are public anyway.
import { getSession, setSession } from './store';

const MAX_BIOS = 2000;

export interface SeenBio {
  bio: string;
  seenAt: number;
}

let cache: Record<string, SeenBio> | null = null;

async function all(): Promise<Record<string, SeenBio>> {
  cache ??= (await getSession('bios')) ?? {};
  return cache;
}

/** Stores the bios; true when one of them is new or changed. */
export async function remember(entries: Array<{ handle: string; bio: string }>): Promise<boolean> {
  const bios = await all();
  let changed = false;
  for (const { handle, bio } of entries) {
    const key = handle.toLowerCase();
    if (bios[key]?.bio === bio) continue;
    bios[key] = { bio, seenAt: Date.now() };
    changed = true;
  }
  if (!changed) return false;
  const keys = Object.keys(bios);
  if (keys.length > MAX_BIOS) {
    keys.sort((a, b) => (bios[a]?.seenAt ?? 0) - (bios[b]?.seenAt ?? 0));
    for (const k of keys.slice(0, keys.length - MAX_BIOS)) delete bios[k];
  }
  await setSession('bios', bios);
  return true;
}

export async function lastSeen(handle: string): Promise<string | null> {
  return (await all())[handle.toLowerCase()]?.bio ?? null;
}
