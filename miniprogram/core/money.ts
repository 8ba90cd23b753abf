// Money is an integer number of fen; only the view turns it into yuan.

export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** `12345` -> `123.45`; always two decimals. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan.toLocaleString('en-US')}.${cents < 10 ? '0' : ''}${cents}`;
}

/** `¥123.45` */
export function formatMoney(fen: number): string {
  return `¥${formatYuan(fen)}`;
}
