/**
 * X's text entity rendering, as pure tokenizing: emoji become images, URLs t.co links with hidden
 * parts, mentions/hashtags/cashtags links. Shared by DM bodies and bios.
 */

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'emoji'; text: string; codepoints: string }
  | { kind: 'url'; text: string; href: string; scheme: string; visible: string; rest: string }
  | { kind: 'mention'; text: string; handle: string }
  | { kind: 'hashtag'; text: string; tag: string }
  | { kind: 'cashtag'; text: string; symbol: string };

/** How much of a link's display text X shows before the hidden remainder and "…". */
const VISIBLE_URL_CHARS = 25;

const EMOJI_PART = String.raw`(?:\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)`;
const PATTERNS: Array<[Token['kind'], string]> = [
  [
    'url',
    String.raw`https?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|co|dev|me|ly)\b(?:\/[^\s<>"]*)?`,
  ],
  ['mention', String.raw`(?<![\w@])@[A-Za-z0-9_]{1,15}(?![\w@])`],
  ['hashtag', String.raw`(?<![\w&#])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*`],
  ['cashtag', String.raw`(?<![\w$])\$[A-Za-z]{1,6}(?:[._][A-Za-z]{1,2})?(?![\w$])`],
  ['emoji', String.raw`\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|${EMOJI_PART}(?:\u200D${EMOJI_PART})*`],
];
const ENTITY = new RegExp(PATTERNS.map(([k, p]) => `(?<${k}>${p})`).join('|'), 'giu');

function urlToken(raw: string): Token {
  // Trailing punctuation belongs to the sentence, not the link.
  const text = raw.replace(/[.,;:!?)'\]]+$/, '');
  const m = /^(https?:\/\/)?(.*)$/s.exec(text)!;
  const display = m[2]!;
  const href = m[1] ? text : `http://${text}`;
  const visible = display.length > VISIBLE_URL_CHARS ? display.slice(0, VISIBLE_URL_CHARS) : display;
  return { kind: 'url', text, href, scheme: m[1] ?? '', visible, rest: display.slice(visible.length) };
}

export function tokenize(input: string): Token[] {
  // X trims trailing whitespace of a message before rendering.
  const source = input.replace(/\s+$/u, '');
  const out: Token[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const prev = out.at(-1);
    if (prev?.kind === 'text') prev.text += s;
    else out.push({ kind: 'text', text: s });
  };
  for (const m of source.matchAll(ENTITY)) {
    const g = m.groups!;
    let tok: Token;
    if (g.url) tok = urlToken(g.url);
    else if (g.mention) tok = { kind: 'mention', text: g.mention, handle: g.mention.slice(1) };
    else if (g.hashtag) tok = { kind: 'hashtag', text: g.hashtag, tag: g.hashtag.slice(1) };
    else if (g.cashtag) tok = { kind: 'cashtag', text: g.cashtag, symbol: g.cashtag.slice(1) };
    else tok = { kind: 'emoji', text: m[0], codepoints: emojiCodepoints(m[0]) };
    pushText(source.slice(last, m.index));
    out.push(tok);
    // A URL may give back trailing punctuation: it becomes text again.
    last = m.index + tok.text.length;
  }
  pushText(source.slice(last));
  // Whitespace-only leading/trailing runs are dropped.
  if (out[0]?.kind === 'text' && out[0].text.trim() === '') out.shift();
  const tail = out.at(-1);
  if (tail?.kind === 'text' && tail.text.trim() === '') out.pop();
  return out;
}

/** Twemoji file names: hex code points joined by "-", variation selector 16 left out. */
export function emojiCodepoints(emoji: string): string {
  return [...emoji]
    .map((c) => c.codePointAt(0)!)
    .filter((cp) => cp !== 0xfe0f)
    .map((cp) => cp.toString(16))
    .join('-');
}

/** A stable fake t.co id for a URL (X shortens every link). */
export function tcoId(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let id = '';
  let x = h * 7919 + url.length;
  for (let i = 0; i < 10; i++) {
    id += alphabet[x % 62];
    x = Math.floor(x / 62) + ((h >>> i) & 0xff) * 31;
  }
  return id;
}
