// Review helpers: residents beyond the cast (any valid ID verifies as a new resident), to fill a window.
import { idCheckChar } from '../../miniprogram/core/validation';
import type { Government } from '../../miniprogram/mock/index';

const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十', '褚十一', '卫十二'];

/** A valid 18-character ID: Guangzhou Yuexiu, born 1990-01-`day`, sequence `seq`. */
export function idNumber(seq: number, birth = '19900101'): string {
  const id17 = `440104${birth}${String(seq).padStart(3, '0')}`;
  return `${id17}${idCheckChar(id17)}`;
}

/** Verifies the `n`th extra resident and resolves their bearer token. */
export async function extraResident(government: Government, n: number, birth = '19900101'): Promise<string> {
  const started = await government.handle({ method: 'POST', path: '/identity/session', body: JSON.stringify({ code: `extra-${n}` }) });
  const token = (started.body as { token: string }).token;
  const headers = { authorization: `Bearer ${token}` };
  const mobile = `1390000${String(1000 + n).slice(-4)}`;
  const sms = await government.handle({ method: 'POST', path: '/identity/sms', headers, body: JSON.stringify({ mobile }) });
  const code = (sms.body as { devCode: string }).devCode;
  const verified = await government.handle({
    method: 'POST', path: '/identity/verify', headers,
    body: JSON.stringify({ name: NAMES[n % NAMES.length], idNumber: idNumber(n * 2 + 1, birth), mobile, smsCode: code }),
  });
  if (verified.status !== 200) throw new Error(`verification failed: ${JSON.stringify(verified.body)}`);
  return token;
}
