// The hospital subpackage's pages, in one place: links between them use these.
export const HOSPITALS_PAGE = '/packages/hospital/pages/hospitals/hospitals';
export const HOSPITAL_PAGE = '/packages/hospital/pages/hospital/hospital';
export const DEPARTMENT_PAGE = '/packages/hospital/pages/department/department';
export const DOCTOR_PAGE = '/packages/hospital/pages/doctor/doctor';
export const BOOK_PAGE = '/packages/hospital/pages/book/book';
export { BOOKING_DETAIL_PAGE as BOOKING_PAGE } from '../../services/records';
export const BOOKINGS_PAGE = '/packages/hospital/pages/bookings/bookings';
export const PATIENTS_PAGE = '/packages/hospital/pages/patients/patients';
