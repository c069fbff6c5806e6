// A tiny MV3 extension for the harness self-test, written to a temp dir: it has every piece the
// real extension relies on (content script on x.com, a web-accessible iframe, a non-accessible
// options page opened on install, a background that answers messages) and nothing else.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserKind } from '../types.ts';

export const SELFTEST_GECKO_ID = 'harness-selftest@sotto.test';

function manifest(kind: BrowserKind): object {
  return {
    manifest_version: 3,
    name: 'Sotto harness self-test',
    version: '1.0',
    browser_specific_settings: { gecko: { id: SELFTEST_GECKO_ID } },
    // Chrome wants a service worker; Firefox refuses one and wants an event page's scripts.
    background: kind === 'chromium' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] },
    options_ui: { page: 'options.html', open_in_tab: true },
    host_permissions: ['https://x.com/*'],
    content_scripts: [{ matches: ['https://x.com/*'], js: ['cs.js'], run_at: 'document_idle' }],
    web_accessible_resources: [{ resources: ['frame.html', 'frame.js'], matches: ['https://x.com/*'] }],
  };
}

const FILES: Record<string, string> = {
  'bg.js': `
chrome.runtime.onInstalled.addListener(() => chrome.runtime.openOptionsPage());
// A fresh id per start of the background, so a test can tell a revived worker from the old one.
const boot = crypto.randomUUID();
chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  if (msg === 'ping') sendResponse({ reply: 'pong', boot });
});
`,
  'cs.js': `
document.documentElement.dataset.selftestCs = 'ran';
const frame = document.createElement('iframe');
frame.src = chrome.runtime.getURL('frame.html?from=cs');
frame.style.cssText = 'width:400px;height:200px;border:1px solid';
document.body.append(frame);
`,
  'frame.html': `<!doctype html><meta charset="utf-8">
<button id="btn">click me</button><input id="inp"><div id="out"></div><div id="keys"></div>
<script src="frame.js"></script>`,
  'frame.js': `
const btn = document.getElementById('btn');
btn.addEventListener('click', (e) => { if (e.isTrusted) btn.textContent = 'clicked'; });
const inp = document.getElementById('inp');
inp.addEventListener('input', () => { document.getElementById('out').textContent = inp.value; });
inp.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.shiftKey && e.isTrusted) document.getElementById('keys').textContent += '[shift-enter]';
});
`,
  'options.html': '<!doctype html><meta charset="utf-8"><h1 id="title">Self-test options</h1>',
};

export async function writeSelftestExtension(kind: BrowserKind): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sotto-selftest-ext-${kind}-`));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest(kind), null, 2));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  return dir;
}
