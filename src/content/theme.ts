// X's theme (light, dim, lights out), read from the page background so frames can match it.
import type { Theme } from '../shared/protocol';

export function pageTheme(): Theme {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(
    getComputedStyle(document.body).backgroundColor,
  );
  if (!m || m[4] === '0') return 'light';
  const luminance = (Number(m[1]) * 299 + Number(m[2]) * 587 + Number(m[3]) * 114) / 1000;
  if (luminance > 128) return 'light';
  return luminance > 20 ? 'dim' : 'dark';
}
