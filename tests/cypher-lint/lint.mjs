// Lints Cypher with Neo4j's own parser (@neo4j-cypher/language-support, the engine of Neo4j's editors):
// syntax errors and semantic errors (undefined variables, wrong types, ...) in every .cypher file under the
// given folders fail the run. Parameters come from C# at run time, so every $parameter a statement uses counts
// as defined. A file may hold several statements separated by ';'.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

/** The problems Neo4j's parser finds in one Cypher text, as { line, column, message }. */
export function lint(text) {
  const parameters = Object.fromEntries([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => [m[1], 'ANY']));
  const { diagnostics } = lintCypherQuery(text, { parameters }, {});
  return diagnostics
    .filter((d) => d.severity === 1) // 1 = error; warnings (deprecations) are reported by Neo4j itself at run time
    .map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message }));
}

function* cypherFiles(folder) {
  for (const entry of readdirSync(folder)) {
    if (entry === 'node_modules' || entry === 'bin' || entry === 'obj') continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) yield* cypherFiles(path);
    else if (entry.endsWith('.cypher')) yield path;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const folders = process.argv.slice(2);
  let files = 0;
  let problems = 0;
  for (const folder of folders.length ? folders : ['.']) {
    for (const file of cypherFiles(folder)) {
      files++;
      for (const p of lint(readFileSync(file, 'utf8'))) {
        problems++;
        console.error(`${relative(process.cwd(), file)}:${p.line}:${p.column}: ${p.message}`);
      }
    }
  }
  console.log(`cypher-lint: ${files} file(s), ${problems} problem(s)`);
  process.exit(problems === 0 ? 0 : 1);
}
