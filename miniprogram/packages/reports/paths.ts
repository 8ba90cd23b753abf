// The reports subpackage's pages, and the accident pages it links to by URL, in one place.
export const SERVICES_PAGE = '/packages/reports/pages/services/services';
export const COMPOSE_PAGE = '/packages/reports/pages/compose/compose';
export const REPORTS_PAGE = '/packages/reports/pages/reports/reports';
export { REPORT_PAGE } from '../../services/records';
/** The accident pages (another subpackage): opened by URL only. */
export const ACCIDENT_PAGE = '/packages/accident/pages/accident/accident';
export const ACCIDENT_CONFIRM_PAGE = '/packages/accident/pages/confirm/confirm';
export const ACCIDENT_SETTLE_PAGE = '/packages/accident/pages/settle/settle';
