// Loading, error and empty states for any page section. WeUI has a spinner but no error panel, so this
// wraps its loading and adds the rest: the error's one action is a retry where trying again can help,
// otherwise the way forward (e.g. "See my vehicles"), so no page copies those buttons. An error with
// nothing more to do on the page (not found, not the person's) is laid out as WeUI's msg page: a large
// icon, the words as its title and the way forward as the one primary button.
import type { LoadStatus } from '../../core/load-error';

const INITIAL: LoadStatus = 'loading';

Component({
  options: { addGlobalClass: true },
  properties: {
    /** A LoadStatus: loading | error | empty | ready (renders nothing). */
    status: { type: String, value: INITIAL },
    message: { type: String, value: '' },
    /** Empty when trying again cannot help (e.g. not found): no retry button then. */
    retryText: { type: String, value: '' },
    /** The way forward when retrying cannot help; shown with an error without retry only, and fires `forward`. */
    forwardText: { type: String, value: '' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry', {});
    },
    onForward() {
      this.triggerEvent('forward', {});
    },
  },
});
