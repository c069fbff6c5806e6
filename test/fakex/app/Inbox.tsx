/** @jsxImportSource react */
import { useEffect, useState } from 'react';
import { type ApiUser, api, avatarUrl, conversationTitle, type InboxEntry, timeText } from './api.ts';
import { Link, navigate } from './router.tsx';
import { C } from './styles.ts';

const INBOX_POLL_MS = 1500;

/** The conversation list shown beside every DM page (X's wide layout). */
export function Inbox({
  me,
  selected,
  refresh,
  onOpen = (id) => navigate(`/messages/${id}`),
}: {
  me: ApiUser;
  selected: string | null;
  refresh: number;
  /** Default: the conversation page; the drawer opens it in place. */
  onOpen?: (id: string) => void;
}) {
  const [items, setItems] = useState<InboxEntry[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is a trigger (activity in the open conversation), reload at once
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.inbox().then(
        (r) => !stopped && setItems(r.conversations),
        () => {},
      );
    void load();
    const timer = setInterval(load, INBOX_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [refresh]);

  return (
    <section className="fx-inbox" aria-label="Section navigation" role="region">
      <h2 style={{ padding: '12px', margin: 0, fontSize: 20 }}>Messages</h2>
      <div role="tablist" aria-label="Conversations">
        {items.map((c) => {
          const others = c.participants.filter((p) => p.id_str !== me.id_str);
          const first = others[0];
          const isSelected = c.conversation_id === selected;
          return (
            <div
              key={c.conversation_id}
              data-testid="conversation"
              role="tab"
              tabIndex={0}
              aria-selected={isSelected}
              className="fx-conv-item"
              onClick={() => onOpen(c.conversation_id)}
              onKeyDown={(e) => e.key === 'Enter' && onOpen(c.conversation_id)}
            >
              <div className={`${C.view} ${C.row}`} style={{ gap: 8 }}>
                {c.type === 'ONE_TO_ONE' && first ? (
                  // As on X, a one-to-one item's avatar links to the profile (and shows the hover card).
                  <Link
                    href={`/${first.screen_name}`}
                    aria-hidden="true"
                    tabIndex={-1}
                    onClick={(e) => e.stopPropagation()}
                  >
                    <img className="fx-avatar" alt="" src={avatarUrl(first.id_str)} />
                  </Link>
                ) : (
                  <img className="fx-avatar" alt="" src={avatarUrl(first?.id_str ?? '0')} />
                )}
                <div className={C.view} style={{ flex: 1, overflow: 'hidden' }}>
                  <div className={`${C.view} ${C.row}`} style={{ gap: 4 }}>
                    <span className={C.text} style={{ fontWeight: 700 }}>
                      {conversationTitle(c, me)}
                    </span>
                    {c.type === 'ONE_TO_ONE' && first && (
                      <span className={`${C.text} ${C.muted}`}>@{first.screen_name}</span>
                    )}
                    {c.last_message && (
                      <span className={`${C.text} ${C.muted}`}>· {timeText(c.last_message.time)}</span>
                    )}
                  </div>
                  {c.last_message && (
                    <div
                      dir="ltr"
                      style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                    >
                      <span className={`${C.text} ${C.muted}`}>{c.last_message.text}</span>
                    </div>
                  )}
                </div>
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}
