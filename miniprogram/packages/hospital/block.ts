// A no-show block as its own panel (what happened, until when, what to do meanwhile): on My bookings
// and on the book page, never as a field error.
import type { NoShowBlock } from '../../contracts/health';
import { hospitalText } from './i18n';

export interface BlockView { title: string; text: string }

export function blockPanel(block: NoShowBlock | null | undefined): BlockView | null {
  if (!block) return null;
  return {
    title: hospitalText.t('bookingsBlockTitle', { date: block.until }),
    text: hospitalText.t('bookingsBlockText', { count: block.noShows.length, dates: block.noShows.join(hospitalText.t('bookingsDateSeparator')), date: block.until }),
  };
}
