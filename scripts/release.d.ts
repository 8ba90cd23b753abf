// Types of release.js, for the test that holds its leak check to account.
export interface PackIgnore { type: 'folder' | 'file' | 'suffix' | 'prefix' | 'regexp' | 'glob'; value: string }
export const RELEASE_PACK_IGNORE: PackIgnore[];
export const MOCK_PATH: RegExp;
export function releaseLeaks(compiled: Record<string, string | Uint8Array>): string[];
export function releasePackOptions(projectConfig: { packOptions?: { ignore?: PackIgnore[]; include?: PackIgnore[] } }): { ignore: PackIgnore[]; include: PackIgnore[] };
export function outsideMiniprogram(projectPath: string, miniprogramRoot: string): string[];
