/**
 * The only line shapes the generators emit, per diagram type. A line outside these shapes in
 * generated text means model text escaped its label.
 */
const ID = '[a-z]+_[A-Za-z0-9_]+';
const Q = '"[^"<>\\n]*"';
const FLOW = [
  /^flowchart (TB|LR)$/,
  /^ {2}classDef [a-z]+ [a-z-]+:[#0-9a-z]+(,[a-z-]+:[#0-9a-z ]+)*$/,
  new RegExp(`^ +subgraph ${ID}\\[${Q}\\]$`),
  /^ +end$/,
  new RegExp(
    `^ +${ID}(\\[${Q}\\]|\\(${Q}\\)|\\(\\[${Q}\\]\\)|\\[\\[${Q}\\]\\]|\\[\\(${Q}\\)\\]|\\{\\{${Q}\\}\\})$`,
  ),
  new RegExp(`^ {2}${ID} (-->|-\\.->|---|~~~)(\\|${Q}\\|)? ${ID}$`),
  new RegExp(`^ {2}class ${ID}(,${ID})* [a-z]+$`),
  /^ {2}linkStyle \d+(,\d+)* [a-z-]+:[#0-9a-z]+(,[a-z-]+:[#0-9a-z ]+)*$/,
];
const ER = [
  /^erDiagram$/,
  new RegExp(`^ {2}${ID}\\[${Q}\\]( \\{)?$`),
  new RegExp(
    `^ {4}[A-Za-z_][A-Za-z0-9_(),]*(\\[\\])? [A-Za-z_][A-Za-z0-9_]*( (PK|FK|UK)(, (PK|FK|UK))*)?( ${Q})?$`,
  ),
  /^ {2}\}$/,
  new RegExp(`^ {2}${ID} (\\|\\||\\}o)--(\\|\\||o\\{) ${ID} : ${Q}$`),
];
const STATE = [
  /^stateDiagram-v2$/,
  new RegExp(`^ {2}state ${Q} as ${ID}$`),
  // A transition label runs to the end of the line: no `;` but in `#lt;`-style entities (read
  // before the grammar), and every `:` followed by U+2060.
  new RegExp(
    `^ {2}(${ID}|\\[\\*\\]) --> (${ID}|\\[\\*\\])( : ([^"<>:;\\n]|:\u2060|#(amp|lt|gt);)+)?$`,
  ),
];
const GANTT = [
  /^gantt$/,
  /^ {2}dateFormat YYYY-MM-DD$/,
  /^ {2}section [^:<>"\n]+$/,
  new RegExp(`^ {4}[^:<>"\\n]+ :${ID}, \\d{4}-\\d{2}-\\d{2}, (\\d{4}-\\d{2}-\\d{2}|\\d+d)$`),
];

/** Lines of `source` that match none of the shapes of its diagram type. */
export function unexpectedLines(source: string): string[] {
  const lines = source.replace(/\n$/, '').split('\n');
  const head = lines[0] ?? '';
  const shapes = head.startsWith('flowchart')
    ? FLOW
    : head === 'erDiagram'
      ? ER
      : head === 'stateDiagram-v2'
        ? STATE
        : head === 'gantt'
          ? GANTT
          : [];
  return lines.filter((line) => !shapes.some((re) => re.test(line)));
}

/** The contents of every quoted label in `source`. */
export function quoted(source: string): string[] {
  return [...source.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]!);
}
