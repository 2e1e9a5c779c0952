/**
 * The documents page's CSS (added as a constructed style sheet, which a strict CSP allows): a table on a wide
 * screen, one card per document on a phone (each cell names its column), controls at least 44 px on touch screens.
 */
export const DOCUMENTS_CSS = `
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1b1f24; background: #f3f6f9; }
button, input { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid #ffbf00; outline-offset: 1px; box-shadow: 0 0 0 6px #111; border-radius: 4px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header { background: #0b4f8a; color: #fff; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: .3em 1.2em; max-width: 72rem; margin: 0 auto; padding: 1rem; }
header h1 { flex: 1; margin: 0; font-size: 1.4rem; line-height: 1.3; }
header a { color: #fff; font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 4rem; }
.lead { margin: 0 0 1rem; }
.filter { display: block; font-weight: 600; margin-bottom: .25em; }
#filter { width: min(100%, 28rem); min-height: 44px; padding: .45em .7em; border: 1.5px solid #6b7785; border-radius: 8px; background: #fff; }
.status { color: #4a5560; margin: .6em 0; }
.status.error { color: #9b1020; font-weight: 600; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #c9d1d9; }
th, td { padding: .55em .7em; border-bottom: 1px solid #c9d1d9; text-align: left; vertical-align: top; }
thead th { background: #e8f0f8; font-size: .9em; color: #083b68; }
tbody th { font-weight: 400; min-width: 16rem; }
.nowrap { white-space: nowrap; }
.open {
  display: block; width: 100%; min-height: 44px; padding: .2em 0; border: 0; background: none; text-align: left;
  color: #0b4f8a; font-weight: 700; text-decoration: underline; text-underline-offset: 3px; cursor: pointer; overflow-wrap: anywhere;
}
.open:hover { color: #083b68; }
.subject { display: block; color: #4a5560; font-size: .92em; }
.none { color: #4a5560; font-style: italic; font-size: .92em; }
.kind, .source { display: block; color: #4a5560; font-size: .85em; }
.kind { margin-top: .15em; font-weight: 600; }
.source { overflow-wrap: anywhere; }
@media (max-width: 720px) {
  table, thead, tbody, tr, th, td { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table { border: 0; background: none; }
  tbody tr { background: #fff; border: 1px solid #c9d1d9; border-radius: 10px; margin: 0 0 .8rem; padding: .2rem 0; }
  tbody th, td { border: 0; padding: .25em .8em; min-width: 0; }
  td { display: grid; grid-template-columns: 8.5em 1fr; gap: .5em; white-space: normal; overflow-wrap: anywhere; }
  td::before { content: attr(data-label); color: #4a5560; font-size: .9em; }
  td.empty { display: none; }
  .nowrap { white-space: normal; }
}
`;
