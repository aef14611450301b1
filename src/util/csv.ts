// CSV fields (RFC 4180) for every export a person opens in a spreadsheet: quoted when they hold a
// comma, quote, CR or LF, quotes doubled, and a field that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a CR) is prefixed with an apostrophe (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Rows to CSV text: CRLF line ends, a final CRLF. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
