import { createRequire } from 'node:module';

/**
 * The YAML parsers, loaded on first use. A run that takes every file from the parse cache needs
 * neither, and `yaml` (the slow parser with positions) only for files that have findings; each
 * costs tens of milliseconds to load, a visible part of a warm `archgen validate`. Both packages
 * ship CommonJS, so `require` loads them synchronously where they are needed.
 */
const require = createRequire(import.meta.url);

type YamlLib = typeof import('yaml');
type JsYamlLib = typeof import('js-yaml');

let yamlLib: YamlLib | undefined;
let jsYamlLib: JsYamlLib | undefined;

/** The `yaml` package (positions, exact errors). */
export function yaml(): YamlLib {
  return (yamlLib ??= require('yaml') as YamlLib);
}

/** The `js-yaml` package (the fast parse, no positions). */
export function jsYaml(): JsYamlLib {
  return (jsYamlLib ??= require('js-yaml') as JsYamlLib);
}
