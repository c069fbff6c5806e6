// Extension frames mounted into the site. The URL carries only an opaque handle; the frame
// fetches its work from the background. Heights come back from the background as numbers.
import { extensionUrl } from './runtime';

export type FramePage = 'composer' | 'message';

const byHandle = new Map<string, HTMLIFrameElement>();
// Last height each frame reported, by what it shows: a frame mounted again for the same message
// starts at it, so the page does not jump.
const heights = new Map<string, number>();
const heightKeys = new Map<string, string>();
const MAX_HEIGHTS = 5000;

export function createFrame(
  page: FramePage,
  handle: string,
  title: string,
  heightKey = handle,
): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = `${extensionUrl(`extension/${page}.html`)}#${handle}`;
  frame.title = title;
  frame.setAttribute('data-sotto', page);
  frame.setAttribute('allowtransparency', 'true');
  // X's CSS must not restyle us; only layout properties are set here.
  frame.style.cssText =
    'display:block;border:0;width:100%;min-width:220px;height:36px;background:transparent;color-scheme:normal;margin:0;padding:0;';
  heightKeys.set(handle, heightKey);
  const known = heights.get(heightKey);
  if (known !== undefined) frame.style.height = `${known}px`;
  byHandle.set(handle, frame);
  return frame;
}

export function releaseFrame(handle: string): void {
  const frame = byHandle.get(handle);
  frame?.remove();
  byHandle.delete(handle);
  heightKeys.delete(handle);
}

export function resizeFrame(handle: string, height: number): void {
  const frame = byHandle.get(handle);
  if (!frame) return;
  // The composer's panels (a key change shows two fingerprints) must not squeeze X's message list
  // to nothing on a small window: past half the window the composer scrolls inside its frame.
  const cap = frame.dataset.sotto === 'composer' ? Math.max(160, Math.round(innerHeight / 2)) : 10_000;
  const clamped = Math.max(0, Math.min(height, cap));
  frame.style.height = `${clamped}px`;
  heights.set(heightKeys.get(handle) ?? handle, clamped);
  if (heights.size > MAX_HEIGHTS) heights.delete(heights.keys().next().value!);
}
