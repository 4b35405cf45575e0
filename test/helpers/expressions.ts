/**
 * The part of GitHub Actions' expression language that archgen's action.yml uses: context paths
 * (`inputs.fail-on`, `steps.validate.outputs.exit-code`), string, number and boolean literals,
 * `==`, `!=`, `!`, `&&`, `||` (returning an operand, as in GitHub), parentheses, and the functions
 * `always()`, `success()`, `failure()`, `format()`. Anything else throws, so a test notices when
 * action.yml starts to use more than this evaluates.
 */
export type Value = string | number | boolean | null | { [key: string]: Value };

/** The contexts an expression reads, and whether a step before it failed. */
export interface ExpressionScope {
  contexts: Record<string, Value>;
  failed: boolean;
}

const TOKEN = /\s*(\(|\)|==|!=|&&|\|\||!|,|'(?:[^']|'')*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w.-]*)/y;

function tokenize(text: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m?.[1]) throw new Error(`cannot read expression at ${TOKEN.lastIndex}: ${text}`);
    out.push(m[1]);
  }
  return out;
}

/** GitHub's truthiness: false, 0, '', null are false; everything else (even 'false') is true. */
export function truthy(v: Value): boolean {
  return !(v === false || v === 0 || v === '' || v === null);
}

/** How a value reads when substituted into text. */
export function show(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return show(a) === show(b);
}

/** Evaluates one expression (the text inside `${{ }}`, or an `if:`). */
export function evaluate(text: string, scope: ExpressionScope): Value {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const take = (expected?: string): string => {
    const t = tokens[i++];
    if (t === undefined || (expected !== undefined && t !== expected))
      throw new Error(`expected ${expected ?? 'more'} in: ${text}`);
    return t;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      take();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (peek() === '&&') {
      take();
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const comparison = (): Value => {
    let left = unary();
    while (peek() === '==' || peek() === '!=') {
      const op = take();
      const right = unary();
      left = op === '==' ? equal(left, right) : !equal(left, right);
    }
    return left;
  };
  const unary = (): Value => {
    if (peek() === '!') {
      take();
      return !truthy(unary());
    }
    return primary();
  };
  const primary = (): Value => {
    const t = take();
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^-?\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (peek() === '(') return call(t);
    return lookup(t);
  };
  const call = (name: string): Value => {
    take('(');
    const args: Value[] = [];
    while (peek() !== ')') {
      args.push(or());
      if (peek() === ',') take(',');
    }
    take(')');
    switch (name) {
      case 'always':
        return true;
      case 'success':
        return !scope.failed;
      case 'failure':
        return scope.failed;
      case 'format':
        return show(args[0] ?? '').replace(/\{(\d+)\}/g, (_, n: string) =>
          show(args[Number(n) + 1] ?? ''),
        );
      default:
        throw new Error(`function ${name}() is not supported here`);
    }
  };
  const lookup = (path: string): Value => {
    let v: Value = scope.contexts;
    for (const key of path.split('.')) {
      if (v === null || typeof v !== 'object') return null;
      v = v[key] ?? null;
    }
    return v;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in: ${text}`);
  return value;
}

/** Replaces every `${{ expression }}` in text with its value. */
export function interpolate(text: string, scope: ExpressionScope): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => show(evaluate(expr, scope)));
}

/** Whether a step runs: its `if:`, wrapped in `success() && (...)` unless it checks status. */
export function stepRuns(condition: string | undefined, scope: ExpressionScope): boolean {
  if (condition === undefined) return !scope.failed;
  const bare = condition.replace(/^\s*\$\{\{\s*([\s\S]*?)\s*\}\}\s*$/, '$1');
  const checksStatus = /\b(always|success|failure|cancelled)\s*\(/.test(bare);
  return truthy(evaluate(checksStatus ? bare : `success() && (${bare})`, scope));
}
