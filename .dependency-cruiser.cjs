// The layering of DESIGN.md section 4, enforced in `npm test`:
// ui/frames/content/background -> shared -> core; core imports no browser API;
// OpenPGP code is reachable only from the background (and core).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is pure logic: no browser API, no UI, no other layer.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: ['^src/(background|content|frames|ui|shared)/', 'webextension-polyfill', 'preact'] },
    },
    {
      name: 'shared-below-contexts',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(background|content|frames|ui)/' },
    },
    {
      name: 'contexts-do-not-import-each-other',
      comment: 'Contexts talk through the typed protocol in src/shared, never by importing each other.',
      severity: 'error',
      from: { path: '^src/(background|content|frames|ui)/' },
      to: { path: '^src/(background|content|frames|ui)/', pathNot: '^src/$1/' },
    },
    {
      name: 'no-openpgp-outside-background',
      comment:
        'Only the background holds keys and does crypto; content, frames and pages never load OpenPGP.js.',
      severity: 'error',
      from: { path: '^src/(content|frames|ui)/' },
      to: { path: 'node_modules/openpgp', reachable: true },
    },
    {
      name: 'content-stays-small',
      comment: 'The content script runs on every x.com page: no polyfill, no UI framework, no validator.',
      severity: 'error',
      from: { path: '^src/content/' },
      to: { path: 'node_modules/(webextension-polyfill|preact|valibot)', reachable: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.(css|json)$' },
  },
};
