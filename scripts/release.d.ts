// Types of release.js, for the test that holds its leak check to account.
export interface PackIgnore { type: 'folder' | 'file' | 'suffix' | 'prefix' | 'regexp' | 'glob'; value: string }
export const RELEASE_PACK_IGNORE: PackIgnore[];
export const MOCK_PATH: RegExp;
export function releaseLeaks(compiled: Record<string, string | Uint8Array>): string[];
export function releasePackOptions(projectConfig: { packOptions?: { ignore?: PackIgnore[]; include?: PackIgnore[] } }): { ignore: PackIgnore[]; include: PackIgnore[] };
export function outsideMiniprogram(projectPath: string, miniprogramRoot: string): string[];
export interface AppJsonLike { subPackages?: { root: string; name?: string; pages: string[] }[]; preloadRule?: Record<string, { network?: string; packages?: string[] }>; [key: string]: unknown }
export function releaseAppJson(appJson: AppJsonLike): AppJsonLike;
export function stageRelease(projectPath: string, miniprogramRoot: string): string;
