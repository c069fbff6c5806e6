/** @jsxImportSource react */
import { useEffect, useState } from 'react';
import { type ApiConversation, type ApiUser, api, avatarUrl, conversationTitle } from './api.ts';
import { Link } from './router.tsx';
import { C } from './styles.ts';

// A min_id beyond every message: the conversation's members without its messages.
const NO_MESSAGES = '9'.repeat(19);

/**
 * `/messages/<id>/info` and `/messages/<id>/participants`: the members as X's `UserCell`s (avatar,
 * name and @handle, each linking to `/<handle>`), the user included. This is where an adapter learns
 * who is in a group.
 */
export function ConversationInfo({ me, id }: { me: ApiUser; id: string }) {
  const [conv, setConv] = useState<ApiConversation | null | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    api.conversation(id, NO_MESSAGES).then(
      (r) => !stopped && setConv(r.conversation),
      () => !stopped && setConv(null),
    );
    return () => {
      stopped = true;
    };
  }, [id]);

  if (conv === undefined) return <div className="fx-section" aria-busy="true" />;
  if (conv === null) return <div className="fx-section">This conversation could not be loaded.</div>;
  const group = conv.type === 'GROUP_DM';
  return (
    <section className="fx-section" aria-label={group ? 'Group info' : 'Conversation info'} role="region">
      <div className="fx-header">
        <Link href={`/messages/${id}`} aria-label="Back">
          ←
        </Link>
        <h2 style={{ margin: 0, fontSize: 17 }}>{group ? 'Group info' : 'Conversation info'}</h2>
      </div>
      {group && (
        <div style={{ padding: '12px 16px', fontWeight: 700 }}>
          <span className={C.text}>{conversationTitle(conv, me)}</span>
        </div>
      )}
      <div aria-label="People" role="list">
        {conv.participants.map((p) => (
          <div
            key={p.id_str}
            data-testid="UserCell"
            role="listitem"
            className={`${C.view} ${C.row} fx-usercell`}
          >
            <Link href={`/${p.screen_name}`} aria-hidden="true" tabIndex={-1}>
              <img className="fx-avatar" alt="" src={avatarUrl(p.id_str)} />
            </Link>
            <div className={C.view}>
              <Link href={`/${p.screen_name}`}>
                <div dir="ltr">
                  <span className={C.text} style={{ fontWeight: 700 }}>
                    {p.name}
                  </span>
                </div>
              </Link>
              <div dir="ltr">
                <span className={`${C.text} ${C.muted}`}>@{p.screen_name}</span>
              </div>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
