/**
 * Atomic class names in the manner of X's react-native-web output. Layout-relevant styles (message
 * direction, text wrapping) live in these classes rather than in `style` attributes, as on X, so an
 * adapter has to read computed styles, which is what works on the real site.
 */
export const C = {
  view: 'css-175oi2r',
  text: 'css-1jxf684',
  row: 'r-18u37iz',
  rowReverse: 'r-15zivkp',
  alignEnd: 'r-obd0qt',
  alignStart: 'r-1h0z5md',
  preWrap: 'r-bnwqim',
  breakWord: 'r-1udh08x',
  hidden: 'r-qlhcfr',
  bubbleSent: 'r-l5o3uw',
  bubbleReceived: 'r-1niwhzg',
  muted: 'r-14j79pv',
} as const;

export const CSS = `
html,body{margin:0;height:100%;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:15px;color:#0f1419;background:#fff}
a{color:#1d9bf0;text-decoration:none}
button{font:inherit}
#react-root{height:100%}
.${C.view}{display:flex;flex-direction:column;box-sizing:border-box;position:relative;min-width:0;min-height:0;margin:0;padding:0;border:0 solid black}
.${C.text}{font:inherit;color:inherit;white-space:inherit;overflow-wrap:break-word}
.${C.row}{flex-direction:row}
.${C.rowReverse}{flex-direction:row-reverse}
.${C.alignEnd}{align-items:flex-end}
.${C.alignStart}{align-items:flex-start}
.${C.preWrap}{white-space:pre-wrap}
.${C.breakWord}{word-break:break-word}
.${C.hidden}{position:absolute;width:1px;height:1px;overflow:hidden;opacity:0;font-size:0.001px}
.${C.bubbleSent}{background:#1d9bf0;color:#fff;border-radius:16px 16px 4px 16px;padding:10px 14px;max-width:80%}
.${C.bubbleSent} a{color:#fff;text-decoration:underline}
.${C.bubbleReceived}{background:#eff3f4;border-radius:16px 16px 16px 4px;padding:10px 14px;max-width:80%}
.${C.muted}{color:#536471;font-size:13px}
.fx-emoji{height:1.2em;width:1.2em;vertical-align:-20%;margin:0 .05em}
.fx-app{display:flex;flex-direction:row;height:100%}
.fx-nav{width:220px;border-right:1px solid #eff3f4;padding:8px;display:flex;flex-direction:column;gap:8px}
.fx-main{flex:1;display:flex;flex-direction:row;min-width:0;height:100%}
.fx-inbox{width:340px;border-right:1px solid #eff3f4;overflow-y:auto}
.fx-conv-item{padding:12px;cursor:pointer;border-bottom:1px solid #eff3f4}
.fx-conv-item[aria-selected=true]{background:#f7f9f9;border-right:2px solid #1d9bf0}
.fx-section{flex:1;display:flex;flex-direction:column;height:100%;min-width:0}
.fx-header{display:flex;flex-direction:row;align-items:center;gap:10px;padding:8px 16px;border-bottom:1px solid #eff3f4}
.fx-viewport{flex:1;overflow-y:auto;overflow-anchor:none;padding:0 16px}
.fx-composer{display:flex;flex-direction:row;align-items:flex-end;gap:8px;margin:8px 16px;padding:8px 12px;background:#eff3f4;border-radius:16px}
.fx-composer-input{flex:1;max-height:200px;overflow-y:auto}
.fx-avatar{width:40px;height:40px;border-radius:50%}
.fx-card{align-items:center;text-align:center;padding:24px 0;border-bottom:1px solid #eff3f4}
.fx-msg{padding:6px 0}
.fx-profile{padding:16px;flex:1}
.fx-dialog-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.4);display:flex;align-items:center;justify-content:center}
.fx-dialog{background:#fff;border-radius:16px;width:560px;padding:16px;display:flex;flex-direction:column;gap:12px}
.fx-dialog label{display:flex;flex-direction:column;border:1px solid #cfd9de;border-radius:4px;padding:6px 8px}
.fx-dialog label span{font-size:13px;color:#536471}
.fx-dialog input,.fx-dialog textarea{border:0;outline:0;font:inherit;resize:none}
.flex{display:flex}
.fx-hovercard{width:300px;box-sizing:border-box;gap:6px;padding:16px;background:#fff;border-radius:16px;box-shadow:0 0 15px rgba(101,119,134,.2)}
.fx-drawer{position:fixed;right:20px;bottom:0;width:400px;background:#fff;border-radius:16px 16px 0 0;box-shadow:0 0 15px rgba(101,119,134,.2);display:flex;flex-direction:column;z-index:1}
.fx-drawer-open{height:min(540px,85vh)}
.fx-drawer-header{cursor:pointer}
.fx-drawer .fx-inbox{width:auto;border:0;flex:1}
.fx-usercell{gap:12px;padding:12px 16px}
.justify-end{justify-content:flex-end}
.justify-start{justify-content:flex-start}
.whitespace-pre-wrap{white-space:pre-wrap}
.break-words{overflow-wrap:break-word;word-break:break-word}
.fx-chat{flex:1;flex-direction:row;min-width:0;height:100%}
.fx-chat-list{list-style:none;margin:0;padding:8px 0}
.fx-chat-bubble{max-width:75%;border-radius:18px;padding:8px 12px}
.fx-chat-sent{background:#1d9bf0;color:#fff}
.fx-chat-sent a{color:#fff;text-decoration:underline}
.fx-chat-received{background:#eff3f4}
.fx-chat-sender{font-size:13px;font-weight:700}
.fx-chat-time{font-size:12px;opacity:.7}
.fx-chat-preview{color:#536471;font-size:13px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.fx-chat-form{gap:8px;align-items:flex-end;margin:8px 16px;padding:8px 12px;background:#eff3f4;border-radius:16px}
.fx-chat-form textarea{flex:1;border:0;outline:0;background:transparent;font:inherit;resize:none;max-height:200px}
`;
