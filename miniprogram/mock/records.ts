// "My records" across agencies, newest first, owner only.
import { RECORD_KINDS, type RecordsResponse } from '../contracts/records';
import { HttpError } from './http';
import { ok, type Route } from './router';
import { own } from './store';

const KINDS: readonly string[] = RECORD_KINDS;

export const recordsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/records',
    auth: 'verified',
    summary: 'My records (query: kind, offset, limit <= 50)',
    handle: (ctx) => {
      const { kind, offset = '0', limit = '20' } = ctx.query;
      const from = Number(offset);
      const count = Number(limit);
      const fields: Record<string, string> = {};
      if (kind !== undefined && !KINDS.includes(kind)) fields.kind = 'UNKNOWN_KIND';
      if (!Number.isInteger(from) || from < 0) fields.offset = 'OUT_OF_RANGE';
      if (!Number.isInteger(count) || count < 1 || count > 50) fields.limit = 'OUT_OF_RANGE';
      if (Object.keys(fields).length) throw new HttpError(422, 'VALIDATION', 'Check the query', fields);
      const all = (own(ctx.state.records, ctx.person.id) ?? []).filter((r) => kind === undefined || r.kind === kind);
      const answer: RecordsResponse = { items: all.slice(from, from + count), total: all.length };
      return ok(answer);
    },
  },
];
