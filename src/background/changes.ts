// Trust changes (a key pinned, accepted, rejected, verified, removed): cached views that show trust
// drop what they hold, and every frame, page and x.com tab is told to refresh.
import { notifyStateChanged } from './notify';

const listeners = new Set<() => void>();

export function onTrustChange(listener: () => void): void {
  listeners.add(listener);
}

export function trustChanged(): void {
  for (const l of listeners) l();
  notifyStateChanged();
}
