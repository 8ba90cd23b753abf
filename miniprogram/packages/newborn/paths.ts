// The newborn subpackage's pages, in one place: links between them use these.
export const REGISTER_PAGE = '/packages/newborn/pages/register/register';
export const REGISTRATION_PAGE = '/packages/newborn/pages/registration/registration';
