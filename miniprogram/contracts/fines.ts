// Traffic police contract: bound vehicles and their violation notices.
import type { PayItemKind, Settlement } from './payments';

export type PlateType = 'small' | 'large' | 'new-energy';
export const PLATE_TYPES: readonly PlateType[] = ['small', 'large', 'new-energy'];

export type NoticeStatus = 'unpaid' | 'paid' | 'disputed';

/** What the violation was; the client words it in the reader's language (a code without words fails the type check). */
export const OFFENCES = ['red-light', 'lane-marking', 'speeding-20', 'speeding-50', 'no-parking', 'phone', 'seatbelt', 'pedestrian'] as const;
export type Offence = (typeof OFFENCES)[number];

export const MAX_VEHICLES = 3;
export const NOTICES_PAGE_MAX = 50;

export interface BindVehicleRequest {
  /** Province abbreviation and the rest, uppercase: 粤B12345 or 粤BD12345. */
  plate: string;
  plateType: PlateType;
  /** The last 6 characters of the VIN. */
  vinLast6: string;
}

export interface VehicleSummary {
  id: string;
  plate: string;
  plateType: PlateType;
  unpaidCount: number;
  /** Fines plus late surcharges of every unpaid notice, as of now. */
  dueFen: number;
  /** Points of the unpaid and disputed notices. */
  pointsPending: number;
}

export interface VehiclesResponse { vehicles: VehicleSummary[]; max: number }

/** How a notice was paid: the shared payment flow's settlement. */
export type NoticePayment = Settlement;

export interface FineNotice {
  id: string;
  /** The penalty decision's number (决定书编号), 16 digits: the issuing office's area code, then the decision's own. */
  decisionNumber: string;
  vehicleId: string;
  plate: string;
  occurredAt: number;
  /** When the penalty decision was issued; the 15 days without surcharge start here. */
  noticedAt: number;
  /** Last CST date (YYYY-MM-DD) to pay without a surcharge. */
  payBy: string;
  /** Where it happened, as the police wrote it (Chinese). */
  place: string;
  /** The same place in English: street names in pinyin, the district and city in English. */
  placeEn: string;
  offence: Offence;
  fineFen: number;
  points: number;
  status: NoticeStatus;
  /** Whole days after day 15, when unpaid; 0 otherwise. */
  daysLate: number;
  surchargeFen: number;
  /** The surcharge reached the fine and stops growing. */
  surchargeCapped: boolean;
  /** Fine plus surcharge while unpaid; 0 when paid or disputed. */
  dueFen: number;
  payment: NoticePayment | null;
}

export interface NoticesResponse {
  vehicle: VehicleSummary;
  /** Unpaid first, then disputed, then paid; newest first within each. */
  items: FineNotice[];
  total: number;
}

/** Field reasons for binding a vehicle. */
export type VehicleFieldCode =
  | 'REQUIRED'
  | 'PLATE_PROVINCE'
  | 'PLATE_LENGTH'
  | 'PLATE_CHARS'
  | 'PLATE_NEW_ENERGY'
  | 'VIN_LENGTH'
  | 'VIN_CHARS'
  | 'UNKNOWN_TYPE'
  | 'VEHICLE_NOT_FOUND'
  | 'VIN_MISMATCH'
  | 'NOT_OWNER';

/** Error codes of the police agency besides the common ones. */
export type FinesErrorCode = 'NOT_OWNER' | 'VIN_MISMATCH' | 'VEHICLE_NOT_FOUND' | 'ALREADY_BOUND' | 'VEHICLE_LIMIT';

/** The agency name under which notices are paid through the payments service. */
export const POLICE_AGENCY = 'police';
export const FINE_ITEM_KIND: PayItemKind = 'traffic-fine';
