/** @jsxImportSource react */
import { type DraftHandleValue, Editor, EditorState } from 'draft-js';
import { type KeyboardEvent, useState } from 'react';

/** Non-blank text in the editor STATE (not the DOM) is what enables sending, as on X. */
const textOf = (s: EditorState) => s.getCurrentContent().getPlainText('\n');

/**
 * X's classic DM composer: a real DraftJS editor. Writing the contenteditable's DOM directly does not
 * change the editor state, so the send button stays disabled; real typing, a `paste` event or
 * execCommand('insertText') go through DraftJS and do.
 */
export function Composer({ onSend }: { onSend: (text: string) => void }) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  const canSend = textOf(state).trim() !== '';

  const send = (current: EditorState) => {
    const text = textOf(current);
    if (text.trim() === '') return;
    onSend(text);
    // Cleared right away, keeping focus in the editor, as X does.
    setState(EditorState.moveFocusToEnd(EditorState.createEmpty()));
  };

  const handleReturn = (e: KeyboardEvent, current: EditorState): DraftHandleValue => {
    if (e.shiftKey) return 'not-handled'; // DraftJS splits the block: a newline
    send(current);
    return 'handled';
  };

  return (
    <aside className="fx-composer" aria-label="Start a new message">
      <div className="fx-composer-input" data-testid="dmComposerTextInputRichTextInputContainer">
        <Editor
          editorState={state}
          onChange={setState}
          handleReturn={handleReturn}
          placeholder="Start a new message"
          webDriverTestID="dmComposerTextInput"
          role="textbox"
          ariaMultiline={true}
          spellCheck={true}
        />
      </div>
      <button
        type="button"
        data-testid="dmComposerSendButton"
        aria-label="Send"
        aria-disabled={!canSend}
        disabled={!canSend}
        // No editor.focus() here: DraftJS's focus() re-applies the editor state of the last render,
        // which would bring back the text just sent.
        onClick={() => send(state)}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M2.504 21.866l.526-2.108C3.04 19.719 4 15.823 4 12s-.96-7.719-.97-7.757l-.527-2.109L22.236 12 2.504 21.866zM5.981 13c-.072 1.962-.34 3.833-.583 5.183L17.764 12 5.398 5.818c.242 1.349.51 3.221.583 5.183H10v2H5.981z" />
        </svg>
      </button>
    </aside>
  );
}
