import { dedupeDiagnostics, sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic } from '../diagnostics/types.js';
import { loadModel, type LoadedModel, type LoadOptions } from '../load/index.js';
import { buildGraph, type ModelGraph } from '../model/graph.js';
import { applySeverities, checkRuleConfig, effectiveSettings, runRules } from '../rules/engine.js';

/** Everything `validate` learns about a model. */
export interface ValidateResult {
  loaded?: LoadedModel;
  graph?: ModelGraph;
  /** Sorted, deduplicated, with configured severities applied. */
  diagnostics: Diagnostic[];
}

/**
 * The validate pipeline, the one place its stages are chained:
 * load (parse + schema) → build graph → run rules → apply severities.
 */
export async function runValidate(
  target: string,
  options: LoadOptions = {},
): Promise<ValidateResult> {
  const { loaded, diagnostics } = await loadModel(target, options);
  if (!loaded) return { diagnostics: sortDiagnostics(diagnostics) };
  const settings = effectiveSettings(loaded.manifest.rules);
  const graph = buildGraph(loaded.model, { dropped: loaded.dropped });
  const all = [...diagnostics, ...checkRuleConfig(loaded), ...runRules(loaded, graph, settings)];
  return {
    loaded,
    graph,
    diagnostics: sortDiagnostics(dedupeDiagnostics(applySeverities(all, settings))),
  };
}
