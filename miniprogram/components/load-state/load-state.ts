// Loading, error-with-retry and empty states for any page section. WeUI has a spinner but no
// error panel with a retry button, so this wraps its loading and adds the rest.
Component({
  options: { addGlobalClass: true, multipleSlots: true },
  properties: {
    /** A LoadStatus (core/load-error.ts): loading | error | empty | ready (renders nothing) */
    status: { type: String, value: 'loading' },
    message: { type: String, value: '' },
    /** Empty when trying again cannot help (e.g. not found): no retry button then. */
    retryText: { type: String, value: '' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry', {});
    },
  },
});
