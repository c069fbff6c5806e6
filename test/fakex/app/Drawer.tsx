/** @jsxImportSource react */
import { useCallback, useState } from 'react';
import type { ApiUser } from './api.ts';
import { Conversation } from './Conversation.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Inbox } from './Inbox.tsx';
import { setDrawer, useDrawer } from './router.tsx';

/**
 * X's floating DM drawer, bottom right on every page that is not a DM page. Collapsed it is just the
 * "Messages" header; open it lists the inbox, and a conversation opens inside it (a new history
 * entry, same URL) while the page behind stays. The conversation has the classic page's body.
 */
export function DMDrawer({ me }: { me: ApiUser }) {
  const { open, conversation } = useDrawer();
  const [activity, setActivity] = useState(0);
  const onActivity = useCallback(() => setActivity((n) => n + 1), []);
  const toggle = () => setDrawer({ open: !open, conversation }, false);

  return (
    <div data-testid="DMDrawer" className={`fx-drawer${open ? ' fx-drawer-open' : ''}`}>
      {open && conversation ? (
        <ErrorBoundary key={conversation}>
          <Conversation
            me={me}
            id={conversation}
            onActivity={onActivity}
            drawer={{
              back: () => setDrawer({ open: true, conversation: null }, true),
              collapse: () => setDrawer({ open: false, conversation }, false),
            }}
          />
        </ErrorBoundary>
      ) : (
        <>
          <div
            data-testid="DMDrawerHeader"
            className="fx-header fx-drawer-header"
            role="button"
            tabIndex={0}
            aria-expanded={open}
            aria-label={open ? 'Collapse messages' : 'Open messages'}
            onClick={toggle}
            onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && toggle()}
          >
            <h2 style={{ flex: 1, margin: 0, fontSize: 20 }}>Messages</h2>
            <span aria-hidden="true">{open ? '⌄' : '⌃'}</span>
          </div>
          {open && (
            <Inbox
              me={me}
              selected={null}
              refresh={activity}
              onOpen={(id) => setDrawer({ open: true, conversation: id }, true)}
            />
          )}
        </>
      )}
    </div>
  );
}
