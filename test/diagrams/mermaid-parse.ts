import DOMPurify from 'dompurify';

/**
 * mermaid's `parse` under Node, without a DOM. mermaid sanitises labels with DOMPurify, which
 * without a `window` is an inert stub lacking `addHook`/`sanitize`; parsing only needs them to
 * exist, so they are stubbed on that shared instance (this test process only). Returns null
 * when mermaid cannot load at all, so callers can skip.
 */
export async function loadMermaidParser(): Promise<((text: string) => Promise<unknown>) | null> {
  const purify = DOMPurify as unknown as Record<string, unknown>;
  if (typeof purify.addHook !== 'function') {
    Object.assign(purify, {
      addHook() {},
      removeHook() {},
      removeHooks() {},
      removeAllHooks() {},
      sanitize: (s: unknown) => String(s),
    });
  }
  try {
    const { default: mermaid } = await import('mermaid');
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    await mermaid.parse('flowchart TB\n  a --> b\n');
    return (text) => mermaid.parse(text);
  } catch {
    return null;
  }
}
