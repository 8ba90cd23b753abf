// The passport subpackage's pages, in one place: links between them use these.
export const APPLICATIONS_PAGE = '/packages/passport/pages/applications/applications';
export const APPLY_PAGE = '/packages/passport/pages/apply/apply';
export { PASSPORT_APPLICATION_PAGE as APPLICATION_PAGE } from '../../services/records';
