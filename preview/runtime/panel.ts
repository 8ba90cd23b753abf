// The console panel beside the phone: what the preview could not do, and what the app logged.

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  text: string;
  at: number;
}

const entries: LogEntry[] = [];
let list: HTMLElement | null = null;

function render(entry: LogEntry): void {
  if (!list) return;
  const row = document.createElement('li');
  row.className = `pv-log pv-log-${entry.level}`;
  row.textContent = entry.text;
  list.appendChild(row);
  list.scrollTop = list.scrollHeight;
}

export function mountLog(target: HTMLElement): void {
  list = target;
  entries.forEach(render);
}

export function log(level: LogLevel, text: string): void {
  const entry = { level, text, at: Date.now() };
  entries.push(entry);
  if (entries.length > 500) entries.shift();
  render(entry);
}

/** A wx API or component the preview does not reproduce: loud in the panel, never silent. */
export function unsupported(what: string): void {
  log('warn', `[preview] ${what} is not supported in the preview`);
}

export function logEntries(): readonly LogEntry[] {
  return entries;
}

const stringify = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

/** Mirrors the app's console.warn/error (and uncaught errors) into the panel. */
export function captureConsole(): void {
  const warn = console.warn.bind(console);
  const error = console.error.bind(console);
  console.warn = (...args: unknown[]) => {
    log('warn', args.map(stringify).join(' '));
    warn(...args);
  };
  console.error = (...args: unknown[]) => {
    log('error', args.map(stringify).join(' '));
    error(...args);
  };
  window.addEventListener('error', (event) => log('error', `Uncaught ${stringify(event.error ?? event.message)}`));
  window.addEventListener('unhandledrejection', (event) => log('error', `Unhandled rejection ${stringify(event.reason)}`));
}
