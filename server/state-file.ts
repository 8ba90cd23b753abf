// The government server's state: every key the government and the WeChat Pay beside it keep, in one JSON
// file. A save writes `file.tmp`, fsyncs it and renames it over the file, so the file on disk is always
// one whole save: a server killed at any moment restarts from the last save it made, and it saves before
// it answers. A file that cannot be read is moved aside, never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import type { GovernmentStorage } from '../miniprogram/mock/index';

/** What the file says it is, so another JSON file given by mistake is moved aside rather than read. */
const FORMAT = 'city-services/government-state';
const VERSION = 1;

/** One stored text, under its own key (WeChat Pay's records, the server's clock). */
export interface StoredText {
  read(): string | undefined;
  write(text: string): void;
}

export interface StateFile {
  /** The file, or null when the state lives in memory only. */
  readonly file: string | null;
  /** The government's keys. */
  readonly storage: GovernmentStorage;
  /** One key beside the government's. */
  key(name: string): StoredText;
  /** Whether anything changed since the last save. */
  readonly dirty: boolean;
  /** Writes the file when anything changed (tmp, fsync, rename); throws when it cannot, the file then as it was. */
  save(): void;
  /** Forgets every key (a reset to the seed); the next save writes the empty state. */
  clear(): void;
  /** Puts memory back to what the file holds (after a failed save or a failed request). */
  reload(): void;
  /** Where an unreadable file found at start was moved, or null. */
  readonly movedAside: string | null;
  /** Lets another government use the file (the lock taken at open goes). */
  release(): void;
}

interface FileContent {
  format: string;
  version: number;
  keys: Record<string, string>;
}

function isFileContent(value: unknown): value is FileContent {
  if (typeof value !== 'object' || value === null || !('format' in value) || !('version' in value) || !('keys' in value)) return false;
  const { format, version, keys } = value;
  if (format !== FORMAT || version !== VERSION || typeof keys !== 'object' || keys === null || Array.isArray(keys)) return false;
  return Object.values(keys).every((text) => typeof text === 'string');
}

/** The keys the file holds; undefined when there is no file; 'unreadable' when it is not a state file. */
function readKeys(file: string): Map<string, string> | undefined | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    // Checked by shape: an error from Node's fs may come from another realm (a jest sandbox).
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isFileContent(parsed) ? new Map(Object.entries(parsed.keys)) : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** A moment in a file name: 2026-12-03T17-20-00-000Z. */
const stamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

/** Flushes the directory entry too, so the rename itself survives a power cut (not possible on every platform). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

const errorCode = (err: unknown): unknown => (typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined);

/** Whether a process of this pid runs (EPERM: it runs, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/**
 * Takes `file.lock` for this process, so a second government on the same file refuses to start instead of
 * overwriting what the first acknowledged; a lock whose process is gone (killed) is taken over.
 */
function lock(file: string): string {
  const name = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(name, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return name;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(name, 'utf8').trim());
      if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && running(holder)) {
        throw new Error(`the state file ${file} is in use by another government (pid ${holder}); stop it or give another --state`, { cause: err });
      }
      if (holder === process.pid) throw new Error(`the state file ${file} is in use by another government in this process; close it first`, { cause: err });
      fs.rmSync(name, { force: true });
    }
  }
  throw new Error(`the state file ${file} could not be locked (${name})`);
}

/**
 * Opens the state file (null: memory only). A missing file is a fresh state; an unreadable one is moved
 * to `file.broken-<time>` and `warn` says so, and the state starts fresh.
 */
export function openStateFile(file: string | null, warn: (message: string) => void): StateFile {
  let keys = new Map<string, string>();
  let dirty = false;
  let movedAside: string | null = null;

  function load(): void {
    if (file === null) return;
    const found = readKeys(file);
    if (found === 'unreadable') {
      movedAside = `${file}.broken-${stamp(new Date())}`;
      fs.renameSync(file, movedAside);
      warn(`government: the state file ${file} could not be read; it was moved to ${movedAside} and the government starts from the seed`);
      keys = new Map();
    } else keys = found ?? new Map();
    dirty = false;
  }

  if (file !== null) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const locked = file === null ? null : lock(file);
  try {
    load();
  } catch (err) {
    if (locked) fs.rmSync(locked, { force: true });
    throw err;
  }

  const put = (name: string, text: string): void => {
    if (keys.get(name) === text) return;
    keys.set(name, text);
    dirty = true;
  };

  return {
    file,
    storage: {
      read: (name) => keys.get(name),
      write: put,
      remove: (name) => {
        if (keys.delete(name)) dirty = true;
      },
    },
    key: (name) => ({ read: () => keys.get(name), write: (text) => put(name, text) }),
    get dirty() {
      return dirty;
    },
    get movedAside() {
      return movedAside;
    },
    save() {
      if (!dirty) return;
      if (file === null) {
        dirty = false;
        return;
      }
      const content: FileContent = { format: FORMAT, version: VERSION, keys: Object.fromEntries(keys) };
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = fs.openSync(tmp, 'w', 0o600);
      try {
        fs.writeFileSync(fd, JSON.stringify(content));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
      syncDirectory(path.dirname(path.resolve(file)));
      dirty = false;
    },
    clear() {
      if (keys.size > 0) dirty = true;
      keys = new Map();
    },
    release() {
      if (locked) fs.rmSync(locked, { force: true });
    },
    reload() {
      if (file === null) {
        // Nothing on disk to go back to: memory is the state.
        dirty = false;
        return;
      }
      load();
    },
  };
}
