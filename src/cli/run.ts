import { dedupeDiagnostics, sortDiagnostics } from '../diagnostics/collect.js';
import type { Diagnostic } from '../diagnostics/types.js';
import {
  loadModel,
  type LoadedModel,
  type LoadOptions,
  type ParseCacheStats,
} from '../load/index.js';
import { buildGraph, type ModelGraph } from '../model/graph.js';
import { applySeverities, checkRuleConfig, effectiveSettings, runRules } from '../rules/engine.js';

/** Everything `validate` learns about a model. */
export interface ValidateResult {
  loaded?: LoadedModel;
  graph?: ModelGraph;
  /** Sorted, deduplicated, with configured severities applied. */
  diagnostics: Diagnostic[];
  /** What the parse cache did, when it was used. */
  cache?: ParseCacheStats;
}

/**
 * The validate pipeline, the one place its stages are chained:
 * load (parse + schema) → build graph → run rules → apply severities, then the parse cache is
 * saved (after the rules, so that it keeps where their findings are too).
 */
export async function runValidate(
  target: string,
  options: LoadOptions = {},
): Promise<ValidateResult> {
  const { loaded, diagnostics, cache } = await loadModel(target, options);
  // A run that stopped early saw only some of the files: the cache is left as it was.
  if (!loaded) {
    return {
      diagnostics: sortDiagnostics(diagnostics),
      ...(cache ? { cache: cache.stats() } : {}),
    };
  }
  const settings = effectiveSettings(loaded.manifest.rules);
  const graph = buildGraph(loaded.model, { dropped: loaded.dropped });
  const all = [...diagnostics, ...checkRuleConfig(loaded), ...runRules(loaded, graph, settings)];
  return {
    loaded,
    graph,
    diagnostics: sortDiagnostics(dedupeDiagnostics(applySeverities(all, settings))),
    ...(cache ? { cache: await cache.save() } : {}),
  };
}
