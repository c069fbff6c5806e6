/**
 * Start the fake by hand: `npx tsx test/fakex/run.ts`. Prints the port and a Chromium command line
 * that maps x.com and keys.openpgp.org to it; Ctrl-C stops it.
 */
import { startFakeX } from './server.ts';

const fx = await startFakeX();
const group = fx.createGroup(['alice', 'bob', 'carol', 'dave'], 'Birders');
fx.seed(group, [
  { from: 'carol', text: 'Anyone out at the marsh today?' },
  { from: 'dave', text: 'Saw a heron 🐦 at 7' },
]);
const long = fx.conversationId(['alice', 'dave']);
fx.seed(
  long,
  Array.from({ length: 1000 }, (_, i) => ({ from: i % 2 ? 'alice' : 'dave', text: `message ${i}` })),
);
const rules = `MAP x.com 127.0.0.1:${fx.port}, MAP keys.openpgp.org 127.0.0.1:${fx.port}`;
console.log(`fake x.com on https://127.0.0.1:${fx.port} (Host x.com and keys.openpgp.org)`);
console.log(`chromium --ignore-certificate-errors --host-resolver-rules="${rules}" \\`);
console.log(`  'https://x.com/__login?as=alice&next=/messages/${fx.conversationId(['alice', 'bob'])}'`);
console.log(`group conversation: /messages/${group} (info: /messages/${group}/info)`);
console.log(`1,000 messages: /messages/${long}; XChat: /i/chat/${long}; the DM drawer: /home`);
process.on('SIGINT', () => {
  void fx.close().then(() => process.exit(0));
});
