// My records: everything done with a government service, newest first, 20 at a time; a payment or a
// refund opens its receipt, a booking its confirmation.
import type { RecordItem } from '../../../../contracts/records';
import { formatCstDateTime } from '../../../../core/dates';
import { ServiceError } from '../../../../core/errors';
import { loadFailed, openPage, servicePage } from '../../../../core/page';
import { errorMessage } from '../../../../core/messages';
import { formatMoney } from '../../../../core/money';
import { navigateTo } from '../../../../core/wx';
import { text } from '../../../../i18n/main';
import { recordsText, recordsWords } from '../../i18n';
import { settleInBackground } from '../../../../services/payments';
import { listRecords, RECORDS_PAGE_SIZE } from '../../../../services/records';
import { recordLink } from './links';

const ROUTE = 'packages/records/pages/records/records';
const KEYS = ['recordsLoadMore', 'recordsEnd'] as const;
const MAIN_KEYS = ['retry', 'loading'] as const;

interface RecordView { id: string; title: string; when: string; reference: string; amount: string; link: string }

function viewOf(item: RecordItem): RecordView {
  return {
    id: item.id,
    title: recordsText.t(`record.${item.kind}`, item.detail),
    when: formatCstDateTime(item.at),
    reference: recordsText.t('recordsReference', { reference: item.reference }),
    amount: item.amountFen !== undefined ? formatMoney(item.amountFen) : '',
    link: recordLink(item),
  };
}

Component({
  behaviors: [servicePage],
  data: {
    t: {} as Record<(typeof KEYS)[number] | (typeof MAIN_KEYS)[number], string>,
    items: [] as RecordView[],
    total: 0,
    loadingMore: false,
    moreError: '',
  },
  methods: {
    async onLoad(query: Record<string, string | undefined>) {
      // A payment WeChat Pay took but the government has not heard of yet belongs here too.
      await openPage(this, {
        route: ROUTE,
        query,
        title: recordsText.t('recordsTitle'),
        loadingText: text.t('loading'),
        load: () => this.loadFirst(),
        settle: (later) => settleInBackground(later),
        initial: { t: { ...recordsText.pick(KEYS), ...text.pick(MAIN_KEYS) }, message: text.t('loading') },
      });
    },
    async loadFirst() {
      try {
        const page = await listRecords(0);
        const items = page.items.map(viewOf);
        this.setData({
          status: items.length ? 'ready' : 'empty',
          message: items.length ? '' : recordsText.t('recordsEmpty'),
          items,
          total: page.total,
        });
      } catch (err) {
        // Retry only where it can help; there is no other way forward from one's own records.
        await loadFailed(this, err, (e) => ({ status: 'error', message: errorMessage(e, recordsWords), retryText: !(e instanceof ServiceError) || e.transient ? text.t('retry') : '' }));
      }
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
    /** A payment opens its receipt, a booking its confirmation. */
    open(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { url: string }>) {
      const url = e.currentTarget.dataset.url;
      if (url) void navigateTo(url);
    },
    onReachBottom() {
      void this.loadMore();
    },
  },
});
