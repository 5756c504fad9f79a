/*
 * The viewer's client code. `client` runs in the browser, not in Node: page.ts inlines `client.toString()`, so the
 * function must be self-contained (no imports, no closures over module values). The project compiles without the
 * DOM library, hence the loose declarations below; the browser test exercises this code for real.
 *
 * Every string of the document reaches the page through textContent, setAttribute('title') or the JSON script
 * element, never as markup.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

type El = any;

export function client(): void {
  const data = JSON.parse(document.getElementById('cgsim-data').textContent);
  const doc = data.doc;
  const view = data.view;
  const N: number = doc.steps;
  const END = N + 1;
  const setupN: number = doc.setupSteps;
  const collapsible = setupN > 0 && setupN < N;
  let collapsed = collapsible;
  let cursor = 0;
  let selected = -1;
  const PALETTE = ['#4c6ef5', '#f08c00', '#2b8a3e', '#ae3ec9', '#0b7285', '#c2255c', '#5f3dc4', '#868e96'];

  function el(tag: string, cls?: string, text?: string): El {
    const e = document.createElement(tag);
    if (cls !== undefined && cls !== '') e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function add(parent: El, ...kids: El[]): El {
    for (const k of kids) parent.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
    return parent;
  }
  function byId(id: string): El {
    return document.getElementById(id);
  }
  function colour(name: string): string {
    let h = 0;
    for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
    return PALETTE[h % PALETTE.length]!;
  }
  function siteText(site: any): string {
    if (site === null) return '';
    return site.line > 0 ? site.fn + ' (' + site.file + ':' + site.line + ')' : site.fn + ' (' + site.file + ')';
  }
  function stepLabel(s: number): string {
    return s === END ? 'end' : String(s);
  }

  // The patch excerpt, indexed by file then line.
  const patch = new Map<string, Map<number, string>>();
  if (view.patch !== null) for (const f of view.patch) patch.set(f.file, new Map(f.lines.map((l: any) => [l[0], l[1]])));

  // Lock holds per actor per step, and lifetimes.
  const holdsAt: Map<number, any[]>[] = doc.actors.map(() => new Map());
  doc.locks.forEach((h: any, i: number) => {
    const a = doc.actors.indexOf(h.actor);
    if (a < 0) return;
    const to = h.to === null ? END : h.to;
    for (let s = h.from; s <= to; s++) {
      const list = holdsAt[a]!.get(s) ?? [];
      list.push({ hold: h, slot: view.lockSlots[i] });
      holdsAt[a]!.set(s, list);
    }
  });
  const reportsAt = new Map<number, number[]>();
  doc.findings.forEach((f: any, i: number) => {
    const s = f.step === null ? END : f.step;
    reportsAt.set(s, [...(reportsAt.get(s) ?? []), i]);
  });

  // ---- header -------------------------------------------------------------------------------------------------
  const top = byId('top');
  const h1 = add(el('h1'), el('span', 'brand', 'cgsim'), ' ', el('span', 'scenario', doc.scenario));
  const meta = add(
    el('div', 'meta'),
    add(el('span'), 'variant ', el('b', '', doc.variant)),
    add(el('span'), 'schedule ', el('code', '', doc.schedule)),
    add(el('span'), 'ending ', el('b', doc.ending === 'deadlock' ? 'bad' : '', doc.ending)),
    add(el('span'), el('b', '', String(N)), ' steps, ', el('b', '', String(doc.findings.length)), ' report(s)'),
  );
  const replay = add(el('div', 'replay'), el('code', '', doc.replay));
  const legend = el('div', 'legend');
  for (const [cls, label] of [
    ['sw-bug', 'report step'],
    ['sw-slice', 'causal slice'],
    ['sw-cur', 'current step'],
    ['sw-lock', 'lock held'],
    ['sw-life', 'object alive'],
    ['sw-uaf', 'use after free'],
  ]) add(legend, add(el('span', 'lg'), el('i', cls!), label!));
  add(top, add(el('div', 'title'), h1, meta, replay), legend);

  // ---- the timeline -------------------------------------------------------------------------------------------
  const A: number = doc.actors.length;
  const L: number = doc.lifetimes.length;
  const table = el('table');
  table.id = 'grid';
  const colgroup = el('colgroup');
  add(colgroup, el('col', 'c-num'));
  const laneCols: El[] = [];
  for (let a = 0; a < A; a++) laneCols.push(add(colgroup, el('col', 'c-lane')).lastChild);
  for (let l = 0; l < L; l++) add(colgroup, el('col', 'c-life'));
  add(table, colgroup);

  const thead = el('thead');
  const hr = el('tr');
  add(hr, el('th', 'num', 'step'));
  doc.actors.forEach((name: string, a: number) => {
    const th = el('th', 'lane');
    th.dataset.actor = String(a);
    const dot = el('i', 'dot');
    dot.style.background = colour(name);
    add(th, dot, el('span', 'aname', name));
    const p = doc.pending.find((x: any) => x.actor === name);
    if (p !== undefined) {
      const st = el('div', 'astate ' + (p.started ? 'blocked' : 'idle'), p.started ? 'blocked at the end' : 'never ran');
      st.setAttribute('title', p.why);
      add(th, st);
    }
    add(hr, th);
  });
  doc.lifetimes.forEach((l: any) => {
    const th = el('th', 'life');
    th.setAttribute(
      'title',
      l.object + ' (' + l.type + ', ' + l.size + ' bytes)\nallocated at step ' + l.allocStep + ' by ' + l.allocActor + (l.allocSite ? ' in ' + l.allocSite : '') +
        (l.freeStep === null ? '\nnever freed' : '\nfreed at step ' + l.freeStep + ' by ' + l.freeActor + (l.freeSite ? ' in ' + l.freeSite : '')),
    );
    add(th, el('span', 'vert', l.object));
    add(hr, th);
  });
  add(thead, hr);
  add(table, thead);

  const tbody = el('tbody');
  const rows = new Map<number, El>();
  const actCell = new Map<number, El>();
  const victimAt = new Map<string, number[]>();
  doc.findings.forEach((f: any, i: number) => {
    for (const l of view.victims[i]) {
      const key = l + ':' + (f.step === null ? END : f.step);
      victimAt.set(key, [...(victimAt.get(key) ?? []), i]);
    }
  });
  // Where each lifetime's use-after-free mark is, to draw the dashed line from its free to it.
  const lastUse = new Map<number, number>();
  for (const key of victimAt.keys()) {
    const [l, s] = key.split(':').map(Number) as [number, number];
    lastUse.set(l, Math.max(lastUse.get(l) ?? 0, s));
  }

  function lockStripes(td: El, a: number, s: number): void {
    for (const { hold, slot } of holdsAt[a]!.get(s) ?? []) {
      const d = el('div', 'lock');
      if (s === hold.from) d.classList.add('from');
      if (hold.to !== null && s === hold.to) d.classList.add('to');
      d.style.left = 3 + slot * 5 + 'px';
      d.style.background = colour(hold.lockClass);
      d.setAttribute('title', 'holds ' + hold.lock + ' [' + hold.lockClass + '], taken at step ' + hold.from + ' in ' + hold.site + (hold.to === null ? ', never released' : ', released at step ' + hold.to));
      add(td, d);
    }
  }

  function lifeCells(tr: El, s: number, summary: boolean): void {
    doc.lifetimes.forEach((l: any, i: number) => {
      const td = el('td', 'life');
      const free = l.freeStep === null ? END : l.freeStep;
      if (summary) {
        if (l.allocStep <= setupN && free > setupN) add(td, el('div', 'bar' + (l.allocStep <= setupN ? '' : '')));
      } else if (s >= l.allocStep && s <= free) {
        const bar = el('div', 'bar');
        if (s === l.allocStep) bar.classList.add('from');
        if (s === l.freeStep) bar.classList.add('to');
        add(td, bar);
      } else if (l.freeStep !== null && s > l.freeStep && s < (lastUse.get(i) ?? 0)) {
        add(td, el('div', 'ghost'));
      }
      if (!summary && s <= N && view.touches[s - 1].includes(i)) {
        const after = l.freeStep !== null && s > l.freeStep;
        const dot = el('div', after ? 'use late' : 'use');
        dot.setAttribute('title', 'step ' + s + ' touches ' + l.object + (after ? ', ' + (s - l.freeStep) + ' step(s) after its free (step ' + l.freeStep + ')' : ''));
        add(td, dot);
      }
      const uaf = summary ? undefined : victimAt.get(i + ':' + s);
      if (uaf !== undefined) {
        const x = el('div', 'uaf', '\u2715');
        x.setAttribute('title', 'report ' + uaf.map((k) => '#' + (k + 1)).join(', ') + ': ' + l.object + ' used at ' + (s === END ? 'the end' : 'step ' + s) + ', freed at step ' + l.freeStep + ' by ' + l.freeActor);
        add(td, x);
        if (l.freeStep !== null && s > l.freeStep + 1) td.classList.add('ghostend');
      }
      add(tr, td);
    });
  }

  if (collapsible) {
    const tr = el('tr', 'summary');
    tr.id = 'setup-toggle';
    add(tr, el('td', 'num', '1\u2013' + setupN));
    const td = el('td', 'lane');
    td.colSpan = A;
    add(td, el('span', 'chev'), el('b', '', doc.trace[0].actor), ' ran ' + setupN + ' setup steps alone ', el('span', 'hint', '(click or press s to show them)'));
    add(tr, td);
    lifeCells(tr, setupN, true);
    tr.addEventListener('click', () => toggleSetup());
    add(tbody, tr);
  }

  for (const t of doc.trace) {
    const s: number = t.step;
    const tr = el('tr', 'step' + (s <= setupN ? ' setup' : ''));
    tr.dataset.step = String(s);
    add(tr, el('td', 'num', String(s)));
    doc.actors.forEach((name: string, a: number) => {
      const td = el('td', 'lane');
      td.style.paddingLeft = 6 + view.laneSlots[a] * 5 + 'px';
      lockStripes(td, a, s);
      if (name === t.actor) {
        td.classList.add('act');
        const op = el('span', 'op', t.op);
        add(td, op);
        if (t.object !== '') add(td, ' ', el('span', 'obj', t.object));
        td.setAttribute('title', t.op + (t.object !== '' ? ' ' + t.object : '') + (t.site !== null ? '\n' + siteText(t.site) : '') + (t.where !== null ? '\n' + t.where : ''));
        if (t.findings.length > 0) td.classList.add('bug');
        actCell.set(s, td);
      }
      add(tr, td);
    });
    lifeCells(tr, s, false);
    if (t.findings.length > 0) tr.classList.add('bugrow');
    tr.addEventListener('click', () => go(s));
    rows.set(s, tr);
    add(tbody, tr);
  }

  {
    const tr = el('tr', 'step endrow');
    tr.dataset.step = 'end';
    add(tr, el('td', 'num', 'end'));
    doc.actors.forEach((name: string, a: number) => {
      const td = el('td', 'lane');
      td.style.paddingLeft = 6 + view.laneSlots[a] * 5 + 'px';
      lockStripes(td, a, END);
      const p = doc.pending.find((x: any) => x.actor === name);
      if (p !== undefined) {
        td.classList.add(p.started ? 'blocked' : 'idle');
        add(td, el('span', 'op', p.started ? 'blocked: ' + p.op : 'never ran'));
        if (p.started && p.object !== '') add(td, ' ', el('span', 'obj', p.object));
        td.setAttribute('title', p.why);
        if (p.started && (reportsAt.get(END) ?? []).length > 0) td.classList.add('bug');
      }
      add(tr, td);
    });
    lifeCells(tr, END, false);
    if ((reportsAt.get(END) ?? []).length > 0) tr.classList.add('bugrow');
    tr.addEventListener('click', () => go(END));
    rows.set(END, tr);
    add(tbody, tr);
  }
  add(table, tbody);
  add(byId('timeline'), table);

  // ---- side panel ---------------------------------------------------------------------------------------------
  const side = byId('side');
  const bar = el('div', 'cursorbar');
  bar.id = 'cursorbar';
  const cur = el('b', '', '');
  cur.id = 'cursor-step';
  const curActor = el('span', 'curactor', '');
  curActor.id = 'cursor-actor';
  add(bar, add(el('div', 'pos'), 'step ', cur, el('span', 'of', ' / ' + N), curActor));
  const keys = el('div', 'keys');
  for (const [k, what] of [
    ['\u2190 \u2192', 'step'],
    ['j k', 'step'],
    ['Home End', 'ends'],
    ['n p', 'slice'],
    ['s', 'setup'],
  ])
    add(keys, add(el('span'), el('kbd', '', k!), ' ' + what));
  add(bar, keys);
  const details = el('section', 'details');
  details.id = 'details';
  const reports = el('section', 'reports');
  reports.id = 'reports';
  add(side, bar, details, reports);

  const reportList = el('ol', 'rlist');
  const reportBody = el('div', 'rbody');
  reportBody.id = 'report-body';
  add(reports, el('h2', '', 'Reports'));
  if (doc.findings.length === 0) add(reports, el('p', 'note', 'No report in this execution.'));
  const reportItems: El[] = [];
  doc.findings.forEach((f: any, i: number) => {
    const li = el('li', 'ritem');
    li.dataset.report = String(i + 1);
    const b = el('button', 'rbtn');
    b.type = 'button';
    add(b, el('span', 'rnum', '#' + f.index), el('span', 'rtitle', f.title), el('span', 'rwhere', (f.step === null ? 'after the last step' : 'step ' + f.step) + ' \u00b7 ' + f.actor + ' \u00b7 ' + f.kind));
    b.addEventListener('click', () => {
      select(i);
      go(f.step === null ? END : f.step);
    });
    add(li, b);
    add(reportList, li);
    reportItems.push(li);
  });
  add(reports, reportList, reportBody);

  function chip(s: number, extra?: string): El {
    const c = el('button', 'chip' + (extra ? ' ' + extra : ''), stepLabel(s));
    c.type = 'button';
    c.addEventListener('click', (e: any) => {
      e.stopPropagation();
      go(s);
    });
    return c;
  }

  function select(i: number): void {
    for (const td of document.querySelectorAll('td.slice')) td.classList.remove('slice');
    for (const tr of document.querySelectorAll('tr.sliced')) tr.classList.remove('sliced');
    reportItems.forEach((li, k) => li.classList.toggle('active', k === i));
    selected = i;
    reportBody.textContent = '';
    if (i < 0) return;
    const f = doc.findings[i];
    for (const s of f.slice) {
      actCell.get(s)?.classList.add('slice');
      rows.get(s)?.classList.add('sliced');
    }
    const sl = add(el('div', 'kv'), el('span', 'k', 'causal slice'));
    const chips = el('span', 'chips');
    for (const s of f.slice) add(chips, chip(s, 'slice'));
    add(sl, chips);
    add(reportBody, sl);
    if (f.edges.length > 0) {
      const ed = add(el('div', 'kv'), el('span', 'k', 'conflicts'));
      const ch = el('span', 'chips');
      for (const [a, b] of f.edges) add(ch, add(el('span', 'edge'), chip(a), '\u2192', chip(b)));
      add(ed, ch);
      add(reportBody, ed);
    }
    if (f.priorSchedules.length > 0) add(reportBody, add(el('div', 'kv'), el('span', 'k', 'rests on'), el('code', '', f.priorSchedules.join(' '))));
    const pre = el('pre', 'kernel', f.text.join('\n'));
    pre.id = 'report-text';
    add(reportBody, pre);
  }

  function patchBlock(site: any): El {
    if (view.patch === null) return el('p', 'note', 'No patch given: run with --patch FILE to see the patched source of this line.');
    if (site === null) return el('p', 'note', 'This step claims no kernel site.');
    if (site.line <= 0) return el('p', 'note', 'No line claimed in ' + site.file + ' (the code mirrored is outside the text under review).');
    const lines = patch.get(site.file);
    if (lines === undefined || !lines.has(site.line)) return el('p', 'note missing', site.file + ':' + site.line + ' \u2014 line not in the patch.');
    const pre = el('pre', 'patch');
    pre.id = 'patch-text';
    add(pre, el('div', 'pfile', site.file));
    for (let l = site.line - 3; l <= site.line + 3; l++) {
      const text = lines.get(l);
      if (text === undefined) continue;
      const row = el('div', 'pl' + (l === site.line ? ' hit' : ''));
      add(row, el('span', 'ln', String(l)), el('span', 'code', text));
      add(pre, row);
    }
    return pre;
  }

  function kv(dl: El, k: string, v: El | string, cls?: string): void {
    add(dl, el('dt', '', k), add(el('dd', cls ?? ''), v));
  }

  function renderDetails(s: number): void {
    details.textContent = '';
    if (s === END) {
      add(details, add(el('h2'), 'After the last step ', el('span', 'tag', doc.ending)));
      const rs = reportsAt.get(END) ?? [];
      if (rs.length > 0) add(details, reportLinks(rs));
      if (doc.pending.length === 0) add(details, el('p', 'note', 'Every actor finished.'));
      for (const p of doc.pending) {
        const box = el('div', 'pend');
        add(box, el('h3', '', p.actor));
        const dl = el('dl');
        kv(dl, 'state', p.why);
        if (p.started) {
          kv(dl, 'op', p.op, 'mono');
          if (p.object !== '') kv(dl, 'object', p.object, 'mono');
          if (p.site !== null) kv(dl, 'kernel site', siteText(p.site), 'mono site');
        }
        add(box, dl);
        if (p.started) add(box, patchBlock(p.site));
        add(details, box);
      }
      return;
    }
    const t = doc.trace[s - 1];
    const h = add(el('h2'), 'Step ' + s + ' ');
    if (s <= setupN) add(h, el('span', 'tag', 'setup'));
    if (t.findings.length > 0) add(h, el('span', 'tag bad', 'report'));
    if (selected >= 0 && doc.findings[selected].slice.includes(s)) add(h, el('span', 'tag slice', 'slice'));
    add(details, h);
    const dl = el('dl');
    kv(dl, 'actor', t.actor);
    kv(dl, 'op', t.op, 'mono');
    kv(dl, 'object', t.object === '' ? '\u2014' : t.object, 'mono');
    const site = el('span', '', t.site === null ? '\u2014' : siteText(t.site));
    site.id = 'detail-site';
    kv(dl, 'kernel site', site, 'mono site');
    const where = el('span', '', t.where === null ? '\u2014' : t.where);
    where.id = 'detail-where';
    kv(dl, 'model source', where, 'mono');
    add(details, dl);
    add(details, patchBlock(t.site));
    if (t.findings.length > 0) add(details, reportLinks(t.findings.map((k: number) => k - 1)));
    if (selected >= 0) {
      const f = doc.findings[selected];
      const with_ = f.edges.filter((e: any) => e[0] === s || e[1] === s);
      if (with_.length > 0) {
        const p = add(el('div', 'kv'), el('span', 'k', 'conflicts with'));
        const ch = el('span', 'chips');
        for (const [a, b] of with_) add(ch, chip(a === s ? b : a));
        add(p, ch);
        add(details, p);
      }
    }
    const objs = view.touches[s - 1];
    for (const i of objs) {
      const l = doc.lifetimes[i];
      const after = l.freeStep !== null && s > l.freeStep;
      const p = el('p', after ? 'life-note bad' : 'life-note');
      add(p, el('code', '', l.object), ' ' + (after ? 'was freed at step ' + l.freeStep + ' by ' + l.freeActor + ': this is ' + (s - l.freeStep) + ' step(s) after the free' : 'allocated at step ' + l.allocStep + (l.freeStep === null ? ', never freed' : ', freed at step ' + l.freeStep)));
      add(details, p);
    }
    const a = doc.actors.indexOf(t.actor);
    const held = holdsAt[a]?.get(s) ?? [];
    if (held.length > 0) {
      const p = add(el('div', 'kv'), el('span', 'k', 'holds'));
      const ul = el('span', 'held');
      for (const { hold } of held) add(ul, add(el('code', '', hold.lock)), ' ');
      add(p, ul);
      add(details, p);
    }
  }

  function reportLinks(indices: number[]): El {
    const p = add(el('div', 'kv'), el('span', 'k', 'reports'));
    const ch = el('span', 'chips');
    for (const i of indices) {
      const b = el('button', 'chip bad', '#' + (i + 1) + ' ' + doc.findings[i].title);
      b.type = 'button';
      b.addEventListener('click', () => select(i));
      add(ch, b);
    }
    add(p, ch);
    return p;
  }

  // ---- cursor ---------------------------------------------------------------------------------------------------
  function stops(): number[] {
    const out: number[] = [];
    for (let s = collapsed ? setupN + 1 : 1; s <= N; s++) out.push(s);
    out.push(END);
    return out;
  }

  /** Lanes with nothing to show (no step in view, not blocked at the end) are drawn narrow. */
  function sizeLanes(): void {
    const busy = new Set<string>();
    for (const t of doc.trace) if (!collapsed || t.step > setupN) busy.add(t.actor);
    for (const p of doc.pending) if (p.started) busy.add(p.actor);
    doc.actors.forEach((name: string, a: number) => {
      laneCols[a].style.width = busy.has(name) ? '' : '96px';
    });
  }

  function toggleSetup(): void {
    if (!collapsible) return;
    collapsed = !collapsed;
    tbody.classList.toggle('collapsed', collapsed);
    sizeLanes();
    byId('setup-toggle').classList.toggle('open', !collapsed);
    if (collapsed && cursor <= setupN) go(setupN + 1);
  }

  function go(s: number): void {
    if (collapsed && s <= setupN) toggleSetup();
    rows.get(cursor)?.classList.remove('current');
    cursor = s;
    const tr = rows.get(s);
    tr.classList.add('current');
    cur.textContent = stepLabel(s);
    curActor.textContent = s === END ? doc.ending : doc.trace[s - 1].actor;
    renderDetails(s);
    tr.scrollIntoView({ block: 'nearest' });
  }

  function move(delta: number): void {
    const list = stops();
    let i = list.indexOf(cursor);
    if (i < 0) i = 0;
    go(list[Math.max(0, Math.min(list.length - 1, i + delta))]!);
  }

  function sliceMove(dir: number): void {
    if (selected < 0) return;
    const f = doc.findings[selected];
    const list: number[] = dir > 0 ? f.slice : [...f.slice].reverse();
    const next = list.find((s: number) => (dir > 0 ? s > cursor : s < cursor));
    if (next !== undefined) go(next);
  }

  document.addEventListener('keydown', (e: any) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'j') move(1);
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'k') move(-1);
    else if (k === 'Home') go(stops()[0]!);
    else if (k === 'End') go(END);
    else if (k === 'PageDown') move(10);
    else if (k === 'PageUp') move(-10);
    else if (k === 'n') sliceMove(1);
    else if (k === 'p') sliceMove(-1);
    else if (k === 's') toggleSetup();
    else return;
    e.preventDefault();
  });

  tbody.classList.toggle('collapsed', collapsed);
  sizeLanes();
  select(doc.findings.length > 0 ? 0 : -1);
  const hash = /^#step=(\d+|end)$/.exec(window.location.hash);
  const first = doc.findings.length > 0 ? (doc.findings[0].step ?? END) : stops()[0]!;
  const wanted = hash === null ? first : hash[1] === 'end' ? END : Number(hash[1]);
  go(wanted >= 1 && wanted <= END ? wanted : first);
  document.body.dataset.ready = 'true';
}
