// Extension frames mounted into the site. The URL carries only an opaque handle; the frame
// fetches its work from the background. Heights come back from the background as numbers.
import { extensionUrl } from './runtime';

export type FramePage = 'composer' | 'message';

const byHandle = new Map<string, HTMLIFrameElement>();

export function createFrame(page: FramePage, handle: string, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.src = `${extensionUrl(`extension/${page}.html`)}#${handle}`;
  frame.title = title;
  frame.setAttribute('data-sotto', page);
  frame.setAttribute('allowtransparency', 'true');
  // X's CSS must not restyle us; only layout properties are set here.
  frame.style.cssText =
    'display:block;border:0;width:100%;min-width:220px;height:36px;background:transparent;color-scheme:normal;margin:0;padding:0;';
  byHandle.set(handle, frame);
  return frame;
}

export function releaseFrame(handle: string): void {
  const frame = byHandle.get(handle);
  frame?.remove();
  byHandle.delete(handle);
}

export function resizeFrame(handle: string, height: number): void {
  const frame = byHandle.get(handle);
  if (frame) frame.style.height = `${Math.max(0, Math.min(height, 10_000))}px`;
}

/** Drop bookkeeping for frames the site removed from the DOM. */
export function sweepFrames(): void {
  for (const [handle, frame] of byHandle) if (!frame.isConnected) byHandle.delete(handle);
}

export function liveFrameCount(): number {
  return byHandle.size;
}
