// loadRecord: the one way a detail page loads a record by the id in its query.
// miniprogram-simulate defines WeChat's Behavior global, which core/page.ts uses when it loads.
import 'miniprogram-simulate';
import { ServiceError } from '../../miniprogram/core/errors';
import { loadRecord, type RecordLoad } from '../../miniprogram/core/page';

interface Host { setData(data: Record<string, unknown>): void; data: Record<string, unknown> }

function host(): Host & { sets: Record<string, unknown>[] } {
  const sets: Record<string, unknown>[] = [];
  return { sets, data: {}, setData: (data) => { sets.push(data); } };
}

function spec(overrides: Partial<RecordLoad<string>> & { shown: string[]; fetched: string[] }): RecordLoad<string> {
  return {
    id: 'c1',
    fetch: async (id) => {
      overrides.fetched.push(id);
      return `record ${id}`;
    },
    show: (found) => overrides.shown.push(found),
    alive: () => true,
    failed: (err) => ({ status: 'error', message: err instanceof ServiceError ? err.code : 'other', retryText: 'retry' }),
    ...overrides,
  };
}

describe('loadRecord', () => {
  it('shows the record the id names', async () => {
    const shown: string[] = [];
    const fetched: string[] = [];
    const page = host();
    await loadRecord(page, spec({ shown, fetched }));
    expect(fetched).toEqual(['c1']);
    expect(shown).toEqual(['record c1']);
    expect(page.sets).toEqual([]);
  });

  it('reads an empty id (a broken link) as not found, without asking the government', async () => {
    const shown: string[] = [];
    const fetched: string[] = [];
    const page = host();
    await loadRecord(page, spec({ id: '', shown, fetched, extra: { busy: '' } }));
    expect(fetched).toEqual([]);
    expect(shown).toEqual([]);
    expect(page.sets).toEqual([{ status: 'error', message: 'NOT_FOUND', retryText: 'retry', busy: '' }]);
  });

  it('shows the error view when the government refuses, and nothing at all once the page has closed', async () => {
    const shown: string[] = [];
    const fetched: string[] = [];
    const page = host();
    const refuse = async (): Promise<string> => {
      throw new ServiceError('UNAVAILABLE', 'busy', 503);
    };
    await loadRecord(page, spec({ shown, fetched, fetch: refuse }));
    expect(page.sets).toEqual([{ status: 'error', message: 'UNAVAILABLE', retryText: 'retry' }]);
    const closed = host();
    await loadRecord(closed, spec({ shown, fetched, alive: () => false }));
    await loadRecord(closed, spec({ shown, fetched, fetch: refuse, alive: () => false }));
    expect(shown).toEqual([]);
    expect(closed.sets).toEqual([]);
  });
});
