// My records: everything done with a government service, newest first, 20 at a time.
import type { RecordItem } from '../../../../contracts/records';
import { formatCstDateTime } from '../../../../core/dates';
import { isLargeText } from '../../../../core/display';
import { ServiceError } from '../../../../core/errors';
import { passGate, sendToIdentity } from '../../../../core/gate';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { setNavigationTitle } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { settleInBackground } from '../../../../services/payments';
import { listRecords, RECORDS_PAGE_SIZE } from '../../../../services/records';
import type { LoadStatus } from '../../../../core/load-error';

const ROUTE = 'packages/records/pages/records/records';
const KEYS = ['recordsLoadMore', 'recordsEnd', 'retry', 'loading'] as const;

interface RecordView { id: string; title: string; when: string; reference: string; amount: string }

function viewOf(item: RecordItem): RecordView {
  return {
    id: item.id,
    title: text.t(`record.${item.kind}`, item.detail),
    when: formatCstDateTime(item.at),
    reference: text.t('recordsReference', { reference: item.reference }),
    amount: item.amountFen !== undefined ? formatMoney(item.amountFen) : '',
  };
}

/** The query this page was opened with, to come back to after verification. */
const queries = new WeakMap<object, Record<string, string | undefined>>();

Component({
  data: {
    t: {} as Record<(typeof KEYS)[number], string>,
    status: 'loading' as LoadStatus,
    message: '',
    items: [] as RecordView[],
    total: 0,
    loadingMore: false,
    moreError: '',
    canRetry: true,
    large: false,
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      queries.set(this, query);
      setNavigationTitle(text.t('recordsTitle'));
      if (!(await passGate(ROUTE, query))) return;
      this.setData({ t: text.pick(KEYS), large: isLargeText(), message: text.t('loading') });
      // A payment WeChat Pay took but the government has not heard of yet belongs here too.
      await settleInBackground(() => void this.loadFirst());
      await this.loadFirst();
    },
    async loadFirst() {
      try {
        const page = await listRecords(0);
        const items = page.items.map(viewOf);
        this.setData({
          status: items.length ? 'ready' : 'empty',
          message: items.length ? '' : text.t('recordsEmpty'),
          items,
          total: page.total,
        });
      } catch (err) {
        if (err instanceof ServiceError && err.needsIdentity) {
          await sendToIdentity(ROUTE, queries.get(this));
          return;
        }
        this.setData({ status: 'error', message: errorMessage(err, text), canRetry: !(err instanceof ServiceError) || err.transient });
      }
    },
    async retry() {
      this.setData({ status: 'loading', message: text.t('loading') });
      await this.loadFirst();
    },
    async loadMore() {
      if (this.data.loadingMore || this.data.items.length >= this.data.total) return;
      this.setData({ loadingMore: true, moreError: '' });
      const offset = this.data.items.length;
      try {
        const page = await listRecords(offset, RECORDS_PAGE_SIZE);
        // Append with path updates so only the new rows cross to the view.
        const update: Record<string, unknown> = { loadingMore: false, total: page.total };
        page.items.forEach((item, i) => {
          update[`items[${offset + i}]`] = viewOf(item);
        });
        this.setData(update);
      } catch (err) {
        this.setData({ loadingMore: false, moreError: errorMessage(err, text) });
      }
    },
    onReachBottom() {
      void this.loadMore();
    },
  },
});
