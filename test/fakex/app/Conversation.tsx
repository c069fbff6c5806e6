/** @jsxImportSource react */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import {
  type ApiConversation,
  type ApiMessage,
  type ApiUser,
  api,
  avatarUrl,
  conversationTitle,
  joinedText,
  timeText,
} from './api.ts';
import { Composer } from './Composer.tsx';
import { RichText } from './RichText.tsx';
import { Link } from './router.tsx';
import { C } from './styles.ts';
import { tid } from './switches.ts';
import { VirtualList } from './VirtualList.tsx';

const POLL_MS = 400;

function PartnerCard({ user }: { user: ApiUser }) {
  return (
    <div className={`${C.view} fx-card`}>
      <Link href={`https://x.com/${user.screen_name}`}>
        <img className="fx-avatar" alt="" src={avatarUrl(user.id_str)} />
        <div dir="ltr">
          <span className={C.text}>{user.name}</span>
        </div>
        <div dir="ltr">
          <span className={`${C.text} ${C.muted}`}>@{user.screen_name}</span>
        </div>
      </Link>
      {user.description && (
        <div data-testid="UserDescription" dir="auto" className={`${C.text} ${C.preWrap} ${C.breakWord}`}>
          <RichText text={user.description} />
        </div>
      )}
      <div className={C.muted}>
        <span>{joinedText(user.created_at)}</span> · <span>0 Followers</span>
      </div>
    </div>
  );
}

interface RowProps {
  message: ApiMessage;
  sent: boolean;
  sender: ApiUser | undefined;
  group: boolean;
}

/** Memoised like X's rows: a poll that brings nothing new does not touch existing message nodes. */
const MessageRow = memo(function MessageRow({ message, sent, sender, group }: RowProps) {
  const showSender = group && !sent && sender;
  return (
    <div className={`${C.view} fx-msg`}>
      <div
        data-testid={tid('messageEntry')}
        aria-expanded="false"
        tabIndex={0}
        className={`${C.view} ${sent ? C.alignEnd : C.alignStart}`}
      >
        <div className={`${C.view} ${sent ? C.row : C.rowReverse}`} style={{ gap: 8, maxWidth: '100%' }}>
          <div data-testid="DMCompositeMessage" className={`${C.view} ${sent ? C.alignEnd : C.alignStart}`}>
            <div className={sent ? C.bubbleSent : C.bubbleReceived}>
              <div
                data-testid={tid('tweetText')}
                dir="auto"
                className={`${C.text} ${C.preWrap} ${C.breakWord}`}
              >
                <RichText text={message.text} />
              </div>
            </div>
          </div>
          {showSender && (
            <Link href={`/${sender.screen_name}`} aria-label={sender.name}>
              <img className="fx-avatar" alt="" src={avatarUrl(sender.id_str)} />
            </Link>
          )}
        </div>
        <div className={`${C.view} ${C.row}`} style={{ gap: 4 }}>
          {showSender && <span className={C.muted}>{sender.name} · </span>}
          <span className={C.muted}>{timeText(message.time)}</span>
          {sent && (
            <svg viewBox="0 0 24 24" width="14" height="14" aria-label="Sent" role="img">
              <path d="M9 20c-.264 0-.52-.104-.707-.293l-4.785-4.785 1.414-1.414L9 17.586 19.072 7.5l1.414 1.414-10.779 10.793A1 1 0 0 1 9 20z" />
            </svg>
          )}
        </div>
      </div>
    </div>
  );
});

const lastOwn = (messages: ApiMessage[], me: ApiUser) => {
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.sender_id === me.id_str) return messages[i]!.id;
  return undefined;
};

/** What the floating drawer lets its conversation do. */
export interface DrawerControls {
  back: () => void;
  collapse: () => void;
}

/**
 * The classic DM conversation: header, partner card, messages (polled), composer. On the page it is
 * `section[aria-labelledby="detail-header"]`; in the drawer the same body sits under `DMDrawerHeader`,
 * which also links to the full conversation ("Expand").
 */
export function Conversation({
  me,
  id,
  onActivity,
  drawer,
}: {
  me: ApiUser;
  id: string;
  onActivity: () => void;
  drawer?: DrawerControls;
}) {
  const [conv, setConv] = useState<ApiConversation | null>(null);
  const [messages, setMessages] = useState<ApiMessage[]>([]);
  const [missing, setMissing] = useState(false);
  const pollRef = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let again = false;
    let minId = '0';
    setConv(null);
    setMessages([]);
    setMissing(false);
    const poll = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const r = await api.conversation(id, minId);
        if (stopped) return;
        setConv(r.conversation);
        if (r.messages.length > 0) {
          minId = r.messages.at(-1)!.id;
          setMessages((prev) => {
            const seen = new Set(prev.map((m) => m.id));
            return [...prev, ...r.messages.filter((m) => !seen.has(m.id))];
          });
          onActivity();
        }
      } catch {
        if (!stopped) setMissing(true);
      } finally {
        inFlight = false;
        if (again && !stopped) {
          again = false;
          void poll();
        }
      }
    };
    pollRef.current = () => void poll();
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, onActivity]);

  const onSend = useCallback(
    (text: string) => {
      api.send(id, text).then(
        () => pollRef.current(),
        () => pollRef.current(),
      );
    },
    [id],
  );

  if (missing) return <div className="fx-section">This conversation could not be loaded.</div>;
  if (!conv) return <div className="fx-section" aria-busy="true" />;
  if (drawer) {
    return (
      <>
        <div data-testid="DMDrawerHeader" className="fx-header fx-drawer-header">
          <button type="button" aria-label="Back" onClick={drawer.back}>
            ←
          </button>
          {header(conv)}
          <Link href={`/messages/${id}`} aria-label="Expand">
            ⤢
          </Link>
          <button type="button" aria-label="Collapse" onClick={drawer.collapse}>
            ⌄
          </button>
        </div>
        {body(conv)}
      </>
    );
  }
  return (
    <section className="fx-section" aria-labelledby="detail-header" role="region">
      <div className="fx-header">
        {header(conv)}
        <Link
          href={`/messages/${id}/info`}
          aria-label={conv.type === 'GROUP_DM' ? 'Group info' : 'Conversation info'}
        >
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 10-4.5 10-10S17.5 2 12 2zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z" />
          </svg>
        </Link>
      </div>
      {body(conv)}
    </section>
  );

  function header(conv: ApiConversation) {
    const group = conv.type === 'GROUP_DM';
    const partner = conv.participants.find((p) => p.id_str !== me.id_str);
    return (
      <>
        <Link
          data-testid="DM_Conversation_Avatar"
          href={group ? `/messages/${id}/participants` : `/${partner?.screen_name ?? ''}`}
        >
          <img className="fx-avatar" alt="" src={avatarUrl(partner?.id_str ?? '0')} />
        </Link>
        <h2
          id={drawer ? undefined : 'detail-header'}
          aria-level={2}
          role="heading"
          style={{ flex: 1, margin: 0, fontSize: 17 }}
        >
          <span className={C.text}>{conversationTitle(conv, me)}</span>
        </h2>
      </>
    );
  }

  function body(conv: ApiConversation) {
    const others = conv.participants.filter((p) => p.id_str !== me.id_str);
    const group = conv.type === 'GROUP_DM';
    const partner = others[0];
    const byId = new Map(conv.participants.map((p) => [p.id_str, p]));

    return (
      <>
        <div data-testid="DmActivityContainer" className={C.view} style={{ flex: 1, minHeight: 0 }}>
          <VirtualList
            items={!group && partner ? [partner, ...messages] : messages}
            itemKey={(item) => ('screen_name' in item ? 'card' : item.id)}
            followKey={lastOwn(messages, me)}
            renderItem={(item) =>
              'screen_name' in item ? (
                <PartnerCard user={item} />
              ) : (
                <MessageRow
                  message={item}
                  sent={item.sender_id === me.id_str}
                  sender={byId.get(item.sender_id)}
                  group={group}
                />
              )
            }
          />
        </div>
        <Composer key={id} onSend={onSend} />
      </>
    );
  }
}
