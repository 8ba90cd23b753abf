// "My records": everything a person has done with a government service, newest first.

/** Every kind of record; each has its words (`record.<kind>`), or the type check fails. */
export const RECORD_KINDS = ['identity-verified', 'face-verified', 'fine-payment', 'bill-payment', 'booking', 'booking-fee', 'civil-case', 'civil-appointment', 'newborn-registration', 'passport-application', 'passport-fee', 'report', 'refund'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordItem {
  id: string;
  kind: RecordKind;
  at: number;
  reference: string;
  amountFen?: number;
  /** Plain values the client formats in the reader's language (plate, count, service). */
  detail: Record<string, string | number>;
}

export interface RecordsResponse { items: RecordItem[]; total: number }
