// What every frame does once mounted: report its height, load its view (again until the background
// answers, and whenever the background says something changed).
import { useEffect, useState } from 'preact/hooks';
import { onStateChanged } from '../../shared/rpc';
import { loadUntilAnswered, reportHeight } from './frame';

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
