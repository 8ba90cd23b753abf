// The accident subpackage's pages, in one place: links between them use these.
export const ACCIDENT_PAGE = '/packages/accident/pages/accident/accident';
export const CONFIRM_PAGE = '/packages/accident/pages/confirm/confirm';
export const SETTLE_PAGE = '/packages/accident/pages/settle/settle';
