// "My records" across agencies, newest first, owner only.
import { RECORD_KINDS, type RecordsResponse } from '../contracts/records';
import { readPaging } from './http';
import { ok, type Route } from './router';
import { own } from './store';

const KINDS: readonly string[] = RECORD_KINDS;
const RECORDS_PAGE_MAX = 50;

export const recordsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/records',
    auth: 'verified',
    summary: 'My records (query: kind, offset, limit <= 50)',
    handle: (ctx) => {
      const { kind } = ctx.query;
      const { offset: from, limit: count } = readPaging(ctx.query, RECORDS_PAGE_MAX, kind !== undefined && !KINDS.includes(kind) ? { kind: 'UNKNOWN_KIND' } : {});
      const all = (own(ctx.state.records, ctx.person.id) ?? []).filter((r) => kind === undefined || r.kind === kind);
      const answer: RecordsResponse = { items: all.slice(from, from + count), total: all.length };
      return ok(answer);
    },
  },
];
