// The bills subpackage's pages, in one place: links between them use these.
export const ACCOUNTS_PAGE = '/packages/bills/pages/accounts/accounts';
export const ACCOUNT_PAGE = '/packages/bills/pages/account/account';
export const BIND_PAGE = '/packages/bills/pages/bind/bind';
