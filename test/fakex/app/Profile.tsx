/** @jsxImportSource react */
import { useEffect, useState } from 'react';
import { type ApiUser, api, avatarUrl, joinedText } from './api.ts';
import { RichText } from './RichText.tsx';
import { tcoId } from './richtext.ts';
import { Link } from './router.tsx';
import { C } from './styles.ts';

/** X's one-to-one conversation id: the two numeric ids, smaller first. */
export function oneToOneId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

/** `/<handle>`: the profile header. `version` bumps force a reload (e.g. after saving the bio). */
export function Profile({ me, handle, version }: { me: ApiUser; handle: string; version: number }) {
  const [user, setUser] = useState<ApiUser | null | undefined>(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is a reload trigger
  useEffect(() => {
    let stopped = false;
    api.user(handle).then(
      (u) => !stopped && setUser(u),
      () => !stopped && setUser(null),
    );
    return () => {
      stopped = true;
    };
  }, [handle, version]);

  if (user === undefined) return <div className="fx-profile" aria-busy="true" />;
  if (user === null)
    return (
      <div className="fx-profile" data-testid="emptyState">
        <span>This account doesn’t exist</span>
      </div>
    );
  const own = user.id_str === me.id_str;
  return (
    <div className="fx-profile" data-testid="primaryColumn">
      <div
        className={`${C.view} ${C.row}`}
        style={{ justifyContent: 'space-between', alignItems: 'flex-end' }}
      >
        <img alt="" src={avatarUrl(user.id_str)} style={{ width: 96, height: 96, borderRadius: '50%' }} />
        <div className={`${C.view} ${C.row}`} style={{ gap: 8 }}>
          {own ? (
            <Link data-testid="editProfileButton" href="/settings/profile">
              <span>Edit profile</span>
            </Link>
          ) : (
            <>
              <button type="button" data-testid="userActions" aria-label="More" aria-haspopup="menu">
                ⋯
              </button>
              <Link
                data-testid="sendDMFromProfile"
                aria-label="Message"
                href={`/messages/${oneToOneId(me.id_str, user.id_str)}`}
              >
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                  <path d="M1.998 5.5c0-1.381 1.119-2.5 2.5-2.5h15c1.381 0 2.5 1.119 2.5 2.5v13c0 1.381-1.119 2.5-2.5 2.5h-15c-1.381 0-2.5-1.119-2.5-2.5v-13z" />
                </svg>
              </Link>
            </>
          )}
        </div>
      </div>
      <div data-testid="UserName" className={C.view}>
        <div dir="ltr">
          <span className={C.text} style={{ fontWeight: 800, fontSize: 20 }}>
            {user.name}
          </span>
        </div>
        <div dir="ltr">
          <span className={`${C.text} ${C.muted}`}>@{user.screen_name}</span>
        </div>
      </div>
      {user.description && (
        <div data-testid="UserDescription" dir="auto" className={`${C.text} ${C.preWrap} ${C.breakWord}`}>
          <RichText text={user.description} />
        </div>
      )}
      <div
        data-testid="UserProfileHeader_Items"
        className={`${C.view} ${C.row} ${C.muted}`}
        style={{ gap: 12 }}
      >
        {user.location && (
          <span data-testid="UserLocation">
            <span className={C.text}>{user.location}</span>
          </span>
        )}
        {user.url && (
          <a
            data-testid="UserUrl"
            href={`https://t.co/${tcoId(user.url)}`}
            rel="noopener noreferrer nofollow"
            target="_blank"
            role="link"
          >
            <span className={C.text}>{user.url.replace(/^https?:\/\//, '')}</span>
          </a>
        )}
        <span data-testid="UserJoinDate">
          <span className={C.text}>{joinedText(user.created_at)}</span>
        </span>
      </div>
    </div>
  );
}
