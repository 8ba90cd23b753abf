// "My records": everything a person has done with a government service, newest first.

export type RecordKind = 'identity-verified' | 'face-verified' | 'fine-payment' | 'bill-payment' | 'booking' | 'report';

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
