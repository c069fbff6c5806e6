// Fingerprints as people compare them: UPPERCASE hex in groups of four.
export function groupsOfFour(fingerprint: string): string {
  return fingerprint
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ')
    .trim();
}

/** The URI a QR code carries for a fingerprint (what OpenKeychain and others scan). */
export function fingerprintUri(fingerprint: string): string {
  return `openpgp4fpr:${fingerprint.toLowerCase()}`;
}
