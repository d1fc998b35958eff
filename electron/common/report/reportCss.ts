/**
 * The report's stylesheet, inlined into the HTML (no external file, no web font: the report
 * must render identically offline and in an archive years later). Written for paper first:
 * A4 pages, black on white, tables whose headers repeat on each page, commands that do not
 * split their header from their first lines.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm; }
:root { color-scheme: light; --ink: #111; --muted: #555; --line: #d0d0d0; --soft: #f4f4f4; --ok: #0a6b2d; --fail: #b00020; --todo: #8a5a00; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; }
body { font-variant-ligatures: none; margin: 0; color: var(--ink); background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.45; }
.report { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .4rem; line-height: 1.2; }
h2 { font-size: 1.3rem; margin: 1.8rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--ink); break-after: avoid; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; break-after: avoid; }
p { margin: .4rem 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
code { background: var(--soft); padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0; padding: .5rem .6rem; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; }
.report__note { color: var(--muted); margin: .1rem 0; }
.toc ol { columns: 2; margin: .8rem 0 0; padding-left: 1.2rem; color: var(--muted); }
.toc a { color: inherit; text-decoration: none; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .3rem 1.2rem; margin: .6rem 0; }
.facts div { display: flex; gap: .4rem; }
.facts dt { font-weight: 600; min-width: 6.5rem; }
.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; font-size: .92em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
table.timeline td:first-child { white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
table.timeline td:nth-child(2) { white-space: nowrap; color: var(--muted); width: 1%; }
table.chains code { font-size: .8em; }
.todo { border: 1.5px dashed var(--todo); background: #fff8e6; color: #3d2a00; padding: .45rem .6rem; margin: .6rem 0; border-radius: 4px; break-inside: avoid; }
.todo strong { color: var(--todo); letter-spacing: .04em; margin-right: .3rem; }
.command { margin: .9rem 0 1.1rem; }
.command h3 { display: flex; gap: .5rem; align-items: baseline; }
.command h3 code { background: none; padding: 0; font-weight: 600; }
.command__n { color: var(--muted); font-weight: 400; }
.command__meta { color: var(--muted); margin: 0 0 .2rem; break-after: avoid; }
.command__line { background: #eef2f7; border-color: #c9d3e0; break-after: avoid; }
.output { font-size: .8em; line-height: 1.35; }
.exit { font-weight: 700; }
.exit--ok { color: var(--ok); }
.exit--fail { color: var(--fail); }
.exit--unknown { color: var(--muted); }
.muted { color: var(--muted); font-style: italic; }
.checklist { list-style: none; padding-left: .2rem; }
.checklist .box { font-size: 1.1em; }
.checklist .done { color: var(--muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
blockquote.update { white-space: pre-wrap; margin: .3rem 0 .8rem; padding: .4rem .7rem; border-left: 3px solid var(--line); background: var(--soft); }
.template table { width: auto; }
.report__footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85em; }
@media print {
  .report { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: auto; }
}
`;
