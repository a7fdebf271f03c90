// The linter must catch what Neo4j would refuse, and pass what it would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from './lint.mjs';

test('a well-formed, parameterised statement has no problems', () => {
  assert.deepEqual(lint('UNWIND $rows AS row MERGE (n:Deliverable {id: row.id}) SET n += row.props RETURN count(n)'), []);
});

test('a syntax error is reported with its line and column', () => {
  const [problem] = lint('MATCH (n:Organization\nRETURN n');
  assert.equal(problem.line, 2);
  assert.match(problem.message, /Invalid input 'RETURN'/);
});

test('an undefined variable is a semantic error', () => {
  assert.match(lint('MATCH (n) RETURN m')[0].message, /Variable `m` not defined/);
});
