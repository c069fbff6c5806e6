/** @jsxImportSource react */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { type ApiUser, api, avatarUrl } from './api.ts';
import { ChatPage } from './Chat.tsx';
import { Conversation } from './Conversation.tsx';
import { DMDrawer } from './Drawer.tsx';
import { EditProfile } from './EditProfile.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { HoverCards } from './HoverCard.tsx';
import { Inbox } from './Inbox.tsx';
import { ConversationInfo } from './Info.tsx';
import { Profile } from './Profile.tsx';
import { Link, usePath } from './router.tsx';
import { C } from './styles.ts';

function SideNav({ me }: { me: ApiUser }) {
  return (
    <header role="banner" className="fx-nav">
      <nav aria-label="Primary" role="navigation" className={C.view} style={{ gap: 8 }}>
        <Link data-testid="AppTabBar_Home_Link" href="/home" aria-label="Home">
          Home
        </Link>
        <Link data-testid="AppTabBar_DirectMessage_Link" href="/messages" aria-label="Direct Messages">
          Messages
        </Link>
        <Link data-testid="AppTabBar_Profile_Link" href={`/${me.screen_name}`} aria-label="Profile">
          Profile
        </Link>
      </nav>
      <button type="button" data-testid="SideNav_AccountSwitcher_Button" aria-label="Account menu">
        <img className="fx-avatar" alt="" src={avatarUrl(me.id_str)} />
        <div dir="ltr">
          <span className={C.text}>{me.name}</span>
        </div>
        <div dir="ltr">
          <span className={`${C.text} ${C.muted}`}>@{me.screen_name}</span>
        </div>
      </button>
    </header>
  );
}

function Home() {
  return (
    <div data-testid="primaryColumn" className="fx-profile">
      <h2>Home</h2>
      <section aria-label="Timeline: Your Home Timeline" role="region">
        <article data-testid="tweet">
          <div data-testid="tweetText" dir="auto">
            <span>Nothing to see here — this is a fake x.com.</span>
          </div>
        </article>
      </section>
    </div>
  );
}

const HANDLE = /^\/([A-Za-z0-9_]{1,15})\/?$/;
const CONVERSATION = /^\/messages\/([0-9-]+)(?:\/(info|participants))?\/?$/;
const CHAT = /^\/i\/chat(?:\/([0-9]+(?:-[0-9]+)?))?\/?$/;

export function App() {
  const path = usePath();
  const [me, setMe] = useState<ApiUser | null | undefined>(undefined);
  const [activity, setActivity] = useState(0);
  const [profileVersion, setProfileVersion] = useState(0);
  const onActivity = useCallback(() => setActivity((n) => n + 1), []);
  const onSaved = useCallback(() => setProfileVersion((n) => n + 1), []);

  useEffect(() => {
    api.me().then(setMe, () => setMe(null));
  }, []);

  if (me === undefined) return null;
  if (me === null)
    return (
      <main role="main" className="fx-profile">
        <h1>Sign in to X</h1>
        <p>Log in with /__login?as=&lt;handle&gt;&amp;next=&lt;path&gt;.</p>
      </main>
    );

  let content: ReactNode;
  const conv = CONVERSATION.exec(path);
  const handle = HANDLE.exec(path);
  const chat = CHAT.exec(path);
  if (path === '/' || path === '/home') content = <Home />;
  else if (path === '/messages' || path === '/messages/')
    content = (
      <>
        <Inbox me={me} selected={null} refresh={activity} />
        <div className="fx-section" data-testid="emptyState">
          <h2>Select a message</h2>
        </div>
      </>
    );
  else if (conv)
    content = (
      <>
        <Inbox me={me} selected={conv[1]!} refresh={activity} />
        <ErrorBoundary key={path}>
          {conv[2] ? (
            <ConversationInfo me={me} id={conv[1]!} />
          ) : (
            <Conversation me={me} id={conv[1]!} onActivity={onActivity} />
          )}
        </ErrorBoundary>
      </>
    );
  else if (chat) content = <ChatPage me={me} id={chat[1] ?? null} />;
  else if (path === '/settings/profile')
    content = (
      <>
        <Profile me={me} handle={me.screen_name} version={profileVersion} />
        <EditProfile onSaved={onSaved} />
      </>
    );
  else if (handle) content = <Profile me={me} handle={handle[1]!} version={profileVersion} />;
  else
    content = (
      <div className="fx-profile" data-testid="error-detail">
        <span>Hmm...this page doesn’t exist. Try searching for something else.</span>
      </div>
    );

  return (
    <div className="fx-app">
      <SideNav me={me} />
      <main role="main" className="fx-main">
        {content}
      </main>
      {!/^\/(messages|i\/chat)(\/|$)/.test(path) && <DMDrawer me={me} />}
      <HoverCards />
    </div>
  );
}
