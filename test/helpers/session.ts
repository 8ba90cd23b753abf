// Puts a verified resident's session on the fake device, as if they had verified earlier.
import { fake } from './fake-wx';
import { resident, verifiedToken, type TestGovernment } from './government';
import { maskIdNumber, maskMobile, maskName } from '../../miniprogram/core/validation';

export async function signInAs(gov: TestGovernment, key = 'r02'): Promise<string> {
  const token = await verifiedToken(gov.government, key);
  const person = resident(key);
  fake.storage.set('session.token', token);
  fake.encryptedKeys.add('session.token');
  fake.storage.set('session.profile', {
    level: 'verified',
    nameMasked: maskName(person.name),
    idMasked: maskIdNumber(person.idNumber),
    mobileMasked: maskMobile(person.mobile),
    sex: Number(person.idNumber[16]) % 2 === 1 ? 'male' : 'female',
    age: 40,
    newResident: false,
  });
  return token;
}
