// What every frame does once mounted: report its height, load its view (again until the background
// answers, and whenever the background says something changed).
import { useEffect, useState } from 'preact/hooks';
import { onStateChanged } from '../../shared/rpc';
import { reportHeight } from './frame';

/** Runs `load` as above; true while the background has not answered. */
export function useFrameView(handle: string, load: () => Promise<void>): boolean {
  const [unanswered, setUnanswered] = useState(false);
  useEffect(() => {
    reportHeight(handle);
    const stop = loadUntilAnswered(load, setUnanswered);
    const unsubscribe = onStateChanged(() => void load().catch(() => undefined));
    return () => {
      stop();
      unsubscribe();
    };
  }, [handle, load]);
  return unanswered;
}

// Between tries at loading a frame's view while the background does not answer.
const RELOAD_AFTER_MS = 2000;

/**
 * Runs `load` until it succeeds (the background may be starting, or may have dropped the request),
 * telling `waiting` whether the last try failed. Returns a function that stops it.
 */
function loadUntilAnswered(load: () => Promise<void>, waiting: (failed: boolean) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    try {
      await load();
      waiting(false);
    } catch {
      if (stopped) return;
      waiting(true);
      timer = setTimeout(run, RELOAD_AFTER_MS);
    }
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
