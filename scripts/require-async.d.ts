// Types of require-async.js, for tests that bundle the government.
import type { Plugin } from 'esbuild';
export function rewriteRequireAsync(source: string): { code: string; count: number };
export function requireAsyncPlugin(): Plugin;
