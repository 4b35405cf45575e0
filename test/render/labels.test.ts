/**
 * Model text drawn by mermaid in real Chromium, through the escaping the generators use
 * (`svgText`, `label`): every hostile string parses, and the label shows what the model says.
 * Mermaid's SVG text labels decode only `&amp;`, `&lt;` and `&gt;`, and state and ER labels are
 * read as Markdown, so the check is on the drawn text, not on the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clean, label, svgText } from '../../src/diagrams/text.js';
import { BrowserSession } from '../../src/render/browser.js';
import { DiagramRenderer } from '../../src/render/mermaid.js';

const PUNCT = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
/** Strings the label must show exactly (after NFKC, which maps the full-width substitutes back). */
const SHOWN = [
  ...PUNCT,
  ...PUNCT.map((c) => c + c),
  '%%{init: {"securityLevel":"loose"}}%%',
  '"]; click n1 call alert(1)',
  '#quot; #35; #amp; C#;',
  'https://example.com/a?b=c&d=e#f www.example.com a@b.example',
  '<script>alert(1)</script> <img src=x onerror=alert(1)>',
  '*a* **b** _c_ user_id ~~d~~ `e` [l](u) ![i](u) \\* \\n',
  'List~Order~ Map~K,V~',
  'a --> b; c -.-> d ==> e ~~~ f -- g --> h',
  '[*] --> x : y',
  'style n1 fill:#f00; classDef x fill:red;',
  ': leading colon and trailing:',
  '订单服务「测试」：；《标题》',
];
/** Strings that must parse and keep the rest of their label, whatever mermaid shows for them. */
const PARSED = [
  '&lt;script&gt; &#60;b&#62; &quot;',
  '</div></td></tr></table></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'x"]\nclick n1 call alert(1)\nend\nflowchart LR',
  '``` `code` ```mermaid',
  'A }|..|{ B : "x" ||--o{ PK FK UK {\n int id PK\n}',
  'note right of x : pwn\naccTitle: pwn\n%% comment',
];
const ALL = [...SHOWN, ...PARSED].map((s) => clean(s, 200));

/** One diagram per place model text is written to: flowchart, state and ER labels. */
function sources(): { id: string; source: string }[] {
  const at = (i: number, t: string): string => `Q${i}Q ${t} Z${i}Z`;
  const flow = ['flowchart TB'];
  const state = ['stateDiagram-v2'];
  const er = ['erDiagram', '  attrs {'];
  // Each text also alone, where its first character meets the grammar (`"~x~"`, `"\`x"`, `: :`).
  ALL.forEach((t, i) =>
    er.push(
      `    string a${i} "${svgText(at(i, t), 'markdown')}"`,
      `    string b${i} "${svgText(t, 'markdown')}"`,
    ),
  );
  er.push('  }');
  ALL.forEach((t, i) => {
    flow.push(
      `  n${i}[${label(at(i, t), 250)}]`,
      `  m${i} -->|${label(at(i + 1000, t), 250)}| k${i}`,
      `  o${i}[${label(t, 250)}] -->|${label(t, 250)}| p${i}`,
    );
    state.push(
      `  state ${label(at(i, t), 250, 'markdown')} as s${i}`,
      `  s${i} --> t${i} : ${svgText(at(i + 1000, t), 'transition')}`,
      `  state ${label(t, 250, 'markdown')} as u${i}`,
      `  u${i} --> v${i} : ${svgText(t, 'transition')}`,
    );
    er.push(
      `  e${i}[${label(at(i, t), 250, 'er-alias')}]`,
      `  e${i} ||--o{ f${i} : "${svgText(at(i + 1000, t), 'markdown')}"`,
      `  g${i}[${label(t, 250, 'er-alias')}]`,
      `  g${i} ||--o{ h${i} : "${svgText(t, 'markdown')}"`,
    );
  });
  return [
    { id: 'labels-flowchart', source: `${flow.join('\n')}\n` },
    { id: 'labels-state', source: `${state.join('\n')}\n` },
    { id: 'labels-er', source: `${er.join('\n')}\n` },
  ];
}

/** The drawn text of every marked label in an SVG, by marker number. */
function drawn(svg: string): Map<number, string> {
  const text = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
  const out = new Map<number, string>();
  for (const m of text.matchAll(/Q(\d+)Q([\s\S]*?)Z\1Z/g)) out.set(Number(m[1]), m[2] ?? '');
  return out;
}

/** What a reader sees: NFKC (full-width substitutes back to ASCII), no invisible or blank. */
const seen = (s: string): string => s.normalize('NFKC').replace(/[\s\u2060]/g, '');

const session = new BrowserSession();
const renderer = new DiagramRenderer({ session });

beforeAll(async () => {
  await session.browser();
});

afterAll(async () => {
  await renderer.close();
  await session.close();
});

describe('model text in mermaid labels (real Chromium)', () => {
  it('parses in every label and shows as written', async () => {
    const results = await renderer.render(sources());
    for (const r of results) {
      expect(r.error, r.id).toBeUndefined();
      const labels = drawn(r.svg);
      const wrong: string[] = [];
      ALL.forEach((t, i) => {
        for (const n of [i, i + 1000]) {
          const got = labels.get(n);
          if (got === undefined) wrong.push(`${n} missing: ${t}`);
          else if (i < SHOWN.length && seen(got) !== seen(t))
            wrong.push(`${n} ${JSON.stringify(t)} drawn as ${JSON.stringify(got)}`);
        }
      });
      expect(wrong, r.id).toEqual([]);
    }
  }, 120_000);
});
