// A labelled file picker that reads the chosen file (size-capped) and hands it over, or says it
// is too large. Shared by key import and backup restore.
import type { MessageKey } from '../../shared/i18n';
import { t } from '../../shared/i18n';
import { type PickedFile, readPickedFile } from './fileInput';

export function FileField(props: {
  label: MessageKey;
  tooLarge: MessageKey;
  testId: string;
  accept: string;
  onFile: (file: PickedFile | null) => void;
  onError: (message: string | null) => void;
}) {
  return (
    <label>
      {t(props.label)}
      <input
        type="file"
        data-testid={props.testId}
        accept={props.accept}
        onChange={async (e) => {
          const picked = (e.target as HTMLInputElement).files?.[0];
          props.onError(null);
          if (!picked) return props.onFile(null);
          const read = await readPickedFile(picked);
          if (read === 'too-large') {
            props.onFile(null);
            props.onError(t(props.tooLarge));
          } else props.onFile(read);
        }}
      />
    </label>
  );
}
