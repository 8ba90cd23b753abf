// The traffic police agency as tests look into it: its state and a plate's vehicle id, from an agency
// made with the same kit the government hands it (the government loads its own on first use).
import { createAgencyKit } from '../../miniprogram/mock/kit';
import { createAgency } from '../../miniprogram/packages/fines/agency/police';

const police = createAgency(createAgencyKit({ key: 'tests-read-only', refund: () => null }, 'police'));

export const policeState = police.policeState;
export const vehicleIdOf = police.vehicleIdOf;
export { BIND_TRIES_PER_DAY, BUSY_PLATE, lateSurcharge, noticeWork } from '../../miniprogram/packages/fines/agency/police';
