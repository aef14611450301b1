// The Art. 12(3) clock as calendar arithmetic: month ends, leap years, time zones, extensions, pauses.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { addMonths, checkExtension, daysBetween, dueDate, firstDueDate, pauseDays, remindersDue } from '../src/requests/deadlines.ts'
import { dateInZone } from '../src/util/dates.ts'

test('REQ-TR-07 due date is one calendar month: same day of the month, or the last day when it has none', () => {
  const cases: [string, string][] = [
    ['2026-11-25', '2026-12-25'],
    ['2026-12-15', '2027-01-15'],
    ['2027-01-31', '2027-02-28'],
    ['2028-01-31', '2028-02-29'],
    ['2028-01-29', '2028-02-29'],
    ['2027-01-29', '2027-02-28'],
    ['2026-03-31', '2026-04-30'],
    ['2026-08-31', '2026-09-30'],
    ['2028-02-29', '2028-03-29'],
    ['2100-01-31', '2100-02-28'],
    ['2000-01-31', '2000-02-29'],
  ]
  for (const [received, due] of cases) assert.equal(firstDueDate(received), due, received)
})

test('REQ-TR-07 the date of receipt is the controller\'s calendar date, not UTC', () => {
  const lateEvening = new Date('2027-01-31T23:30:00Z') // already 1 February in Brussels
  assert.equal(dateInZone(lateEvening, 'Europe/Brussels'), '2027-02-01')
  assert.equal(firstDueDate(dateInZone(lateEvening, 'Europe/Brussels')), '2027-03-01')
})

test('REQ-TR-07 property: the due date is in the next month and never before the same day number', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), (d) => {
      const received = d.toISOString().slice(0, 10)
      const due = firstDueDate(received)
      const [ry, rm, rd] = received.split('-').map(Number) as [number, number, number]
      const [dy, dm, dd] = due.split('-').map(Number) as [number, number, number]
      assert.equal((dy * 12 + dm) - (ry * 12 + rm), 1)
      const last = new Date(Date.UTC(dy, dm, 0)).getUTCDate()
      assert.equal(dd, Math.min(rd, last))
      assert.ok(daysBetween(received, due) >= 28 && daysBetween(received, due) <= 31)
    }),
  )
})

test('REQ-TR-08 an extension needs a reason, is at most two months in all, and only before the first due date', () => {
  const clock = { receivedOn: '2027-01-31', extensionMonths: 0, pausedDays: 0 }
  assert.deepEqual(checkExtension(clock, 2, 'a very complex request across systems', '2027-02-10'), { ok: true, dueOn: '2027-04-30' })
  assert.equal((checkExtension(clock, 1, 'busy', '2027-02-10') as { code: string }).code, 'extension_reason_required')
  assert.equal((checkExtension(clock, 3, 'a very complex request across systems', '2027-02-10') as { code: string }).code, 'extension_too_long')
  assert.equal((checkExtension({ ...clock, extensionMonths: 2 }, 1, 'a very complex request across systems', '2027-02-10') as { code: string }).code, 'extension_too_long')
  assert.equal((checkExtension(clock, 1, 'a very complex request across systems', '2027-02-28') as { code: string }).code, 'extension_too_late', 'not on the due date itself')
  assert.equal(addMonths('2027-01-31', 3), '2027-04-30')
})

test('REQ-ID-06 the clock pauses while waiting for information asked promptly, and not when asked late', () => {
  assert.equal(pauseDays('2026-11-01', '2026-11-03', '2026-11-13'), 10)
  assert.equal(pauseDays('2026-11-01', '2026-11-20', '2026-11-25'), 0, 'asked after undue delay: no suspension')
  assert.equal(dueDate({ receivedOn: '2026-11-01', extensionMonths: 0, pausedDays: 10 }), '2026-12-11')
})

test('REQ-TR-07 staff reminders fall on day 20 and day 27 after receipt', () => {
  assert.deepEqual(remindersDue('2026-11-01', '2026-11-21'), [20])
  assert.deepEqual(remindersDue('2026-11-01', '2026-11-28'), [27])
  assert.deepEqual(remindersDue('2026-11-01', '2026-11-22'), [])
})
