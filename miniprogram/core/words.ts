// Several translators read as one, so a subpackage's own error words come before the main ones.
import type { ErrorWords } from './messages';
import type { Params } from './i18n';

export function combineWords(...tables: ErrorWords[]): ErrorWords {
  const owner = (key: string): ErrorWords | undefined => tables.find((table) => table.has(key));
  return {
    has: (key: string) => owner(key) !== undefined,
    t: (key: string, params?: Params) => (owner(key) ?? tables[tables.length - 1]).t(key, params),
  };
}
