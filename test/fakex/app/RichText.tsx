/** @jsxImportSource react */

import { type Token, tcoId, tokenize } from './richtext.ts';
import { Link } from './router.tsx';
import { C } from './styles.ts';

function renderToken(t: Token, i: number) {
  switch (t.kind) {
    case 'text':
      // One span per text run; newlines stay as "\n" inside it (the parent is pre-wrap).
      return (
        <span key={i} className={C.text}>
          {t.text}
        </span>
      );
    case 'emoji':
      return (
        <img
          key={i}
          alt={t.text}
          draggable={false}
          src={`/emoji/v2/svg/${t.codepoints}.svg`}
          className="fx-emoji"
        />
      );
    case 'url':
      return (
        <a
          key={i}
          dir="ltr"
          href={`https://t.co/${tcoId(t.href)}`}
          rel="noopener noreferrer nofollow"
          target="_blank"
          role="link"
          className={C.text}
        >
          {t.scheme && (
            <span aria-hidden="true" className={C.hidden}>
              {t.scheme}
            </span>
          )}
          {t.visible}
          {t.rest && (
            <>
              <span aria-hidden="true" className={C.hidden}>
                {t.rest}
              </span>
              <span aria-hidden="true" className={C.text}>
                …
              </span>
            </>
          )}
        </a>
      );
    case 'mention':
      return (
        <Link key={i} dir="ltr" href={`/${t.handle}`} className={C.text}>
          {t.text}
        </Link>
      );
    case 'hashtag':
      return (
        <Link
          key={i}
          dir="ltr"
          href={`/hashtag/${encodeURIComponent(t.tag)}?src=hashtag_click`}
          className={C.text}
        >
          {t.text}
        </Link>
      );
    case 'cashtag':
      return (
        <Link key={i} dir="ltr" href={`/search?q=%24${t.symbol}&src=cashtag_click`} className={C.text}>
          {t.text}
        </Link>
      );
  }
}

/** The runs of a message or bio, as X renders them inside a `div[dir=auto]`. */
export function RichText({ text }: { text: string }) {
  return <>{tokenize(text).map(renderToken)}</>;
}
