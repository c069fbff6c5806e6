// Reading a key or backup file the user picked: armored text stays text, anything else is sent
// to the background as base64 (runtime messages carry JSON, not bytes).
export interface PickedFile {
  name: string;
  data: string;
  encoding: 'armored' | 'base64';
}

const ARMOR = '-----BEGIN PGP';
/** Larger than any key or backup Sotto accepts; the background checks the real limits. */
export const MAX_PICKED_BYTES = 2 * 1024 * 1024;

export async function readPickedFile(file: File): Promise<PickedFile | 'too-large'> {
  if (file.size > MAX_PICKED_BYTES) return 'too-large';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
  if (head.startsWith(ARMOR))
    return { name: file.name, data: new TextDecoder().decode(bytes), encoding: 'armored' };
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, data: btoa(bin), encoding: 'base64' };
}

/** An object URL for a text download; the caller revokes it. */
export function textDownloadUrl(text: string, type: string): string {
  return URL.createObjectURL(new Blob([text], { type }));
}
