// Part of `npm run build`, after tsc: writes dist/schema/validators.cjs, the JSON Schema
// validators generated ahead of time by ajv (see PRECOMPILED_MODULE in src/schema/validate.ts).
// A run whose schemas no longer match the module's fingerprint compiles them itself instead.
import { writeFileSync } from 'node:fs';
import { PRECOMPILED_MODULE, precompiledSource } from '../dist/schema/validate.js';

const target = new URL(`../dist/schema/${PRECOMPILED_MODULE}`, import.meta.url);
writeFileSync(target, precompiledSource());
