/** The page's inline stylesheet: system fonts only, icons and words beside every colour, print-friendly. */
export const PAGE_STYLES = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad;
  --holds: #116329; --holds-bg: #dafbe1; --broken: #a40e26; --broken-bg: #ffebe9;
  --inc: #7d4e00; --inc-bg: #fff8c5; --na: #6e7781; --na-bg: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1360px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0; } .sub { color: var(--muted); margin: 0 0 16px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.banner { display: flex; align-items: center; gap: 12px; padding: 12px 16px; border-radius: 8px; border: 1px solid; font-weight: 600; margin: 12px 0; }
.banner.pass { background: var(--holds-bg); border-color: #4ac26b; color: var(--holds); }
.banner.fail { background: var(--broken-bg); border-color: #ff8182; color: var(--broken); }
.banner .big { font-size: 22px; line-height: 1; }
.note { background: #ddf4ff; border: 1px solid #54aeff; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.tools { float: right; } .tools button { font: inherit; font-size: 12px; padding: 4px 10px; margin-left: 6px; border: 1px solid var(--line); background: var(--soft); border-radius: 6px; cursor: pointer; }
table { border-collapse: collapse; }
.facts { width: 100%; } .facts th, .facts td { text-align: left; vertical-align: top; padding: 5px 10px; border-bottom: 1px solid var(--line); }
.facts th { width: 190px; color: var(--muted); font-weight: 600; white-space: nowrap; } .facts td { word-break: break-word; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.matrix-wrap { display: inline-block; max-width: 100%; overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
.matrix { width: auto; font-size: 12.5px; }
.matrix td.denied { white-space: normal; text-align: left; padding: 6px 10px; max-width: 760px; }
.matrix th, .matrix td { border-bottom: 1px solid var(--line); padding: 0; text-align: center; white-space: nowrap; }
.matrix thead th { background: var(--soft); padding: 8px 4px; font-weight: 600; position: sticky; top: 0; }
.matrix th.scn, .matrix td.scn { text-align: left; padding: 6px 10px; font-weight: 600; }
.matrix td.scn a { color: var(--ink); } .matrix td.scn .node { color: var(--muted); font-weight: 400; }
.st a, .st span.cell { display: block; padding: 6px 4px; color: inherit; min-width: 58px; }
.st .ic { font-weight: 700; margin-right: 3px; } .st .tx { font-size: 11px; }
.holds { background: var(--holds-bg); color: var(--holds); } .broken { background: var(--broken-bg); color: var(--broken); }
.inconclusive { background: var(--inc-bg); color: var(--inc); } .not-applicable { background: var(--na-bg); color: var(--na); }
.denied { background: #eef1f4; color: var(--muted); font-style: italic; }
.miss { box-shadow: inset 0 0 0 2px var(--broken); font-weight: 700; } .miss .flag { color: var(--broken); }
.exp { padding: 6px 10px !important; font-weight: 600; } .exp.met { color: var(--holds); } .exp.unmet { color: var(--broken); background: var(--broken-bg); }
.differ { background: var(--inc-bg); border: 1px solid #d4a72c; border-radius: 8px; padding: 8px 14px; margin: 12px 0; color: var(--inc); }
.differ ul { margin: 4px 0 0; padding-left: 18px; } .differ li { margin: 2px 0; }
.matrix tr.differs td { text-align: left; padding: 4px 10px 6px 28px; white-space: normal; background: var(--inc-bg); color: var(--inc); font-size: 12px; }
.matrix tr.differs a { color: inherit; }
.st.mixed .tx { font-size: 11px; font-weight: 700; }
.outcome { border-top: 2px solid var(--line); margin-top: 10px; padding-top: 6px; } .outcome:first-of-type { border-top: 0; margin-top: 0; }
.outcome > h4 { margin: 4px 0 6px; font-size: 13.5px; } .outcome.minor > h4 { color: var(--inc); }
.legend { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.alerts li { margin: 3px 0; } .alerts .unmet-line { color: var(--broken); }
section.scenario { border: 1px solid var(--line); border-radius: 8px; margin: 14px 0; overflow: hidden; break-inside: auto; }
section.scenario > header { display: flex; justify-content: space-between; gap: 12px; align-items: center; background: var(--soft); padding: 10px 14px; border-bottom: 1px solid var(--line); }
section.scenario.failing { border-color: #ff8182; } section.scenario.failing > header { background: var(--broken-bg); }
.body { padding: 10px 14px; } .body p { margin: 4px 0 8px; }
.unmet-box { border-left: 4px solid var(--broken); background: var(--broken-bg); padding: 8px 12px; margin: 8px 0; border-radius: 0 6px 6px 0; }
.denied-box { border-left: 4px solid var(--muted); background: #eef1f4; padding: 8px 12px; margin: 8px 0; border-radius: 0 6px 6px 0; }
details { border-top: 1px solid var(--line); } details:first-of-type { border-top: 0; }
details > summary { cursor: pointer; padding: 7px 4px; list-style-position: inside; }
details.boundary > summary .bname { display: inline-block; min-width: 170px; font-weight: 600; }
details.boundary > summary .reason { color: var(--muted); }
.expect { font-size: 12px; color: var(--muted); margin: 0 6px 0 2px; } .expect.off { color: var(--broken); font-weight: 700; }
details.boundary.flagged > summary { background: var(--broken-bg); }
.checks { padding: 4px 0 10px 22px; }
details.check > summary { font-size: 13px; } .check-body { padding: 4px 8px 10px 18px; }
.kv { margin: 4px 0; } .kv > b:first-child { display: inline-block; min-width: 120px; color: var(--muted); }
.ctitle { color: var(--muted); font-size: 12px; margin: 0 6px; }
.maps { margin: 4px 0; padding-left: 18px; }
pre.evidence, pre.json { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; max-height: 420px; overflow: auto; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; border-top: 1px solid var(--line); padding-top: 10px; }
@media print {
  body { font-size: 11px; } main { max-width: none; padding: 0; } .tools { display: none; }
  .matrix-wrap { overflow: visible; border: 0; } .matrix thead th { position: static; }
  pre.evidence, pre.json { max-height: none; overflow: visible; }
  section.scenario, tr { break-inside: avoid; } h2 { break-after: avoid; }
  a { color: inherit; }
}
`;
