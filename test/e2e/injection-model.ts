/**
 * The injection corpus as a complete model folder, for the end-to-end render test: every kind
 * of element that reaches a table, a paragraph or a mermaid diagram carries hostile text in its
 * name, its free-text fields and, where the schema allows any string, its id.
 *
 * Text payloads go round-robin over the elements of each kind. The kinds that fill one label
 * slot of each mermaid grammar get one element per payload, so every slot sees every payload.
 * Markdown payloads fill the descriptions. A payload that ever runs sets `window.__pwned`, opens a dialog or requests
 * `http://127.0.0.1:<port>/…` (a server the test counts hits on).
 *
 * Each element's name ends with a marker `zq<kind><index>` (plain ASCII, one word) so the test
 * can find it in tables, in the PDF text and in the Markdown, whatever the payload did.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';

/** One hostile string and what it attacks. */
export interface Payload {
  key: string;
  text: string;
  /** Put the marker before the payload (the payload reverses or swallows what follows it). */
  markerFirst?: boolean;
}

/** JavaScript that proves a payload ran: a flag, a dialog and a request the test counts. */
const run = (port: number, tag: string): string =>
  `window.__pwned='${tag}';alert('${tag}');fetch('http://127.0.0.1:${port}/${tag}')`;

/** Plain text fields (names, labels, triggers, comments…): shown as text, drawn in diagrams. */
export function textPayloads(port: number): Payload[] {
  const js = (tag: string): string => run(port, tag);
  return [
    { key: 'script', text: `<script>${js('script')}</script>` },
    { key: 'img-onerror', text: `<img src=x onerror="${js('img')}">` },
    { key: 'attr-break-svg', text: `"><svg onload=${js('svg')}>` },
    { key: 'attr-break-single', text: `'><body onload='${js('body')}'>` },
    { key: 'init-directive', text: '%%{init: {"securityLevel":"loose","startOnLoad":true}}%%' },
    { key: 'click-call', text: 'x"]\nclick n1 call alert(1)\nclick app_100101 call alert(2)' },
    { key: 'click-href', text: `click app_100101 href "javascript:${js('click')}" _self` },
    { key: 'close-markup', text: '</div></td></tr></table></foreignObject></svg></figure>' },
    { key: 'arrows', text: 'a --> b; c -.-> d ==> e --- f ~~~ g -- txt --> h' },
    { key: 'newline-statements', text: 'x;\nend\nflowchart LR\n  evil["pwn"] --> evil2' },
    { key: 'backticks', text: '``` `code` ```mermaid\n~~~\n```' },
    { key: 'pipes', text: 'a|b||c | -->|edge label| d |' },
    { key: 'mermaid-entities', text: '#quot;#60;script#62;#lt;b#gt;#35;#59;#amp;' },
    {
      key: 'html-entities',
      text: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &quot;&amp;',
    },
    { key: 'brackets', text: '[]{}()<>[[(( ))]]{{ }}>] [/x\\] [\\x/] (((x))) {{x}} >x]' },
    { key: 'long', text: `${'Ⅼong'.repeat(4)}${'x'.repeat(600)} ${'长文本'.repeat(100)}` },
    { key: 'cjk', text: '订单服务「测试」（中文）：；、《标题》　全角空格 ｜ ＜script＞' },
    {
      key: 'bidi-zero-width',
      text: 'safe\u202Egnp.exe\u202C a\u200Bb\u200Dc\uFEFFd \u2066iso\u2069 \u2028sep\u2029',
    },
    { key: 'bidi-unterminated', text: 'abc\u202Edef\u202Bghi', markerFirst: true },
    { key: 'style-classdef', text: 'style n1 fill:#f00\nclassDef evil fill:red\nx:::evil' },
    { key: 'end-keyword', text: 'end' },
    {
      key: 'iframe',
      text: `<iframe src="http://127.0.0.1:${port}/iframe" srcdoc="<script>${js('srcdoc')}</script>"></iframe>`,
    },
    {
      key: 'style-tag',
      text: `<style>@import url(http://127.0.0.1:${port}/css);body{display:none}</style>`,
    },
    {
      key: 'markdown-in-text',
      text: `**bold** [l](javascript:${js('mdname')}) ![i](http://127.0.0.1:${port}/mdimg.png) # h`,
    },
    { key: 'handlebars', text: "{{constructor.constructor('alert(1)')()}} {{{x}}} {{> p}}" },
    { key: 'csp-placeholder', text: "__ARCHGEN_SCRIPT_HASHES__ 'unsafe-inline' *" },
    { key: 'backslashes', text: 'C:\\path\\to\\ \\| \\" \\n \\\\ \\' },
    { key: 'control-chars', text: 'bell\x07 esc\x1b[31m nul\0 tab\t del\x7f' },
    { key: 'js-url', text: `javascript:${js('jsurl')}` },
    { key: 'data-url', text: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
    {
      key: 'label-html',
      text: `<b>b</b><br/><a href="javascript:${js('a')}">x</a><span style="display:none">h</span>`,
    },
    {
      key: 'mxss',
      text: `<math><mtext><table><mglyph><style><img src=x onerror="${js('mxss')}">`,
    },
    { key: 'quotes', text: `'single' "double" ‘curly’ “curly” \`back\` "unclosed` },
    { key: 'gantt-syntax', text: 'click x : done, crit, 2020-01-01, 1d\nsection s\ntitle t' },
    { key: 'er-syntax', text: 'A }|..|{ B : "x" ||--o{ PK FK UK {\n int id PK\n}' },
    { key: 'state-syntax', text: '[*] --> x : y\nstate "a" as b\nnote right of x : pwn\n--' },
    { key: 'comments-acc', text: '%% comment\naccTitle: pwn\naccDescr { pwn }\n%%{wrap}%%' },
    { key: 'generic-tilde', text: 'List~Order~ Map~K,V~ ~~struck~~ ~x~' },
    {
      key: 'markdown-delimiters',
      text: '*em* **strong** _u_ `code` \\* https://example.com a@b.example',
    },
  ];
}

/** Markdown descriptions: raw HTML, dangerous links and images, structure-breaking blocks. */
export function markdownPayloads(port: number): Payload[] {
  const js = (tag: string): string => run(port, tag);
  const url = (p: string): string => `http://127.0.0.1:${port}/${p}`;
  return [
    { key: 'md-script', text: `<script>${js('md-script')}</script>` },
    { key: 'md-img', text: `text <img src=x onerror="${js('md-img')}"> text` },
    { key: 'md-js-link', text: `[click](javascript:${js('md-link')})` },
    {
      key: 'md-js-link-obfuscated',
      text: [
        `[c2](java&#115;cript&colon;alert(2))`,
        `[c3](JaVaScRiPt:alert(3))`,
        `[c4](&#x6A;avascript:alert(4))`,
        `[c5]( javascript:alert(5) )`,
        `[c6](<javascript:alert(6)>)`,
        `[c7](java\u0000script:alert(7))`,
        `[c8](vbscript:msgbox(8))`,
      ].join(' '),
    },
    { key: 'md-autolink', text: `<javascript:${js('md-autolink')}>` },
    {
      key: 'md-data',
      text: `[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)`,
    },
    {
      key: 'md-iframe',
      text: `<iframe src="${url('md-iframe')}" srcdoc="<script>${js('md-srcdoc')}</script>"></iframe>`,
    },
    {
      key: 'md-style',
      text: `<style>@import url(${url('md-css')});body{display:none}</style>`,
    },
    { key: 'md-svg', text: `<svg onload="${js('md-svg')}"><circle r=5 /></svg>` },
    {
      key: 'md-reference',
      text: `[ref one][r1] and [ref two][r2]\n\n[r1]: javascript:${js('md-r1')}\n[r2]:\n  javascript:${js('md-r2')}\n  "title"`,
    },
    {
      key: 'md-remote-image',
      text: `![px](${url('md-img.png')}) ![ref-img][ri]\n\n[ri]: ${url('ri.png')}`,
    },
    { key: 'md-close-markup', text: '</div></section></main><!-- unclosed comment' },
    { key: 'md-headings', text: '# H1 in a description\n\nSetext title\n===\n\n###### h6' },
    { key: 'md-table', text: '| a | b |\n|---|---|\n| <script>alert(1)</script> | `|` |' },
    { key: 'md-code-spans', text: `\`\`<script>${js('md-code')}</script>\` and \`<b>kept</b>\`` },
    {
      key: 'md-link-title',
      text: `[t](https://example.com/ok "x\\" onmouseover=\\"${js('md-title')}")`,
    },
    {
      key: 'md-link-label-html',
      text: `[<img src=x onerror="${js('md-label')}">](https://example.com/)`,
    },
    { key: 'md-raw-anchor', text: `<a href="javascript:${js('md-a')}">raw anchor</a>` },
    {
      key: 'md-raw-misc',
      text: [
        `<details open ontoggle="${js('md-toggle')}">d</details>`,
        `<base href="${url('md-base')}/">`,
        `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
        `<link rel=stylesheet href="${url('md-link')}">`,
        `<object data="${url('md-object')}"></object><embed src="${url('md-embed')}">`,
        `<form action="${url('md-form')}"><button>go</button></form>`,
      ].join('\n'),
    },
    {
      key: 'md-mermaid-fence',
      text: '```mermaid\n%%{init: {"securityLevel":"loose"}}%%\nflowchart LR\n  a --> b\n  click a call alert(1)\n```',
    },
    {
      key: 'md-nested-link',
      text: '[a](https://example.com/)](javascript:alert(1)) [[x](javascript:alert(1))](https://example.com/)',
    },
    {
      key: 'md-quote-list',
      text: '> <img src=x onerror=alert(1)>\n\n- <script>alert(1)</script>\n1. `ok`',
    },
    { key: 'md-entities', text: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62; &amp;lt;' },
    { key: 'md-unclosed-fence', text: '````\nunclosed fence <script>alert(1)</script>' },
  ];
}

/** Ids where the schema allows any string: element ids that are not six-digit app ids. */
export const ID_PAYLOADS: readonly string[] = [
  'x"><svg onload=alert(1)>',
  '<script>alert(1)</script>',
  '%%{init: {"securityLevel":"loose"}}%%',
  'a --> b; click b call alert(1)',
  '订单 中心',
  'end',
  '#quot;#60;',
  'x|y`z`',
  '\u202Eevil\u200B',
  'javascript:alert(1)',
  '[]{}()',
  "'><img src=x onerror=alert(1)>",
  'line\nbreak',
  '../../../etc/passwd',
];

/** Where the corpus put its payloads: element kind → field → payload keys. */
export type Coverage = Map<string, Map<string, Set<string>>>;

/** A named element whose name the test looks for in every output. */
export interface Marked {
  kind: string;
  id: string;
  name: string;
  marker: string;
  payload: string;
}

/** What `writeInjectionModel` wrote. */
export interface InjectionModel {
  texts: Payload[];
  markdown: Payload[];
  coverage: Coverage;
  /** Every element named with a text payload and a marker. */
  marked: Marked[];
}

/** Writes the corpus model into `dir` (created); hostile URLs point at 127.0.0.1:`port`. */
export async function writeInjectionModel(dir: string, port: number): Promise<InjectionModel> {
  const texts = textPayloads(port);
  const markdown = markdownPayloads(port);
  // Kinds whose names fill one label slot of each diagram grammar (flowchart node and edge,
  // state name and transition, ER alias, comment and relation, gantt task) get one element per
  // text payload; the other kinds get S elements, with the payloads going round.
  const K = texts.length;
  const S = 8;
  const coverage: Coverage = new Map();
  const marked: Marked[] = [];
  const note = (kind: string, field: string, key: string): void => {
    const fields = coverage.get(kind) ?? new Map<string, Set<string>>();
    coverage.set(kind, fields);
    const keys = fields.get(field) ?? new Set<string>();
    fields.set(field, keys);
    keys.add(key);
  };
  let kindNo = 0;
  /** A payload picker for one kind: element j gets text payload (j + offset) mod K. */
  const kind = (k: string) => {
    const no = ++kindNo;
    const offset = (no - 1) * 7;
    const at = (j: number): Payload => texts[(j + offset) % K]!;
    return {
      /** The element's name: payload and marker. */
      name(j: number, id: string): string {
        const p = at(j);
        const marker = `zq${String(no).padStart(2, '0')}${String(j).padStart(2, '0')}`;
        const name = p.markerFirst ? `${marker} ${p.text}` : `${p.text} ${marker}`;
        note(k, 'name', p.key);
        marked.push({ kind: k, id, name, marker, payload: p.key });
        return name;
      },
      /** Another free-text field of element j (a shifted payload, so fields differ). */
      text(j: number, field: string, shift = 1): string {
        const p = at(j + shift);
        note(k, field, p.key);
        return p.text;
      },
      /** A Markdown description. */
      md(j: number, field = 'description'): string {
        const p = markdown[(j + offset) % markdown.length]!;
        note(k, field, p.key);
        return `Description ${j}.\n\n${p.text}`;
      },
      /** An id: a hostile one for even j, a plain one otherwise. Unique within the kind. */
      id(j: number, plain: string): string {
        if (j % 2 === 1) return `${plain}-${j}`;
        const raw = ID_PAYLOADS[(j / 2 + offset) % ID_PAYLOADS.length]!;
        note(k, 'id', `id:${ID_PAYLOADS.indexOf(raw)}`);
        return j / 2 < ID_PAYLOADS.length ? raw : `${raw}-${j}`;
      },
    };
  };
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  // Everything Markdown in one text, for the places that print paragraphs.
  // Each payload starts a line: fences, headings, definitions and HTML blocks only open there.
  const allMarkdown = markdown.map((p) => `${p.key}:\n\n${p.text}`).join('\n\n');
  const noteAll = (k: string, field: string): void =>
    markdown.forEach((p) => note(k, field, p.key));

  // ---- business -------------------------------------------------------------------------
  const party = kind('party');
  const parties = range(6).map((j) => {
    const id = party.id(j, 'party');
    return { id, name: party.name(j, id), kind: 'customer', description: party.md(j) };
  });
  const competitor = kind('competitor');
  const competitors = range(4).map((j) => {
    const id = competitor.id(j, 'rival');
    return {
      id,
      name: competitor.name(j, id),
      description: competitor.md(j),
      strengths: [competitor.text(j, 'strengths', 1), competitor.text(j, 'strengths', 2)],
      weaknesses: [competitor.text(j, 'weaknesses', 3)],
    };
  });
  const org = kind('orgUnit');
  const orgIds = range(K).map((j) => org.id(j, 'unit'));
  const orgUnits = orgIds.map((id, j) => ({
    id,
    name: org.name(j, id),
    ...(j > 0 ? { parent: orgIds[Math.floor((j - 1) / 6)] } : {}),
    headcount: j + 1,
    description: org.md(j),
  }));
  const stage = kind('stage');
  const stageIds = range(S).map((j) => stage.id(j, 'stage'));
  const stages = stageIds.map((id, j) => ({
    id,
    name: stage.name(j, id),
    next: [stageIds[(j + 1) % S]!],
    description: stage.md(j),
  }));
  const role = kind('role');
  const roles = range(4).map((j) => {
    const id = role.id(j, 'role');
    return { id, name: role.name(j, id), party: parties[j % parties.length]!.id };
  });
  const fn = kind('function');
  const functions = range(3).map((j) => {
    const id = fn.id(j, 'module');
    return {
      id,
      name: fn.name(j, id),
      party: parties[j]!.id,
      functions: range(3).map((i) => {
        const fid = fn.id(i, `fn${j}`);
        return {
          id: fid,
          name: fn.text(j * 3 + i, 'functions[].name', 2),
          roles: [roles[(j + i) % roles.length]!.id],
        };
      }),
    };
  });

  // ---- applications ---------------------------------------------------------------------
  const pl = kind('productLine');
  const lineCodes = range(6).map((j) => String(10 + j));
  const productLines = lineCodes.map((code, j) => ({
    code,
    id: pl.id(j, 'line'),
    name: pl.name(j, code),
    description: pl.md(j),
  }));
  const sub = kind('subsystem');
  const subsystems = range(12).map((j) => ({
    code: String((j % 2) + 1).padStart(2, '0'),
    productLine: lineCodes[Math.floor(j / 2)]!,
    name: sub.name(j, `${lineCodes[Math.floor(j / 2)]}0${(j % 2) + 1}`),
    description: sub.md(j),
  }));
  // App j sits in subsystem j mod 12, number 10 + j: ids are valid six-digit ids.
  const appIds = range(12).map((j) => {
    const s = subsystems[j % 12]!;
    return `${s.productLine}${s.code}${String(10 + j)}`;
  });
  const logic = kind('businessLogic');
  const businessLogic = range(4).map((j) => {
    const id = logic.id(j, 'logic');
    return { id, name: logic.name(j, id), description: logic.md(j) };
  });
  const layer = kind('layer');
  const layers = range(6).map((j) => {
    const id = layer.id(j, 'layer');
    return { id, name: layer.name(j, id), description: layer.md(j) };
  });

  // ---- services -------------------------------------------------------------------------
  const center = kind('serviceCenter');
  const service = kind('service');
  const centers = range(6).map((j) => {
    // No `.` in center or service ids: `center.service` is how they are referenced.
    const id = center.id(j, 'center').replace(/\./g, '-');
    return {
      id,
      name: center.name(j, id),
      description: center.md(j),
      implementedBy: [appIds[j]!],
      discovery: 'consul',
      services: range(2).map((i) => {
        const sid = service.id(j * 2 + i, 'svc').replace(/\./g, '-');
        return {
          id: sid,
          name: service.name(j * 2 + i, `${id}.${sid}`),
          protocol: i % 2 === 0 ? 'rest' : 'mq',
          operations: [service.text(j * 2 + i, 'operations', 3)],
          channel: service.text(j * 2 + i, 'channel', 5),
          description: service.md(j * 2 + i),
        };
      }),
    };
  });
  const ext = kind('externalSystem');
  const externalSystems = range(4).map((j) => {
    // Prefixed: a call target cannot be both a service center and an external system.
    const id = `ext ${ext.id(j, 'ext').replace(/\./g, '-')}`;
    return {
      id,
      name: ext.name(j, id),
      party: parties[j]!.id,
      host: ext.text(j, 'host'),
      description: ext.md(j),
    };
  });

  const app = kind('application');
  const applications = appIds.map((id, j) => {
    const c = centers[j % centers.length]!;
    const s = c.services[j % c.services.length]!;
    return {
      id,
      name: app.name(j, id),
      description: app.md(j),
      kind: (['web', 'backend', 'mobile', 'job', 'gateway', 'admin'] as const)[j % 6],
      language: app.text(j, 'language', 2),
      tech: [app.text(j, 'tech', 3)],
      layer: layers[j % layers.length]!.id,
      logic: [businessLogic[j % businessLogic.length]!.id],
      calls: [
        {
          target: appIds[(j + 1) % appIds.length]!,
          protocol: 'http',
          operations: [app.text(j, 'calls.operations', 4)],
        },
        { target: `${c.id}.${s.id}`, protocol: 'rest', detail: app.text(j, 'calls.detail', 5) },
        ...(j < externalSystems.length
          ? [{ target: externalSystems[j]!.id, protocol: 'other', detail: 'x' }]
          : []),
      ],
      routes: j % 6 === 4 ? [{ paths: [app.text(j, 'routes.paths', 6)], target: c.id }] : undefined,
      endpoints: [{ port: 8000 + j, protocol: 'http', path: app.text(j, 'endpoints.path', 7) }],
      deployedOn: [{ cluster: '', replicas: 2, image: app.text(j, 'deployedOn.image', 8) }],
      repository: app.text(j, 'repository', 9),
    };
  });

  // ---- data -----------------------------------------------------------------------------
  const cat = kind('dataCategory');
  const categories = range(6).map((j) => {
    const id = cat.id(j, 'cat');
    return { id, name: cat.name(j, id), description: cat.md(j) };
  });
  const ent = kind('entity');
  const attr = kind('attribute');
  const entityIds = range(K).map((j) => ent.id(j, 'ent').replace(/\./g, '-'));
  const centerOfEntity = (j: number): string => centers[j % centers.length]!.id;
  const entities = entityIds.map((id, j) => ({
    id,
    name: ent.name(j, id),
    description: ent.md(j),
    category: categories[j % categories.length]!.id,
    ownedBy: centerOfEntity(j),
    table: ent.text(j, 'table', 2),
    attributes: [
      { name: 'id', type: 'bigint', pk: true },
      {
        name: attr.name(j, `${id}.attr`),
        type: attr.text(j, 'type', 2),
        comment: attr.text(j, 'comment', 3),
        description: attr.md(j),
        ...(j > 0 ? { ref: `${entityIds[j - 1]}.id` } : {}),
      },
    ],
    relations: [
      {
        to: entityIds[(j + 3) % K]!,
        cardinality: 'one-to-many',
        label: ent.text(j, 'relations.label', 4),
      },
    ],
  }));
  const dbk = kind('database');
  const databases = range(6).map((j) => {
    const id = dbk.id(j, 'db');
    return {
      id,
      name: dbk.name(j, id),
      description: dbk.md(j),
      engine: dbk.text(j, 'engine', 2),
      kind: 'oltp',
      schema: dbk.text(j, 'schema', 3),
      productLine: lineCodes[j]!,
      ownedBy: centers[j]!.id,
      entities: entityIds.filter((_, i) => i % centers.length === j),
      note: dbk.text(j, 'note', 4),
    };
  });
  for (const [j, a] of applications.entries()) {
    // Each app uses the database its center owns, for reading (a warning at most).
    Object.assign(a, { uses: [{ database: databases[j % databases.length]!.id, access: 'read' }] });
  }
  const serviceRef = (j: number): string => {
    const c = centers[j % centers.length]!;
    return `${c.id}.${c.services[j % c.services.length]!.id}`;
  };
  const sm = kind('stateMachine');
  const st = kind('state');
  const tr = kind('transition');
  // K + 1 states: K transitions, one per payload.
  const stateIds = range(K + 1).map((j) => st.id(j, 'state'));
  const smId = sm.id(0, 'machine');
  const stateMachines = [
    {
      id: smId,
      name: sm.name(0, smId),
      description: sm.md(0),
      entity: entityIds[0]!,
      initial: stateIds[0]!,
      creation: { trigger: sm.text(0, 'creation.trigger', 1), service: serviceRef(0) },
      states: stateIds.map((id, j) => ({
        id,
        name: st.name(j, id),
        value: st.text(j, 'value', 2),
        description: st.md(j),
        ...(j === K ? { final: true } : {}),
      })),
      transitions: stateIds.slice(0, -1).map((id, j) => ({
        from: id,
        to: stateIds[j + 1]!,
        trigger: tr.text(j, 'trigger', 0),
        guard: tr.text(j, 'guard', 1),
        after: tr.text(j, 'after', 2),
        service: serviceRef(j),
        description: tr.md(j),
      })),
    },
    {
      id: sm.id(1, 'machine'),
      name: sm.name(1, 'machine-1'),
      entity: entityIds[1]!,
      initial: stateIds[0]!,
      states: [
        { id: stateIds[0]!, name: sm.text(1, 'states.name', 3) },
        { id: stateIds[2]!, name: sm.text(1, 'states.name', 4), final: true },
      ],
      transitions: [{ from: '*', to: stateIds[2]!, trigger: sm.text(1, 'trigger', 5) }],
    },
  ];

  // ---- physical -------------------------------------------------------------------------
  const reg = kind('region');
  const regions = range(6).map((j) => {
    const id = reg.id(j, 'region');
    return { id, name: reg.name(j, id), description: reg.md(j) };
  });
  const dc = kind('datacenter');
  const dcIds = range(K).map((j) => dc.id(j, 'dc'));
  const datacentersList = dcIds.map((id, j) => ({
    id,
    name: dc.name(j, id),
    description: dc.md(j),
    region: regions[j % regions.length]!.id,
    kind: j % 3 === 0 ? 'cloud-region' : 'idc',
    location: dc.text(j, 'location', 2),
    links: [
      {
        to: dcIds[(j + 1) % K]!,
        kind: dc.text(j, 'links.kind', 3),
        bandwidth: dc.text(j, 'links.bandwidth', 4),
      },
    ],
  }));
  const net = kind('network');
  const networks = range(6).map((j) => {
    const id = net.id(j, 'net');
    return { id, name: net.name(j, id), zone: 'internal', cidr: net.text(j, 'cidr', 2) };
  });
  const cl = kind('cluster');
  const clusterIds = range(S).map((j) => cl.id(j, 'cluster'));
  const clusters = clusterIds.map((id, j) => ({
    id,
    name: cl.name(j, id),
    description: cl.md(j),
    kind: 'kubernetes',
    datacenter: dcIds[j % 6]!,
    network: networks[j % networks.length]!.id,
    namespace: cl.text(j, 'namespace', 2),
    productLines: [lineCodes[j % lineCodes.length]!],
    capacity: { unit: 'nodes', current: 1, implemented: 2, designed: 3, planned: 4 },
    middleware: [cl.text(j, 'middleware', 3)],
  }));
  for (const [j, a] of applications.entries()) a.deployedOn[0]!.cluster = clusterIds[j % S]!;
  const dom = kind('domain');
  // A domain inventory row shows host, target and plan; a name would not be printed.
  const domains = range(6).map((j) => ({
    host: `${dom.text(j, 'host', 0)} ${j}`,
    visibility: 'external',
    target: clusterIds[j]!,
    plan: j % 2 === 0 ? 'keep' : 'redirect',
    ...(j % 2 === 1 ? { redirect: dom.text(j, 'redirect', 2) } : {}),
    description: dom.md(j),
  }));

  // ---- domain model and planning --------------------------------------------------------
  const term = kind('glossary');
  const glossary = range(12).map((j) => ({
    term: term.text(j, 'term', 0),
    definition: term.md(j, 'definition'),
    synonyms: [term.text(j, 'synonyms', 1)],
  }));
  const concept = kind('concept');
  const concepts = range(4).map((j) => {
    const id = concept.id(j, 'concept');
    return {
      id,
      name: concept.name(j, id),
      description: concept.md(j),
      attributes: [concept.text(j, 'attributes', 1), { name: concept.text(j, 'attributes', 2) }],
      behaviours: [concept.text(j, 'behaviours', 3)],
      relations: [{ to: 'concept-1', label: concept.text(j, 'relations.label', 4) }],
    };
  });
  const principle = kind('principle');
  const principles = range(3).map((j) => {
    const id = principle.id(j, 'principle');
    return {
      id,
      name: principle.name(j, id),
      statement: principle.md(j, 'statement'),
      rationale: principle.md(j + 1, 'rationale'),
      implications: [principle.md(j + 2, 'implications')],
    };
  });
  const decision = kind('decision');
  const decisions = range(3).map((j) => {
    const id = decision.id(j, 'adr');
    return {
      id,
      title: decision.text(j, 'title', 0),
      status: 'accepted',
      date: '2026-01-01',
      context: decision.md(j, 'context'),
      decision: decision.md(j + 1, 'decision'),
      consequences: decision.md(j + 2, 'consequences'),
    };
  });
  const phase = kind('phase');
  const work = kind('workItem');
  const perPhase = Math.ceil(K / 6);
  const phases = range(6).map((j) => {
    const id = phase.id(j, 'phase');
    return {
      id,
      name: phase.name(j, id),
      description: phase.md(j),
      start: `2026-${String(j * 2 + 1).padStart(2, '0')}-01`,
      end: `2026-${String(j * 2 + 2).padStart(2, '0')}-28`,
      goals: [phase.text(j, 'goals', 1)],
      workItems: range(perPhase).map((i) => {
        const wid = work.id(j * perPhase + i, 'work');
        return {
          id: wid,
          // Payload first: gantt reads keywords at the start of a task line.
          name: work.name(j * perPhase + i, `${id}.${wid}`),
          description: work.md(j * perPhase + i),
          ...(i === 0 ? { delivers: [centers[j]!.id] } : {}),
        };
      }),
    };
  });

  // ---- process (after apps and services, which its steps name) ---------------------------
  const proc = kind('process');
  const step = kind('processStep');
  const stepIds = range(12).map((j) => step.id(j, 'step'));
  const actors = [...parties.map((p) => p.id), ...roles.map((r) => r.id), orgIds[0]!];
  const processes = [
    {
      id: proc.id(0, 'process'),
      name: proc.name(0, 'process-0'),
      description: proc.md(0),
      steps: stepIds.map((id, j) => ({
        id,
        name: step.name(j, id),
        description: step.md(j),
        actor: actors[j % actors.length]!,
        ...(j < stepIds.length - 1 ? { next: [stepIds[j + 1]!] } : {}),
        ...(j % 2 === 0
          ? { app: appIds[j]! }
          : {
              service: `${centers[j % centers.length]!.id}.${centers[j % centers.length]!.services[0]!.id}`,
            }),
      })),
    },
  ];

  // ---- files ----------------------------------------------------------------------------
  const manifest = {
    archgen: 1,
    enterprise: { name: texts[0]!.text, description: allMarkdown },
    document: {
      title: `Injection corpus ${texts[0]!.text} ../../outside __ARCHGEN_SCRIPT_HASHES__ "'\`<>`,
      version: '1.0 <b>"\'',
      lang: 'en',
      authors: [texts[1]!.text, texts[2]!.text, texts[16]!.text],
      changelog: [
        { version: '0.1', date: '2026-01-01', author: texts[3]!.text, summary: texts[4]!.text },
        { version: '0.2', date: '2026-02-01', author: texts[9]!.text, summary: texts[21]!.text },
      ],
    },
    include: ['*.yaml'],
    // The corpus is about text, not architecture: rules that only flag its shape are off.
    rules: {
      'planned-delivered': 'off',
      'state-reachable': 'off',
      'center-unused': 'off',
      'logic-duplication': 'off',
      'foreign-db-read': 'off',
      'frontend-via-centers': 'off',
      'sync-cycle': 'off',
    },
  };
  noteAll('manifest', 'enterprise.description');
  [0].forEach((i) => note('manifest', 'enterprise.name', texts[i]!.key));
  [0].forEach((i) => note('manifest', 'document.title', texts[i]!.key));
  [1, 2, 16].forEach((i) => note('manifest', 'document.authors', texts[i]!.key));
  [3, 9].forEach((i) => note('manifest', 'changelog.author', texts[i]!.key));
  [4, 21].forEach((i) => note('manifest', 'changelog.summary', texts[i]!.key));

  const files: Record<string, unknown> = {
    'archgen.yaml': manifest,
    'business.yaml': {
      business: {
        mainBusiness: allMarkdown,
        businessModel: markdown.map((p) => p.text).join('\n'),
        parties,
        competitors,
        orgUnits,
        operatingModel: { stages },
        processes,
        roles,
        functions,
      },
    },
    'applications.yaml': { productLines, subsystems, businessLogic, applications },
    'services.yaml': { serviceCenters: centers, externalSystems },
    'data.yaml': { data: { categories, entities, databases, stateMachines } },
    'physical.yaml': {
      physical: { regions, datacenters: datacentersList, networks, clusters, domains },
    },
    'planning.yaml': {
      domainModel: { glossary, concepts },
      planning: { principles, decisions, layers, phases },
    },
  };
  noteAll('business', 'mainBusiness');
  noteAll('business', 'businessModel');
  await mkdir(dir, { recursive: true });
  for (const [file, data] of Object.entries(files)) {
    // `yaml` writes DEL raw inside double quotes, which YAML does not allow: escape it.
    const text = stringify(data, { lineWidth: 0 }).replace(/\x7f/g, '\\x7F');
    await writeFile(path.join(dir, file), text, 'utf8');
  }
  return {
    texts,
    markdown,
    coverage,
    marked,
  };
}
