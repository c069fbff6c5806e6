/** @jsxImportSource react */
import { type FormEvent, memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import {
  type ApiConversation,
  type ApiUser,
  api,
  avatarUrl,
  type ChatMessage,
  conversationTitle,
  type InboxEntry,
  timeText,
} from './api.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { RichText } from './RichText.tsx';
import { Link } from './router.tsx';
import { faults, faultyInsertion, tid } from './switches.ts';

const POLL_MS = 400;
const INBOX_POLL_MS = 1500;

/**
 * XChat (`/i/chat/<id>`), X's newer DM UI: Tailwind-style classes instead of react-native-web, a real
 * React-controlled `<textarea>`, its own endpoints. Test ids per x-dom.md "XChat".
 */
export function ChatPage({ me, id }: { me: ApiUser; id: string | null }) {
  const [activity, setActivity] = useState(0);
  const onActivity = useCallback(() => setActivity((n) => n + 1), []);
  return (
    <div data-testid="dm-container" className="flex fx-chat">
      <ChatInbox me={me} selected={id} refresh={activity} />
      {id ? (
        <ErrorBoundary key={id}>
          <ChatConversation me={me} id={id} onActivity={onActivity} />
        </ErrorBoundary>
      ) : (
        <div className="fx-section">
          <h2 style={{ padding: 16 }}>Select a chat</h2>
        </div>
      )}
    </div>
  );
}

function ChatInbox({ me, selected, refresh }: { me: ApiUser; selected: string | null; refresh: number }) {
  const [items, setItems] = useState<InboxEntry[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is a reload trigger
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.chatInbox().then(
        (r) => !stopped && setItems(r.data.conversations),
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
    <div data-testid="dm-inbox-panel" className="fx-inbox">
      <div className="flex" style={{ gap: 8, padding: 12, alignItems: 'center' }}>
        <input data-testid="dm-search-bar" type="search" placeholder="Search" aria-label="Search" />
        <button type="button" data-testid="dm-new-chat-button" aria-label="New chat">
          +
        </button>
      </div>
      <div role="listbox" aria-label="Chats">
        {items.map((c) => {
          const others = c.participants.filter((p) => p.id_str !== me.id_str);
          return (
            <div key={c.conversation_id} data-testid={`dm-conversation-item-${c.conversation_id}`}>
              <Link
                role="option"
                aria-selected={c.conversation_id === selected}
                href={`/i/chat/${c.conversation_id}`}
                className="flex fx-conv-item"
                style={{ gap: 8, color: 'inherit' }}
              >
                <img className="fx-avatar" alt="" src={avatarUrl(others[0]?.id_str ?? '0')} />
                <span style={{ display: 'flex', flexDirection: 'column', minWidth: 0 }}>
                  <span style={{ fontWeight: 700 }}>{conversationTitle(c, me)}</span>
                  {c.last_message && (
                    <span className="fx-chat-preview">
                      {c.last_message.text} · {timeText(c.last_message.time)}
                    </span>
                  )}
                </span>
              </Link>
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface ChatRowProps {
  message: ChatMessage;
  sent: boolean;
  sender: ApiUser | undefined;
  group: boolean;
}

const ChatRow = memo(function ChatRow({ message, sent, sender, group }: ChatRowProps) {
  const showSender = group && !sent && sender;
  const uuid = message.message_id;
  return (
    <li>
      <div
        data-testid={`message-${uuid}`}
        className={`flex ${sent ? 'justify-end' : 'justify-start'}`}
        style={{ gap: 8, padding: '4px 0' }}
      >
        {showSender && (
          <Link href={`/${sender.screen_name}`} aria-label={sender.name}>
            <img className="fx-avatar" alt="" src={avatarUrl(sender.id_str)} />
          </Link>
        )}
        <div className={`fx-chat-bubble ${sent ? 'fx-chat-sent' : 'fx-chat-received'}`}>
          {showSender && <div className="fx-chat-sender">{sender.name}</div>}
          <div data-testid={`${tid('message-text-')}${uuid}`}>
            <span dir="auto" className="whitespace-pre-wrap break-words">
              <RichText text={message.text} />
            </span>
          </div>
          <div className="fx-chat-time">{timeText(message.created_at_msec)}</div>
        </div>
      </div>
    </li>
  );
});

function ChatConversation({ me, id, onActivity }: { me: ApiUser; id: string; onActivity: () => void }) {
  const [conv, setConv] = useState<ApiConversation | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [missing, setMissing] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const pollRef = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    let again = false;
    let after = '0';
    const poll = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        const r = await api.chatMessages(id, after);
        if (stopped) return;
        setConv(r.data.conversation);
        const fresh = r.data.messages;
        if (fresh.length > 0) {
          after = fresh.at(-1)!.sequence_id;
          setMessages((prev) => {
            const seen = new Set(prev.map((m) => m.message_id));
            return [...prev, ...fresh.filter((m) => !seen.has(m.message_id))];
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

  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const onSend = useCallback(
    (text: string) => {
      api.chatSend(id, text).then(
        () => pollRef.current(),
        () => pollRef.current(),
      );
    },
    [id],
  );

  if (missing) return <div className="fx-section">This chat could not be loaded.</div>;
  if (!conv) return <div className="fx-section" aria-busy="true" />;
  const group = conv.type === 'GROUP_DM';
  const partner = conv.participants.find((p) => p.id_str !== me.id_str);
  const byId = new Map(conv.participants.map((p) => [p.id_str, p]));

  return (
    <div data-testid="dm-conversation-panel" className="fx-section">
      <div data-testid="dm-conversation-header" className="fx-header">
        {!group && partner && (
          <Link href={`/${partner.screen_name}`} aria-label={partner.name}>
            <img className="fx-avatar" alt="" src={avatarUrl(partner.id_str)} />
          </Link>
        )}
        <span data-testid="dm-conversation-username" style={{ fontWeight: 700, flex: 1 }}>
          {conversationTitle(conv, me)}
        </span>
      </div>
      <div
        data-testid="dm-message-list-container"
        ref={list}
        className="fx-viewport"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
        }}
      >
        <ul data-testid="dm-message-list" className="fx-chat-list">
          {messages.map((m) => (
            <ChatRow
              key={m.message_id}
              message={m}
              sent={m.sender_id === me.id_str}
              sender={byId.get(m.sender_id)}
              group={group}
            />
          ))}
        </ul>
      </div>
      <ChatComposer key={id} onSend={onSend} />
    </div>
  );
}

/**
 * A controlled textarea: the value lives in React state, so assigning `.value` is not seen (React puts
 * the state back); the native setter plus an `input` event is. The send button exists only while
 * there is text. Enter submits the form, Shift+Enter is a newline.
 */
function ChatComposer({ onSend }: { onSend: (text: string) => void }) {
  const [value, setValue] = useState('');

  const onChange = (next: string) => {
    // The insertion faults act on the part inserted in one step.
    let p = 0;
    while (p < value.length && p < next.length && value[p] === next[p]) p++;
    const inserted = next.slice(p, p + Math.max(0, next.length - value.length));
    const taken = faultyInsertion(inserted);
    if (taken === null) return; // rejected: React restores the old value
    setValue(next.slice(0, p) + taken + next.slice(p + inserted.length));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() === '') return;
    onSend(value);
    setValue('');
  };

  return (
    <form data-testid="dm-composer-form" className="flex fx-chat-form" onSubmit={submit}>
      <textarea
        data-testid={tid('dm-composer-textarea')}
        placeholder="Unencrypted message"
        aria-label="Unencrypted message"
        rows={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
      />
      {value.trim() !== '' && !faults.noSendButton && (
        <button type="submit" data-testid={tid('dm-composer-send-button')} aria-label="Send">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M2.504 21.866l.526-2.108C3.04 19.719 4 15.823 4 12s-.96-7.719-.97-7.757l-.527-2.109L22.236 12 2.504 21.866z" />
          </svg>
        </button>
      )}
    </form>
  );
}
