/**
 * Start the fake by hand: `npx tsx test/fakex/run.ts`. Prints the port and a Chromium command line
 * that maps x.com and keys.openpgp.org to it; Ctrl-C stops it.
 */
import { startFakeX } from './server.ts';

const fx = await startFakeX();
const group = fx.conversationId(['alice', 'bob', 'carol']);
const rules = `MAP x.com 127.0.0.1:${fx.port}, MAP keys.openpgp.org 127.0.0.1:${fx.port}`;
console.log(`fake x.com on https://127.0.0.1:${fx.port} (Host x.com and keys.openpgp.org)`);
console.log(`chromium --ignore-certificate-errors --host-resolver-rules="${rules}" \\`);
console.log(`  'https://x.com/__login?as=alice&next=/messages/${fx.conversationId(['alice', 'bob'])}'`);
console.log(`group conversation: /messages/${group}`);
process.on('SIGINT', () => {
  void fx.close().then(() => process.exit(0));
});
