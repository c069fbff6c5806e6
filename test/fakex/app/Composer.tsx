/** @jsxImportSource react */
import { type DraftHandleValue, Editor, EditorState, Modifier } from 'draft-js';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { faults, faultyInsertion, tid } from './switches.ts';

/** Non-blank text in the editor STATE (not the DOM) is what enables sending, as on X. */
const textOf = (s: EditorState) => s.getCurrentContent().getPlainText('\n');

const insertText = (s: EditorState, text: string) =>
  EditorState.push(
    s,
    Modifier.replaceText(s.getCurrentContent(), s.getSelection(), text),
    'insert-characters',
  );

/**
 * X's classic DM composer: a real DraftJS editor. Writing the contenteditable's DOM directly does not
 * change the editor state, so the send button stays disabled; real typing, a `paste` event or
 * execCommand('insertText') go through DraftJS and do.
 */
export function Composer({ onSend }: { onSend: (text: string) => void }) {
  const [state, setState] = useState(() => EditorState.createEmpty());
  const text = textOf(state);
  // The slowSendButton fault: Send enables only a while after the text last changed.
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), faults.slowSendButton ?? 0);
    return () => clearTimeout(timer);
  }, [text]);
  const canSend = text.trim() !== '' && (!faults.slowSendButton || settled === text);

  const send = (current: EditorState) => {
    const text = textOf(current);
    if (text.trim() === '') return;
    onSend(text);
    // Cleared right away, keeping focus in the editor, as X does.
    setState(EditorState.moveFocusToEnd(EditorState.createEmpty()));
  };

  // The insertion faults (switches.ts): a paste, or text inserted in one go, is dropped or mangled.
  const insertFaulty = (text: string, current: EditorState): DraftHandleValue => {
    const taken = faultyInsertion(text);
    if (taken === text) return 'not-handled';
    if (taken !== null) setState(insertText(current, taken));
    return 'handled';
  };

  // Firefox has no `textInput`, so execCommand('insertText') reaches DraftJS only as a DOM change it
  // reads back in onChange: apply the faults there too.
  const onChange = (next: EditorState) => {
    if (faults.rejectPaste || faults.manglePaste) {
      const grown = [...textOf(next)].length - [...textOf(state)].length;
      if (grown > 1 && faults.rejectPaste) {
        setState(EditorState.forceSelection(state, state.getSelection()));
        return;
      }
      const sel = next.getSelection();
      if (grown > 1 && sel.isCollapsed() && sel.getFocusOffset() > 0) {
        const range = sel.merge({ anchorOffset: sel.getFocusOffset() - 1 });
        const content = Modifier.removeRange(next.getCurrentContent(), range, 'backward');
        setState(EditorState.push(next, content, 'remove-range'));
        return;
      }
    }
    setState(next);
  };

  const handleReturn = (e: KeyboardEvent, current: EditorState): DraftHandleValue => {
    if (e.shiftKey) return 'not-handled'; // DraftJS splits the block: a newline
    send(current);
    return 'handled';
  };

  return (
    <aside className="fx-composer" aria-label="Start a new message">
      <div className="fx-composer-input" data-testid={tid('dmComposerTextInputRichTextInputContainer')}>
        <Editor
          editorState={state}
          onChange={onChange}
          handleReturn={handleReturn}
          handlePastedText={(text, _html, current) => insertFaulty(text, current)}
          handleBeforeInput={(chars, current) => insertFaulty(chars, current)}
          placeholder="Start a new message"
          webDriverTestID={tid('dmComposerTextInput')}
          role="textbox"
          ariaMultiline={true}
          spellCheck={true}
        />
      </div>
      {!faults.noSendButton && (
        <button
          type="button"
          data-testid={tid('dmComposerSendButton')}
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
      )}
    </aside>
  );
}
