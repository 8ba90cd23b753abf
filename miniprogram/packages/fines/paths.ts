// The fines subpackage's pages, in one place: links between them use these.
export const VEHICLES_PAGE = '/packages/fines/pages/vehicles/vehicles';
export const BIND_PAGE = '/packages/fines/pages/bind/bind';
export const NOTICES_PAGE = '/packages/fines/pages/notices/notices';
export const NOTICE_PAGE = '/packages/fines/pages/notice/notice';
