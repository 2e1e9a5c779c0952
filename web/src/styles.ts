/**
 * The widget's CSS, inside its shadow root: the host page's styles cannot reach it and it cannot reach the page.
 * Sizes are in `em` of the root (15 px, 20 px in large-text mode) so one switch scales everything for a projector.
 * Colours meet WCAG AA: text ≥ 4.5:1, controls and focus rings ≥ 3:1.
 */
import { SCALE_CSS } from './scale.js';

export const CSS = `
:host { all: initial; display: block; }
:host([hidden]) { display: none; }
:host([inline]) { height: 100%; min-height: 420px; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  --blue: #0b4f8a; --blue-dark: #083b68; --ink: #1b1f24; --muted: #4a5560; --line: #c9d1d9; --soft: #f3f6f9;
  --focus: #ffbf00; --danger: #9b1020;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); text-align: left; letter-spacing: normal; -webkit-text-size-adjust: 100%;
}
.root.large { font-size: 20px; }
.root.inline { height: 100%; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; box-shadow: 0 0 0 6px #111; border-radius: 4px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.muted { color: var(--muted); }
.small { font-size: .87em; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: .5em; padding: .75em 1.15em; border: 2px solid #fff; border-radius: 999px;
  background: var(--blue); color: #fff; font-weight: 600; box-shadow: 0 4px 16px rgba(0,0,0,.25);
}
.launcher:hover { background: var(--blue-dark); }

.panel {
  display: flex; flex-direction: column; position: relative; overflow: hidden; overflow: clip; background: #fff;
  border: 1px solid var(--line); border-radius: 12px;
}
.floating .panel {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: min(440px, calc(100vw - 40px)); height: min(700px, calc(100vh - 40px));
  box-shadow: 0 12px 40px rgba(0,0,0,.28);
}
.floating.large .panel { width: min(960px, calc(100vw - 40px)); height: calc(100vh - 40px); }
.inline .panel { width: 100%; height: 100%; min-height: 420px; }
@media (max-width: 520px) {
  .floating .panel, .floating.large .panel { inset: 0; width: auto; height: auto; border-radius: 0; border: 0; }
  .launcher { right: 12px; bottom: 12px; }
}

.head { flex: none; background: var(--blue); color: #fff; padding: .6em .75em .65em; }
.head-row { display: flex; align-items: center; gap: .5em; }
.head h2 { flex: 1; min-width: 0; margin: 0; font-size: 1.1em; line-height: 1.3; font-weight: 700; }
.tools { display: flex; flex-wrap: wrap; gap: .4em; margin-top: .5em; }
.tool {
  display: inline-flex; align-items: center; gap: .35em; min-height: 2.2em; padding: .2em .7em;
  border: 1.5px solid #fff; border-radius: 999px; background: transparent; color: #fff; font-size: .87em; font-weight: 600;
}
.tool:hover { background: rgba(255,255,255,.15); }
.tool[aria-pressed="true"] { background: #fff; color: var(--blue); }
.tool[aria-pressed]::before { content: ""; width: .75em; height: .75em; border-radius: 50%; border: 2px solid currentColor; }
.tool[aria-pressed="true"]::before { background: currentColor; }
.icon-btn {
  display: inline-grid; place-items: center; width: 2.4em; height: 2.4em; padding: 0; border: 0; border-radius: 50%;
  background: transparent; color: inherit;
}
.head .icon-btn:hover { background: rgba(255,255,255,.18); }

.log { flex: 1; min-height: 0; overflow-y: auto; padding: .75em; background: var(--soft); overscroll-behavior: contain; }
.welcome { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: .8em .9em; }
.welcome p { margin: 0 0 .6em; }
.docs-link { color: var(--blue); font-weight: 600; text-underline-offset: 3px; }
.suggestions { display: flex; flex-direction: column; gap: .45em; margin: 0; padding: 0; list-style: none; }
.suggestion {
  width: 100%; text-align: left; padding: .5em .75em; border: 1.5px solid var(--blue); border-radius: 8px;
  background: #fff; color: var(--blue); overflow-wrap: anywhere;
}
.suggestion:hover { background: #e8f0f8; }

.msg { display: flex; margin: .7em 0; }
.msg.user { justify-content: flex-end; }
.bubble { min-width: 0; max-width: 88%; padding: .6em .85em; border-radius: 12px; overflow-wrap: anywhere; }
.user .bubble { background: var(--blue); color: #fff; border-bottom-right-radius: 4px; white-space: pre-wrap; }
.assistant .bubble { max-width: 100%; width: 100%; background: #fff; border: 1px solid var(--line); border-bottom-left-radius: 4px; }
.answer { margin: 0; white-space: pre-wrap; }
.answer.not-found { color: var(--muted); font-style: italic; }
.refusal-kind { display: inline-block; margin: 4px 0 0; padding: 2px 8px; border-radius: 10px; background: #fff4e5; color: #7a4100; font-size: 0.85em; }
.cite {
  display: inline-block; min-width: 1.9em; margin: 0 .1em; padding: 0 .3em; border: 1.5px solid var(--blue); border-radius: 6px;
  background: #e8f0f8; color: var(--blue); font-size: .85em; font-weight: 700; line-height: 1.5; vertical-align: baseline;
}
.cite:hover { background: var(--blue); color: #fff; }
.more-box { margin-top: .5em; }
.more-list { margin: .5em 0 0; padding-left: 1.6em; }
.more-list li { margin: .25em 0; }
.sources { margin: .6em 0 0; padding: .5em 0 0; border-top: 1px solid var(--line); }
.sources ul { margin: 0; padding: 0; list-style: none; }
.sources h3 { margin: 0 0 .3em; font-size: .87em; color: var(--muted); font-weight: 600; }
.source {
  display: flex; gap: .5em; width: 100%; padding: .3em .2em; border: 0; background: none; text-align: left;
  color: var(--ink); font-size: .9em; border-radius: 6px;
}
.source:hover { background: var(--soft); }
.source .num { flex: none; color: var(--blue); font-weight: 700; }
.source .what { min-width: 0; overflow-wrap: anywhere; text-decoration: underline; text-decoration-color: var(--line); text-underline-offset: 3px; }
.meta-line { margin-top: .4em; font-size: .8em; color: var(--muted); }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .35em; margin-top: .5em; }
.act {
  display: inline-flex; align-items: center; gap: .3em; min-height: 2.2em; padding: .2em .6em; border: 1px solid var(--line);
  border-radius: 6px; background: #fff; color: var(--ink); font-size: .85em;
}
.act:hover { border-color: var(--blue); color: var(--blue); }
.act[aria-pressed="true"] { background: var(--blue); border-color: var(--blue); color: #fff; }
.feedback-form { display: flex; flex-direction: column; gap: .4em; margin-top: .5em; }
.feedback-form label { font-size: .87em; color: var(--muted); }
.feedback-form textarea { width: 100%; min-height: 3.5em; padding: .4em .55em; border: 1.5px solid #6b7785; border-radius: 6px; resize: vertical; }
.feedback-form .row { display: flex; gap: .4em; flex-wrap: wrap; }
.primary { padding: .4em .9em; border: 0; border-radius: 6px; background: var(--blue); color: #fff; font-weight: 600; }
.primary:hover { background: var(--blue-dark); }
.secondary { padding: .4em .9em; border: 1.5px solid var(--blue); border-radius: 6px; background: #fff; color: var(--blue); font-weight: 600; }
.thinking { color: var(--muted); font-style: italic; }
.thinking::after { content: "…"; display: inline-block; animation: blink 1.2s infinite; }
@keyframes blink { 50% { opacity: .2; } }
@media (prefers-reduced-motion: reduce) { .thinking::after { animation: none; } }
.error { color: var(--danger); }
.stopped { color: var(--muted); font-size: .87em; margin-top: .3em; }

.toast { flex: none; display: flex; align-items: center; gap: .5em; padding: .35em .5em .35em .75em; background: #1b1f24; color: #fff; font-size: .9em; }
.toast-text { flex: 1; min-width: 0; }
.toast-undo { flex: none; min-height: 2.2em; padding: .2em .8em; border: 1.5px solid #fff; border-radius: 6px; background: transparent; color: #fff; font-weight: 700; }
.toast-undo:hover { background: rgba(255,255,255,.15); }
.toast-close { flex: none; min-width: 2.2em; min-height: 2.2em; padding: 0; border: 0; border-radius: 50%; background: transparent; color: #fff; font-size: 1.2em; }
.status { flex: none; min-height: 0; padding: 0 .75em; font-size: .87em; color: var(--muted); background: #fff; }
.status:not(:empty) { padding: .35em .75em; border-top: 1px solid var(--line); }
.status.warn { color: var(--danger); font-weight: 600; }
.composer { flex: none; display: flex; align-items: flex-end; gap: .5em; padding: .6em .75em .4em; border-top: 1px solid var(--line); background: #fff; }
.composer textarea {
  flex: 1; min-width: 0; min-height: 2.6em; max-height: 9em; padding: .5em .7em; border: 1.5px solid #6b7785; border-radius: 8px;
  resize: none; line-height: 1.4; background: #fff;
}
.composer textarea:focus-visible { border-color: var(--blue); outline: 3px solid var(--blue); outline-offset: 1px; box-shadow: none; }
.send, .stop {
  flex: none; display: inline-flex; align-items: center; gap: .35em; height: 2.6em; padding: 0 .9em; border: 0; border-radius: 8px;
  background: var(--blue); color: #fff; font-weight: 600;
}
.send:hover { background: var(--blue-dark); }
.stop { background: var(--danger); }
.counter { flex: none; margin: 0; padding: 0 .75em .2em; font-size: .82em; color: var(--muted); background: #fff; text-align: right; font-variant-numeric: tabular-nums; }
.counter:empty { display: none; }
.counter.over { color: var(--danger); font-weight: 600; }
.composer textarea[aria-invalid="true"] { border-color: var(--danger); }
.hint { flex: none; margin: 0; padding: 0 .75em .5em; font-size: .78em; color: var(--muted); background: #fff; }

/* Touch screens: every control at least 44 × 44 px (WCAG 2.5.5), and no keyboard hint where there is no keyboard. */
@media (pointer: coarse), (hover: none) {
  .keys-hint { display: none; }
  .cite {
    display: inline-flex; align-items: center; justify-content: center; min-width: 44px; min-height: 44px;
    margin: 2px .15em; vertical-align: middle;
  }
  .act, .tool, .send, .stop, .back, .primary, .secondary, .suggestion, .source, .toast-undo { min-height: 44px; }
  .toast-close { min-width: 44px; min-height: 44px; }
  .docs-link { display: inline-flex; align-items: center; min-height: 44px; }
  .act, .tool { min-width: 44px; justify-content: center; }
  .source, .back, .primary, .secondary { align-items: center; }
  .primary, .secondary, .back { display: inline-flex; }
  .icon-btn { min-width: 44px; min-height: 44px; }
  .composer textarea { min-height: 44px; }
}

.viewer { position: absolute; inset: 0; z-index: 2; display: flex; flex-direction: column; background: #fff; }
.viewer-head { flex: none; display: flex; align-items: center; gap: .5em; padding: .5em .75em; background: var(--blue); color: #fff; }
.viewer-head h3 { flex: 1; min-width: 0; margin: 0; font-size: 1em; }
.back { display: inline-flex; align-items: center; gap: .3em; padding: .3em .7em; border: 1.5px solid #fff; border-radius: 999px; background: transparent; color: #fff; font-weight: 600; }
.viewer-body { flex: 1; min-height: 0; overflow-y: auto; padding: .9em; position: relative; container-type: size; }
.viewer-body h4 { margin: 0 0 .5em; font-size: 1.05em; line-height: 1.35; overflow-wrap: anywhere; }
.doc-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em .75em; margin: 0 0 .8em; font-size: .9em; }
.doc-meta dt { color: var(--muted); }
.doc-meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.passage { margin: 0 0 .9em; padding: .6em .8em; border-left: 4px solid var(--blue); background: var(--soft); overflow-wrap: anywhere; }
.passage > :last-child, .passage .table-wrap:last-child { margin-bottom: 0; }
mark { background: #ffe066; color: var(--ink); padding: 0 .05em; border-radius: 2px; }
.doc-text { overflow-wrap: anywhere; line-height: 1.6; }
.doc-text .in-passage { background: #dde9f6; }
.doc-rich p { margin: 0 0 .6em; white-space: pre-line; }
.doc-rich h5, .doc-rich h6 { margin: .9em 0 .4em; line-height: 1.35; color: var(--blue-dark); }
.doc-rich .doc-h1 { font-size: 1.15em; }
.doc-rich .doc-h2 { font-size: 1.05em; }
.doc-rich .doc-h3, .doc-rich .doc-h4, .doc-rich .doc-h5, .doc-rich .doc-h6 { font-size: 1em; }
.doc-rich ul, .doc-rich ol { margin: 0 0 .6em; padding-left: 1.4em; }
.doc-rich li { margin: .15em 0; }
.doc-rich li > p { margin: 0; }
.doc-rich blockquote { margin: 0 0 .6em; padding-left: .8em; border-left: 3px solid var(--line); }
.table-wrap { overflow-x: auto; margin: 0 0 .8em; }
.doc-rich table { border-collapse: collapse; width: 100%; font-size: .92em; background: #fff; }
.doc-rich th, .doc-rich td { border: 1px solid var(--line); padding: .3em .45em; vertical-align: top; text-align: left; min-width: 6em; }
.doc-rich th { background: #e8f0f8; font-weight: 600; }
/* A long table of the whole document scrolls in its own box, its header row kept in sight (sticky) above the rows. */
.doc-text .table-wrap { position: relative; max-height: 70vh; max-height: 80cqh; overflow: auto; overscroll-behavior: contain; border-bottom: 1px solid var(--line); }
.doc-text thead th { position: sticky; top: 0; z-index: 1; background-clip: padding-box; box-shadow: inset 0 -2px 0 #b8c9dc; }
.doc-rich tr.cited td { background: #fff4c2; box-shadow: inset 0 2px 0 #e0a800, inset 0 -2px 0 #e0a800; }
.page-no { margin: 1em 0 .6em; padding-top: .3em; border-top: 1px dashed var(--line); color: var(--muted); font-size: .8em; text-align: center; }

.trace { margin-top: .7em; padding: .5em .7em; border: 1px dashed var(--blue); border-radius: 8px; background: #fbfcfe; font-size: .9em; }
.trace summary { cursor: pointer; font-weight: 700; color: var(--blue); }
.trace-section { margin-top: .6em; }
.trace-section h4 { margin: 0 0 .3em; font-size: 1em; }
.trace dl { margin: 0; }
.kv { display: grid; grid-template-columns: 8.5em 1fr; gap: .5em; margin: .15em 0; }
.kv dt { color: var(--muted); }
.kv dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.chips { display: inline-flex; flex-wrap: wrap; gap: .25em; }
.chip { padding: 0 .4em; border: 1px solid var(--line); border-radius: 4px; background: #fff; font-size: .92em; }
code { font-family: inherit; font-size: .95em; padding: 0 .3em; background: #eef1f4; border-radius: 4px; overflow-wrap: anywhere; }
.trace-passages { margin: 0; padding: 0; list-style: none; }
.trace-chosen { margin: 0; padding: 0 0 0 1.1em; }
.trace-passage { margin: .45em 0; padding: .35em .5em; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
.trace-passage.used { border-color: var(--blue); border-width: 2px; }
.trace-passage-head { display: flex; flex-wrap: wrap; gap: .4em; align-items: baseline; overflow-wrap: anywhere; }
.badge { padding: 0 .45em; border-radius: 999px; background: var(--blue); color: #fff; font-size: .8em; font-weight: 600; }
.bars { display: grid; gap: .2em; margin: .35em 0; }
.bar { display: grid; grid-template-columns: 6.5em 1fr 4.2em; gap: .5em; align-items: center; }
.bar-label { color: var(--muted); font-size: .92em; }
.bar-track { height: .6em; border-radius: 999px; background: #e3e8ee; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: var(--blue); border-radius: 999px; }
.bar-value { font-variant-numeric: tabular-nums; text-align: right; font-size: .92em; }
.preview { margin-top: .25em; color: var(--muted); font-size: .9em; white-space: pre-wrap; overflow-wrap: anywhere; }
.quote { margin: .25em 0 .4em; padding: .3em .55em; border-left: 3px solid #e0a800; background: #fffbea; white-space: pre-wrap; }
@media (max-width: 420px) { .kv { grid-template-columns: 1fr; gap: 0; } .bar { grid-template-columns: 5.5em 1fr 3.8em; } }
@media (forced-colors: active) { .bar-fill { background: CanvasText; } .tool[aria-pressed="true"] { outline: 2px solid; } }

.tech { color: var(--muted); font-weight: 400; font-size: .85em; }
.step-text { margin: 0 0 .3em; }
.why { margin: .2em 0; padding: 0 0 0 1.1em; }
.parts { display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: .92em; }
.trace-confidence { margin: .5em 0; }
${SCALE_CSS}
`;
