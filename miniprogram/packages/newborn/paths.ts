// The newborn subpackage's pages, in one place: links between them use these.
export const REGISTER_PAGE = '/packages/newborn/pages/register/register';
export { NEWBORN_REGISTRATION_PAGE as REGISTRATION_PAGE } from '../../services/records';
