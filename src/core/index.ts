// Public surface of the core, for the background (the content script imports
// detect.ts directly so no OpenPGP code reaches its bundle).
export * from './bioToken.ts';
export * from './detect.ts';
export * from './keys.ts';
export * from './limits.ts';
export * from './message.ts';
export * from './result.ts';
export * from './wireToken.ts';
