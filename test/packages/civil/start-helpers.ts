// What the start and join page tests share: every request the page sends the government (one lost on
// the way there or its answer on the way back when asked), an element's attribute, and the drafts kept.
import type { ApiRequest } from '../../../miniprogram/contracts/http';
import { ServiceError } from '../../../miniprogram/core/errors';
import { fake } from '../../helpers/fake-wx';
import type { TestGovernment } from '../../helpers/government';
import type { RenderedPage } from '../../helpers/render';

export interface Sent { call: string; key: string; body: string }

/** Every request to the government, in order; `fail` loses one before it arrives or its answer after. */
export function watch(gov: TestGovernment, fail?: (req: ApiRequest) => 'before' | 'after' | null): Sent[] {
  const log: Sent[] = [];
  const handle = gov.government.handle.bind(gov.government);
  jest.spyOn(gov.government, 'handle').mockImplementation(async (req) => {
    log.push({ call: `${req.method} ${req.path}`, key: req.headers?.['idempotency-key'] ?? '', body: typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null) });
    const when = fail?.(req) ?? null;
    if (when === 'before') throw new ServiceError('NETWORK', 'request:fail network unavailable');
    const res = await handle(req);
    if (when === 'after') throw new ServiceError('TIMEOUT', 'request:fail timeout');
    return res;
  });
  return log;
}

export const attr = (page: RenderedPage, selector: string, name: string): unknown => page.find(selector)?.toJSON().attrs.find((a) => a.name === name)?.value;
export const isChecked = (page: RenderedPage, selector: string): boolean => attr(page, selector, 'ariaChecked') === true;
export const drafts = (): [string, unknown][] => [...fake.storage.entries()].filter(([key]) => key.startsWith('draft.'));

/** The page a redirect went to, with its query. */
export function lastRedirect(): { path: string; query: Record<string, string> } | undefined {
  const last = fake.navigations.filter((n) => n.kind === 'redirectTo').pop();
  if (!last) return undefined;
  const [path, search = ''] = last.url.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}
