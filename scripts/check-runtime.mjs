// Apps Script's V8 is not today's Node: the pushed bundle may use JavaScript built-ins up to ES2020
// only. esbuild lowers syntax (target es2019) but never adds a missing built-in, so this check fails the
// build when the bundle calls one that is newer. `node scripts/check-runtime.mjs FILE` checks a file.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Built-ins newer than ES2020, each with the text that calls it in a bundle. */
export const FORBIDDEN_BUILTINS = [
  { name: 'Array.prototype.at / String.prototype.at', since: 'ES2022', pattern: /\.at\(/ },
  { name: 'Object.hasOwn', since: 'ES2022', pattern: /\bObject\.hasOwn\b/ },
  { name: 'String.prototype.replaceAll', since: 'ES2021', pattern: /\.replaceAll\(/ },
  { name: 'Promise.any', since: 'ES2021', pattern: /\bPromise\.any\b/ },
  { name: 'AggregateError', since: 'ES2021', pattern: /\bAggregateError\b/ },
  { name: 'WeakRef', since: 'ES2021', pattern: /\bWeakRef\b/ },
  { name: 'FinalizationRegistry', since: 'ES2021', pattern: /\bFinalizationRegistry\b/ },
  { name: 'Array.prototype.findLast', since: 'ES2023', pattern: /\.findLast\(/ },
  { name: 'Array.prototype.findLastIndex', since: 'ES2023', pattern: /\.findLastIndex\(/ },
  { name: 'Array.prototype.toSorted', since: 'ES2023', pattern: /\.toSorted\(/ },
  { name: 'Array.prototype.toReversed', since: 'ES2023', pattern: /\.toReversed\(/ },
  { name: 'Array.prototype.toSpliced', since: 'ES2023', pattern: /\.toSpliced\(/ },
  { name: 'Object.groupBy / Map.groupBy', since: 'ES2024', pattern: /\b(Object|Map)\.groupBy\b/ },
  { name: 'Promise.withResolvers', since: 'ES2024', pattern: /\bPromise\.withResolvers\b/ },
  { name: 'String.prototype.isWellFormed', since: 'ES2024', pattern: /\.(isWellFormed|toWellFormed)\(/ },
  { name: 'Array.fromAsync', since: 'ES2025', pattern: /\bArray\.fromAsync\b/ },
  { name: 'structuredClone', since: 'HTML (absent from Apps Script)', pattern: /\bstructuredClone\b/ },
];

/** The forbidden built-ins a bundle calls, as « name (since) » lines; empty when it is fine. */
export function forbiddenBuiltinsIn(code) {
  return FORBIDDEN_BUILTINS.filter((b) => b.pattern.test(code)).map((b) => `${b.name} (${b.since})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = forbiddenBuiltinsIn(readFileSync(process.argv[2], 'utf8'));
  if (found.length > 0) {
    console.error(`${process.argv[2]} : built-ins absents d’Apps Script : ${found.join(', ')}`);
    process.exit(1);
  }
}
