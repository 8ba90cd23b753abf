// Runs a script against the real government in fresh node processes, one per machine time zone: TZ
// cannot be changed inside a running jest worker (V8 caches it). The script is bundled once with the
// government's require.async loading (as the mini program loads its agencies) and prints JSON.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { build } from 'esbuild';
import { requireAsyncPlugin } from '../../scripts/require-async';

/** UTC, Los Angeles (UTC-8), Shanghai (UTC+8) and Kiritimati (UTC+14): their offsets in minutes west of UTC. */
export const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati'] as const;
export const ZONE_OFFSETS = [0, 480, -480, -840];

/** Bundles `script` (TypeScript, imports relative to the repository root) into a file node can run. */
export async function bundleScript(script: string, name: string): Promise<string> {
  const out = await build({
    stdin: { contents: script, resolveDir: path.resolve(__dirname, '../..'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    write: false,
    logLevel: 'silent',
    plugins: [requireAsyncPlugin()],
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`)), 'run.js');
  fs.writeFileSync(file, out.outputFiles[0].text);
  return file;
}

/** What the bundled script printed, run with the machine in `zone`. */
export function runInZone(bundle: string, zone: string): unknown {
  return JSON.parse(execFileSync(process.execPath, [bundle], { env: { ...process.env, TZ: zone }, encoding: 'utf8' }));
}
