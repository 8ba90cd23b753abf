// docs/api.md is the contract: every endpoint the government serves must be listed there.
import * as fs from 'fs';
import * as path from 'path';
import { allEndpoints } from '../helpers/government';

describe('docs/api.md', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/api.md'), 'utf8');
  const rows = new Set(
    doc.split('\n')
      .map((line) => /^\|\s*(GET|POST|PUT|DELETE)\s*\|\s*(\S+)\s*\|\s*(\w+)\s*\|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3]}`),
  );

  it.each(allEndpoints().map((e) => [`${e.method} ${e.path} ${e.auth}`]))('lists %s with its auth level', (row) => {
    expect(rows.has(row)).toBe(true);
  });
});
