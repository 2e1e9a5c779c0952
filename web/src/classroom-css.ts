/**
 * The classroom page's CSS: large type for a projector (at least 22 px, growing with the screen), question →
 * passages → answer side by side, strong contrast. Added as a constructed style sheet (a strict CSP allows it).
 */
import { SCALE_CSS } from './scale.js';

export const CLASSROOM_CSS = `
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html, body { margin: 0; height: 100%; }
body {
  font: max(22px, 1.45vw)/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: #111820; background: #eef2f6; display: flex; flex-direction: column; min-height: 100vh;
}
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 4px solid #ffbf00; outline-offset: 2px; box-shadow: 0 0 0 8px #111; }
.top { background: #0b4f8a; color: #fff; padding: .45em 1em .55em; }
.top h1 { margin: 0 0 .3em; font-size: 1.15em; }
.ask { display: flex; flex-wrap: wrap; gap: .4em .8em; align-items: end; }
.ask label { display: flex; flex-direction: column; gap: .1em; font-size: .8em; font-weight: 600; }
.ask label.check { flex-direction: row; align-items: center; gap: .4em; }
.ask input[type=text], .ask input[type=password] { width: min(34em, 88vw); padding: .3em .5em; border: 2px solid #fff; border-radius: 8px; font-size: 1.2rem; font-size: max(22px, 1.45vw); color: #111820; background: #fff; }
.ask select { padding: .3em .4em; border-radius: 8px; border: 2px solid #fff; color: #111820; background: #fff; }
.btn { padding: .3em .9em; border: 2px solid #fff; border-radius: 999px; background: #fff; color: #0b4f8a; font-weight: 700; cursor: pointer; }
.btn.ghost { background: transparent; color: #fff; }
.btn:disabled { opacity: .55; cursor: default; }
.stepper { display: flex; flex-wrap: wrap; align-items: center; gap: .6em; padding: .35em 1em; background: #fff; border-bottom: 2px solid #c9d1d9; }
.stepper .btn { border-color: #0b4f8a; }
.stepper .btn.ghost { color: #0b4f8a; }
.step-now { font-weight: 700; font-size: 1.05em; }
.hint { color: #4a5560; font-size: .75em; }
.status { padding: .2em 1em; color: #9b1020; font-weight: 600; }
.status:empty { display: none; }
.lanes { flex: 1; display: grid; gap: .6em; padding: .6em; }
.lane { background: #fff; border: 2px solid #c9d1d9; border-radius: 12px; padding: .4em .7em .6em; min-width: 0; }
.lane > h2 { margin: 0 0 .3em; font-size: 1em; color: #0b4f8a; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.35fr) minmax(0, 1.1fr); gap: .7em; }
.lanes.two .columns { grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr) minmax(0, 1.1fr); }
.column h3 { margin: 0 0 .3em; font-size: .8em; text-transform: uppercase; letter-spacing: .04em; color: #4a5560; }
.question-text { font-size: 1.2em; font-weight: 700; margin: 0 0 .4em; overflow-wrap: anywhere; }
.card { margin: 0 0 .5em; padding: .35em .55em; border: 2px solid #dfe5ec; border-radius: 10px; transition: opacity .2s; }
.card.pending { visibility: hidden; }
.card.current { border-color: #0b4f8a; box-shadow: 0 0 0 3px #9ec3e6; }
.card h4 { margin: 0; font-size: .85em; color: #0b4f8a; }
.card p { margin: .15em 0; }
.tech { color: #4a5560; font-weight: 400; font-size: .8em; }
.chips { display: flex; flex-wrap: wrap; gap: .25em; margin: .2em 0; padding: 0; list-style: none; }
.chip { padding: 0 .4em; border-radius: 6px; background: #e4eef8; border: 1px solid #9ec3e6; }
.chip.miss { background: #fdecee; border-color: #e7a6ae; text-decoration: line-through; }
.passage { margin: .3em 0; padding: .3em .45em; border: 1px solid #c9d1d9; border-radius: 8px; }
.passage.used { border: 3px solid #0b6b3a; }
.passage-title { font-weight: 700; font-size: .85em; overflow-wrap: anywhere; }
.parts { display: flex; flex-wrap: wrap; gap: .1em 1em; font-size: .85em; color: #333d47; }
.details { margin: .2em 0 0; padding-left: 1.1em; font-size: .85em; }
.answer-text { font-size: 1.1em; font-weight: 600; margin: .1em 0 .3em; overflow-wrap: anywhere; }
.answer-text.refused { color: #9b1020; }
.quote { margin: .2em 0; padding: .2em .5em; border-left: 5px solid #e0a800; background: #fffbea; overflow-wrap: anywhere; }
.cite { font-weight: 700; color: #0b4f8a; }
.empty { color: #4a5560; font-style: italic; }
.login { max-width: 30em; margin: 2em auto; padding: 1em 1.2em; background: #fff; border: 2px solid #0b4f8a; border-radius: 12px; }
.login input { width: 100%; padding: .3em .5em; border: 2px solid #0b4f8a; border-radius: 8px; }
.login .btn { margin-top: .5em; background: #0b4f8a; color: #fff; border-color: #0b4f8a; }
.scale { grid-template-columns: 5.5em 1fr 4.4em; }
@media (max-width: 1100px) { .columns, .lanes.two .columns { grid-template-columns: 1fr; } }
${SCALE_CSS}
`;
