/** The viewer's stylesheet: light, dense, monospace for everything that is code. */
export const STYLE = `
:root {
  --bg: #f7f8fa; --panel: #ffffff; --ink: #1d2330; --muted: #6b7385; --line: #e3e6ec; --soft: #f0f2f6;
  --bug: #e03131; --bug-bg: #ffe3e3; --slice: #f59f00; --slice-bg: #fff3bf; --cur: #1c7ed6; --cur-bg: #e7f5ff;
  --life: #94d3a2; --life-edge: #2f9e44;
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --sans: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { background: var(--bg); color: var(--ink); font: 13px/1.4 var(--sans); display: flex; flex-direction: column; overflow: hidden; }
code, pre, kbd, .mono, .op, .obj { font-family: var(--mono); }
button { font: inherit; color: inherit; }
#top { display: flex; align-items: flex-start; justify-content: space-between; gap: 16px; padding: 10px 16px 8px; background: var(--panel); border-bottom: 1px solid var(--line); }
#top h1 { margin: 0; font-size: 17px; font-weight: 600; }
#top .brand { color: var(--cur); font-family: var(--mono); }
#top .meta { display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); margin-top: 2px; }
#top .meta b, #top .meta code { color: var(--ink); }
#top .meta b.bad { color: var(--bug); }
#top .replay code { font-size: 11.5px; color: var(--muted); }
.legend { display: grid; grid-template-columns: repeat(3, auto); gap: 3px 14px; color: var(--muted); font-size: 12px; white-space: nowrap; }
.lg i { display: inline-block; width: 14px; height: 10px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
.sw-bug { background: var(--bug-bg); box-shadow: inset 0 0 0 1.5px var(--bug); }
.sw-slice { background: var(--slice-bg); box-shadow: inset 3px 0 0 var(--slice); }
.sw-cur { background: var(--cur-bg); box-shadow: inset 0 0 0 1.5px var(--cur); }
.sw-lock { background: linear-gradient(90deg, transparent 5px, #4c6ef5 5px, #4c6ef5 8px, transparent 8px); }
.sw-life { background: linear-gradient(90deg, transparent 4px, var(--life) 4px, var(--life) 10px, transparent 10px); }
.sw-uaf { background: none; color: var(--bug); }
.sw-uaf::before { content: "\\2715"; font-style: normal; font-weight: 700; font-size: 11px; }
#main { flex: 1; display: flex; min-height: 0; }
#timeline { flex: 1; overflow: auto; min-width: 0; background: var(--panel); }
#side { width: 480px; flex: none; overflow: auto; border-left: 1px solid var(--line); background: var(--bg); }

#grid { border-collapse: collapse; table-layout: fixed; width: 100%; }
#grid col.c-num { width: 46px; }
#grid col.c-life { width: 17px; }
#grid thead th { position: sticky; top: 0; z-index: 2; background: var(--panel); border-bottom: 1px solid var(--line); font-weight: 600; text-align: left; vertical-align: bottom; padding: 6px; }
#grid th.num { color: var(--muted); font-weight: 500; font-size: 11px; text-align: right; }
#grid th.lane { border-left: 1px solid var(--line); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#grid th.lane .aname { font-family: var(--mono); }
#grid th.lane .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; }
#grid th.lane .astate { font-weight: 400; font-size: 11px; color: var(--muted); }
#grid th.lane .astate.blocked { color: var(--bug); }
#grid th.life { padding: 4px 0; height: 112px; }
#grid th.life .vert { writing-mode: vertical-rl; transform: rotate(180deg); font: 400 11px var(--mono); color: var(--muted); display: block; margin: 0 auto; white-space: nowrap; overflow: hidden; max-height: 104px; }
#grid th.life:nth-of-type(1) { border-left: 1px solid var(--line); }
#grid td { height: 21px; padding: 0; border-bottom: 1px solid var(--soft); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; position: relative; }
#grid td.num { text-align: right; padding-right: 8px; color: var(--muted); font: 11px var(--mono); }
#grid td.lane { border-left: 1px solid var(--line); padding-right: 6px; font-size: 12px; }
#grid td.lane .op { font-weight: 600; }
#grid td.lane .obj { color: var(--muted); }
#grid tr.step { cursor: pointer; }
#grid tr.step:hover td { background-color: #f8f9fb; }
#grid tbody.collapsed tr.setup { display: none; }
#grid tr.summary td { background: var(--soft); color: var(--muted); cursor: pointer; height: 26px; }
#grid tr.summary td.lane { padding-left: 10px; font-size: 12px; }
#grid tr.summary td.lane b { color: var(--ink); font-family: var(--mono); }
#grid tr.summary .chev::before { content: "\\25b8"; display: inline-block; width: 14px; color: var(--ink); }
#grid tr.summary.open .chev::before { content: "\\25be"; }
#grid tr.summary .hint { font-size: 11px; }
#grid tr.setup td.num { color: #a0a6b4; }
#grid tr.endrow td { border-top: 2px solid var(--line); height: 26px; }
#grid tr.endrow td.num { font-family: var(--sans); font-weight: 600; }
#grid td.blocked .op { color: var(--bug); }
#grid td.idle { color: var(--muted); font-style: italic; }

#grid td.slice { background-color: var(--slice-bg); box-shadow: inset 3px 0 0 var(--slice); }
#grid tr.sliced td.num { color: #b35c00; font-weight: 600; }
#grid td.bug { background-color: var(--bug-bg) !important; box-shadow: inset 0 0 0 1.5px var(--bug); }
#grid tr.bugrow td.num { color: var(--bug); font-weight: 700; }
#grid tr.current td { background-color: var(--cur-bg); }
#grid tr.current td.num { color: #fff; background: var(--cur); font-weight: 700; }
#grid tr.current td.act { box-shadow: inset 0 0 0 2px var(--cur); }
#grid tr.current td.act.bug { box-shadow: inset 0 0 0 2px var(--bug); }
#grid tr.step { scroll-margin-top: 130px; scroll-margin-bottom: 8px; }

#grid .lock { position: absolute; top: 0; bottom: 0; width: 3px; opacity: .85; }
#grid .lock.from { top: 50%; border-radius: 2px 2px 0 0; }
#grid .lock.to { bottom: 50%; border-radius: 0 0 2px 2px; }
#grid td.life .bar { position: absolute; left: 5px; right: 5px; top: 0; bottom: 0; background: var(--life); }
#grid td.life .bar.from { top: 35%; border-top: 2px solid var(--life-edge); }
#grid td.life .bar.to { bottom: 35%; border-bottom: 2px solid var(--life-edge); }
#grid td.life .ghost, #grid td.life.ghostend::before { position: absolute; left: 8px; top: 0; bottom: 0; border-left: 1.5px dashed var(--bug); }
#grid td.life.ghostend::before { content: ""; bottom: 50%; }
#grid td.life .use { position: absolute; left: 6px; top: 6px; width: 5px; height: 8px; border-radius: 2px; background: var(--life-edge); }
#grid td.life .use.late { background: var(--bug); }
#grid td.life .uaf { position: absolute; inset: 0; text-align: center; color: var(--bug); font-weight: 800; font-size: 13px; line-height: 21px; background: var(--bug-bg); }

.cursorbar { position: sticky; top: 0; z-index: 1; background: var(--panel); border-bottom: 1px solid var(--line); padding: 8px 14px; display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.cursorbar .pos { font-size: 14px; white-space: nowrap; }
.cursorbar .pos b { font: 700 16px var(--mono); color: var(--cur); }
.cursorbar .of { color: var(--muted); font-family: var(--mono); }
.cursorbar .curactor { margin-left: 10px; font-family: var(--mono); color: var(--ink); }
.keys { color: var(--muted); font-size: 11px; display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
kbd { font-size: 10.5px; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 3px; padding: 0 3px; background: #fff; color: var(--ink); }
section { padding: 10px 14px; }
section + section { border-top: 1px solid var(--line); }
h2 { font-size: 14px; margin: 0 0 8px; }
h3 { font: 600 13px var(--mono); margin: 6px 0 4px; }
.tag { font-size: 11px; font-weight: 600; padding: 1px 6px; border-radius: 8px; background: var(--soft); color: var(--muted); margin-left: 4px; vertical-align: 1px; }
.tag.bad { background: var(--bug-bg); color: var(--bug); }
.tag.slice { background: var(--slice-bg); color: #b35c00; }
dl { display: grid; grid-template-columns: 100px 1fr; gap: 3px 10px; margin: 0 0 8px; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
dd.mono { font-family: var(--mono); font-size: 12px; }
dd.site { color: #364fc7; }
pre.patch { background: #1f2430; color: #d8dee9; border-radius: 6px; padding: 6px 0; margin: 0 0 8px; font-size: 12px; overflow-x: auto; tab-size: 4; }
pre.patch .pfile { color: #8f9bb3; padding: 0 10px 4px; font-size: 11px; }
pre.patch .pl { padding: 0 10px 0 0; white-space: pre; }
pre.patch .pl.hit { background: #3b4252; box-shadow: inset 3px 0 0 #ffd43b; color: #fff; }
pre.patch .ln { display: inline-block; width: 46px; text-align: right; padding-right: 10px; color: #6c7693; user-select: none; }
.note { color: var(--muted); font-style: italic; margin: 4px 0 8px; }
.note.missing { color: #b35c00; }
.kv { display: flex; gap: 10px; align-items: baseline; margin: 6px 0; }
.kv .k { color: var(--muted); width: 100px; flex: none; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.chip { border: 1px solid var(--line); background: var(--panel); border-radius: 10px; padding: 0 7px; font: 11.5px var(--mono); cursor: pointer; }
.chip:hover { border-color: var(--cur); }
.chip.slice { background: var(--slice-bg); border-color: #ffd8a8; }
.chip.bad { background: var(--bug-bg); border-color: #ffc9c9; color: var(--bug); font-family: var(--sans); }
.edge { display: inline-flex; gap: 2px; align-items: center; color: var(--muted); }
.life-note { margin: 4px 0; font-size: 12px; }
.life-note.bad { color: var(--bug); font-weight: 600; }
.held code { font-size: 11.5px; margin-right: 6px; }
.pend { border-left: 3px solid var(--bug); padding-left: 10px; margin: 8px 0; }
.rlist { list-style: none; margin: 0 0 8px; padding: 0; }
.rbtn { display: block; width: 100%; text-align: left; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); padding: 6px 8px; margin-bottom: 4px; cursor: pointer; }
.ritem.active .rbtn { border-color: var(--bug); box-shadow: 0 0 0 1px var(--bug) inset; }
.rnum { font: 700 12px var(--mono); color: var(--bug); margin-right: 6px; }
.rtitle { font-weight: 600; }
.rwhere { display: block; color: var(--muted); font-size: 11.5px; }
pre.kernel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; font-size: 10.5px; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0 0; }
`;
