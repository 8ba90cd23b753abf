// What the newborn page tests share: the baby's answers, the form filled like a person, registrations
// made straight at the government, and the page a redirect went to.
import type { NewbornListResponse, NewbornStartResponse } from '../../../miniprogram/contracts/civil';
import { DAY_MS, formatCstDate } from '../../../miniprogram/core/dates';
import { TEST_NOW, type TestGovernment } from '../../helpers/government';
import type { RenderedPage } from '../../helpers/render';
import { call } from '../civil/helpers';
import { isChecked } from '../civil/start-helpers';

export const REGISTER_ROUTE = 'packages/newborn/pages/register/register';
export const REGISTRATION_ROUTE = 'packages/newborn/pages/registration/registration';
export const REGISTER_PAGE = `/${REGISTER_ROUTE}`;
export const REGISTRATION_PAGE = `/${REGISTRATION_ROUTE}`;

export const CERTIFICATE = 'R440123456';
export const BABY_NAME = '周小雨';
/** Ten days before TEST_NOW: on time. */
export const BORN = formatCstDate(TEST_NOW - 10 * DAY_MS);

export interface Fill { applicant: 'mother' | 'father'; certificate: string; name: string; sex: 'male' | 'female'; born: string; fatherNamed: boolean; hukou: 'mother' | 'father'; consent: boolean }
export const MOTHER: Fill = { applicant: 'mother', certificate: CERTIFICATE, name: BABY_NAME, sex: 'female', born: BORN, fatherNamed: true, hukou: 'mother', consent: true };
export const FATHER: Fill = { ...MOTHER, applicant: 'father', fatherNamed: false, hukou: 'father' };

/** Fills the form as a person would: taps, typing, the date picker. */
export async function fill(page: RenderedPage, answers: Partial<Fill> = {}): Promise<void> {
  const a: Fill = { ...MOTHER, ...answers };
  await page.tap(`#applicant-${a.applicant}`);
  await page.input('#birthCertificateNumber', a.certificate);
  await page.input('#babyName', a.name);
  await page.tap(`#sex-${a.sex}`);
  await page.fire('#birthDate', 'change', { value: a.born });
  if (a.applicant === 'mother' && isChecked(page, '#fatherNamed') !== a.fatherNamed) await page.tap('#fatherNamed');
  await page.tap(`#hukou-${a.hukou}`);
  if (isChecked(page, '#consent') !== a.consent) await page.tap('#consent');
}

/** The body the government reads, as a test sends it straight. */
export const bodyOf = (applicant: 'mother' | 'father', extra: object = {}): object => ({
  birthCertificateNumber: CERTIFICATE, babyName: BABY_NAME, babySex: 'female', birthDate: BORN, applicant,
  hukouWith: applicant === 'father' ? 'father' : 'mother', consent: true, ...(applicant === 'mother' ? { fatherNamed: true } : {}), ...extra,
});

export const registerAs = (gov: TestGovernment, token: string, applicant: 'mother' | 'father', extra: object = {}): Promise<NewbornStartResponse> =>
  call<NewbornStartResponse>(gov, token, 'POST', '/civil/newborn', bodyOf(applicant, extra));

export const registrationsOf = async (gov: TestGovernment, token: string) => (await call<NewbornListResponse>(gov, token, 'GET', '/civil/newborn')).items;

export const texts = (page: RenderedPage, selector: string): string[] => page.findAll(selector).map((node) => ((node.dom as Element).textContent ?? '').replace(/\s+/g, ' ').trim());
