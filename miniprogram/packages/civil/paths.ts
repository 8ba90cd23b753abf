// The civil subpackage's pages, in one place: links between them use these.
export { CIVIL_CASE_PAGE as CASE_PAGE } from '../../services/records';
export const CASES_PAGE = '/packages/civil/pages/cases/cases';
export const START_PAGE = '/packages/civil/pages/start/start';
export const JOIN_PAGE = '/packages/civil/pages/join/join';
export const BOOK_PAGE = '/packages/civil/pages/book/book';
