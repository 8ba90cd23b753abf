// One box of words for every page: an error, a warning, some information or a success, each with its
// WeUI icon, colour and edge, so a failed payment never looks like good news. Errors and warnings are
// read out at once (alert); information and successes wait their turn (a polite status). Renders nothing
// without text.

export type MessageKind = 'error' | 'warning' | 'info' | 'success';

interface Look { icon: 'warn' | 'info' | 'success'; colour: string; role: 'alert' | 'status'; live: 'assertive' | 'polite' }

/** The icon's colour is app.wxss's token of the kind (WeChat's <icon> takes a colour, not a CSS variable). */
const LOOKS: Record<MessageKind, Look> = {
  error: { icon: 'warn', colour: '#c5221f', role: 'alert', live: 'assertive' },
  warning: { icon: 'warn', colour: '#a15c00', role: 'alert', live: 'assertive' },
  info: { icon: 'info', colour: '#1a73e8', role: 'status', live: 'polite' },
  success: { icon: 'success', colour: '#07814a', role: 'status', live: 'polite' },
};

const INITIAL: MessageKind = 'info';

Component({
  options: { addGlobalClass: true },
  properties: {
    /** error | warning | info | success. */
    kind: { type: String, value: INITIAL },
    /** A bold first line, optional. */
    title: { type: String, value: '' },
    text: { type: String, value: '' },
  },
  data: {
    looks: LOOKS,
  },
});
