/** @jsxImportSource react */
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { type ApiUser, api } from './api.ts';
import { navigate } from './router.tsx';

type Fields = { name: string; description: string; location: string; url: string };

/**
 * `/settings/profile`: X's edit-profile modal, mounted in `#layers`. The inputs are UNCONTROLLED as on
 * X: a default value plus an onChange that reads the element. Assigning `.value` alone fires no
 * onChange, so Save would post the old bio; the native setter plus an `input` event is seen.
 */
export function EditProfile({ onSaved }: { onSaved: () => void }) {
  const [user, setUser] = useState<ApiUser | null>(null);
  const [error, setError] = useState('');
  const fields = useRef<Fields>({ name: '', description: '', location: '', url: '' });
  const layers = document.getElementById('layers');

  useEffect(() => {
    // Fresh data each time the modal opens, so the defaults are the saved values.
    api.me().then((u) => {
      fields.current = { name: u.name, description: u.description, location: u.location, url: u.url };
      setUser(u);
    });
  }, []);

  const track = (k: keyof Fields) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    fields.current[k] = e.currentTarget.value;
  };
  const close = () => user && navigate(`/${user.screen_name}`);
  const save = () => {
    if (!user) return;
    api.updateProfile({ ...fields.current }).then(
      () => {
        onSaved();
        navigate(`/${user.screen_name}`);
      },
      () => setError('Something went wrong. Try again.'),
    );
  };

  if (!layers || !user) return null;
  return createPortal(
    <div className="fx-dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="modal-header" className="fx-dialog">
        <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <button type="button" data-testid="app-bar-close" aria-label="Close" onClick={close}>
            ✕
          </button>
          <h2 id="modal-header" style={{ flex: 1, margin: 0, fontSize: 20 }}>
            Edit profile
          </h2>
          <button type="button" data-testid="Profile_Save_Button" onClick={save}>
            <span>Save</span>
          </button>
        </div>
        {error && <div role="alert">{error}</div>}
        <label>
          <span>Name</span>
          <input
            name="displayName"
            type="text"
            maxLength={50}
            defaultValue={user.name}
            onChange={track('name')}
          />
        </label>
        <label>
          <span>Bio</span>
          <textarea
            name="description"
            maxLength={160}
            rows={3}
            defaultValue={user.description}
            onChange={track('description')}
          />
        </label>
        <label>
          <span>Location</span>
          <input
            name="location"
            type="text"
            maxLength={30}
            defaultValue={user.location}
            onChange={track('location')}
          />
        </label>
        <label>
          <span>Website</span>
          <input name="url" type="text" maxLength={100} defaultValue={user.url} onChange={track('url')} />
        </label>
      </div>
    </div>,
    layers,
  );
}
