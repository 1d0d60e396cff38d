import { expect } from '@esm-bundle/chai';
import { parseXml } from './dom.ts';
import { toXmlString } from './element.ts';
import { buildHours, formatDuration, isOpen, nextOpening, parseDuration, parseHours, type OfficeHours } from './office-hours.ts';

const NS = 'urn:xmpp-chat:desk:0';
const week = (tz: string, extra = '') =>
  parseHours(
    parseXml(
      `<hours xmlns='${NS}' tz='${tz}' reply='PT2H'>` +
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => `<day d='${d}' open='09:00' close='17:30'/>`).join('') +
        `<day d='sat' open='10:00' close='13:00'/>${extra}</hours>`,
    ),
  )!;
const at = (iso: string) => new Date(iso);

describe('office hours payload', () => {
  it('reads a week, closed days and the reply time, as published', () => {
    const hours = parseHours(
      parseXml(
        `<hours xmlns='${NS}' tz='Europe/Berlin' reply='PT2H'><day d='mon' open='09:00' close='12:00'/>` +
          `<day d='mon' open='13:00' close='17:30'/><day d='sun' open='10:00' close='24:00'/>` +
          `<closed from='2026-12-24' to='2026-12-26'/><closed from='2026-12-31'/></hours>`,
      ),
    );
    expect(hours).to.deep.equal({
      timeZone: 'Europe/Berlin',
      spans: [
        { day: 'mon', open: '09:00', close: '12:00' },
        { day: 'mon', open: '13:00', close: '17:30' },
        { day: 'sun', open: '10:00', close: '24:00' },
      ],
      closed: [
        { from: '2026-12-24', to: '2026-12-26' },
        { from: '2026-12-31', to: '2026-12-31' },
      ],
      replyMinutes: 120,
    });
    expect(parseHours(parseXml(toXmlString(buildHours(hours!))))).to.deep.equal(hours);
  });

  it('builds the payload, attribute values escaped', () => {
    const hours: OfficeHours = {
      timeZone: 'America/New_York',
      spans: [{ day: 'fri', open: '08:00', close: '16:00' }],
      closed: [],
      replyMinutes: 90,
    };
    expect(toXmlString(buildHours(hours))).to.equal(
      `<hours xmlns="${NS}" tz="America/New_York" reply="PT1H30M"><day d="fri" open="08:00" close="16:00"/></hours>`,
    );
    expect(toXmlString(buildHours({ ...hours, replyMinutes: undefined, spans: [] }))).to.equal(
      `<hours xmlns="${NS}" tz="America/New_York"/>`,
    );
  });

  it('skips what it cannot read, and refuses a zone it does not know or another element', () => {
    const hours = parseHours(
      parseXml(
        `<hours xmlns='${NS}' tz='Europe/Berlin' reply='2 hours'><day d='monday' open='09:00' close='17:00'/>` +
          `<day d='tue' open='17:00' close='09:00'/><day d='wed' open='9:00' close='17:00'/><day d='thu' open='24:00' close='24:00'/>` +
          `<day d='fri' open='08:00' close='25:00'/><day xmlns='urn:other' d='sat' open='08:00' close='12:00'/>` +
          `<day d='sat' open='08:00' close='12:00'>ignored <b>text</b></day>` +
          `<closed from='2026-12-26' to='2026-12-24'/><closed from='26.12.2026'/><closed to='2026-12-24'/></hours>`,
      ),
    );
    expect(hours).to.deep.equal({ timeZone: 'Europe/Berlin', spans: [{ day: 'sat', open: '08:00', close: '12:00' }], closed: [] });
    expect(parseHours(parseXml(`<hours xmlns='${NS}' tz='Mars/Olympus'/>`))).to.equal(undefined);
    expect(parseHours(parseXml(`<hours xmlns='${NS}'/>`))).to.equal(undefined);
    expect(parseHours(parseXml(`<hours xmlns='urn:other' tz='UTC'/>`))).to.equal(undefined);
    expect(parseHours(undefined)).to.equal(undefined);
  });

  it('caps what is read back', () => {
    const days = Array.from({ length: 100 }, () => `<day d='mon' open='09:00' close='10:00'/>`).join('');
    const closed = Array.from({ length: 300 }, () => `<closed from='2026-01-01'/>`).join('');
    const hours = parseHours(parseXml(`<hours xmlns='${NS}' tz='UTC'>${days}${closed}</hours>`))!;
    expect(hours.spans).to.have.length(42);
    expect(hours.closed).to.have.length(100);
  });

  it('reads and writes reply times as ISO 8601 durations', () => {
    expect(parseDuration('PT2H')).to.equal(120);
    expect(parseDuration('PT45M')).to.equal(45);
    expect(parseDuration('P1DT2H30M')).to.equal(1590);
    expect(parseDuration('P2D')).to.equal(2880);
    for (const bad of ['P', 'PT', '2H', 'PT2.5H', 'P1W', 'P1DT', '', undefined])
      expect(parseDuration(bad), String(bad)).to.equal(undefined);
    for (const minutes of [0, 5, 60, 90, 1440, 1530]) expect(parseDuration(formatDuration(minutes))).to.equal(minutes);
    expect(formatDuration(120)).to.equal('PT2H');
    expect(formatDuration(1440)).to.equal('P1D');
  });
});

describe('isOpen and nextOpening', () => {
  it('are open on weekdays in the desk’s zone, not in the visitor’s', () => {
    const hours = week('Europe/Berlin');
    // Wednesday 2 December 2026: 09:00 in Berlin (winter, UTC+1) is 08:00 UTC.
    expect(isOpen(hours, at('2026-12-02T07:59:00Z'))).to.equal(false);
    expect(isOpen(hours, at('2026-12-02T08:00:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-12-02T16:29:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-12-02T16:30:00Z'))).to.equal(false);
    expect(nextOpening(hours, at('2026-12-02T07:00:00Z'))).to.deep.equal(at('2026-12-02T08:00:00Z'));
    // Open: the next opening is the next day's.
    expect(nextOpening(hours, at('2026-12-02T10:00:00Z'))).to.deep.equal(at('2026-12-03T08:00:00Z'));
    const tokyo = week('Asia/Tokyo');
    // 09:00 on Monday in Tokyo is 00:00 UTC the same Monday.
    expect(isOpen(tokyo, at('2026-12-07T00:30:00Z'))).to.equal(true);
    expect(isOpen(tokyo, at('2026-12-06T23:30:00Z'))).to.equal(false);
  });

  it('are closed on a day without spans, and find the next open day', () => {
    const hours = week('Europe/Berlin');
    // Saturday 5 December, 13:00 Berlin: closed until Monday 09:00.
    expect(isOpen(hours, at('2026-12-05T11:59:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-12-05T12:00:00Z'))).to.equal(false);
    expect(isOpen(hours, at('2026-12-06T10:00:00Z'))).to.equal(false);
    expect(nextOpening(hours, at('2026-12-05T12:00:00Z'))).to.deep.equal(at('2026-12-07T08:00:00Z'));
  });

  it('keep wall-clock times across daylight saving changes', () => {
    const hours = week('Europe/Berlin');
    // Clocks go forward on Sunday 29 March 2026: Friday 09:00 is 08:00 UTC, Monday 09:00 is 07:00 UTC.
    expect(isOpen(hours, at('2026-03-27T08:00:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-03-30T07:00:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-03-30T06:59:00Z'))).to.equal(false);
    expect(nextOpening(hours, at('2026-03-28T12:00:00Z'))).to.deep.equal(at('2026-03-30T07:00:00Z'));
    // And back on Sunday 25 October 2026.
    expect(nextOpening(hours, at('2026-10-24T12:00:00Z'))).to.deep.equal(at('2026-10-26T08:00:00Z'));
    const newYork = week('America/New_York');
    // US clocks go forward on 8 March 2026, three weeks before Europe's.
    expect(nextOpening(newYork, at('2026-03-07T20:00:00Z'))).to.deep.equal(at('2026-03-09T13:00:00Z'));
    expect(nextOpening(newYork, at('2026-03-06T12:00:00Z'))).to.deep.equal(at('2026-03-06T14:00:00Z'));
  });

  it('open a span that begins in the hour the clocks skip once the clock shows a later time', () => {
    const sunday = parseHours(parseXml(`<hours xmlns='${NS}' tz='Europe/Berlin'><day d='sun' open='02:30' close='05:00'/></hours>`))!;
    // 29 March 2026, Berlin: 02:00 becomes 03:00 (01:00 UTC).
    expect(nextOpening(sunday, at('2026-03-28T12:00:00Z'))).to.deep.equal(at('2026-03-29T01:30:00Z'));
    expect(isOpen(sunday, at('2026-03-29T01:30:00Z'))).to.equal(true);
  });

  it('stay closed on holidays, the range’s first and last day included', () => {
    const hours = week('Europe/Berlin', `<closed from='2026-12-24' to='2026-12-28'/><closed from='2026-12-31'/>`);
    expect(isOpen(hours, at('2026-12-23T10:00:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-12-24T10:00:00Z'))).to.equal(false);
    expect(isOpen(hours, at('2026-12-28T10:00:00Z'))).to.equal(false);
    expect(isOpen(hours, at('2026-12-29T10:00:00Z'))).to.equal(true);
    expect(isOpen(hours, at('2026-12-31T10:00:00Z'))).to.equal(false);
    // Wednesday 23 December after closing: back on Tuesday the 29th.
    expect(nextOpening(hours, at('2026-12-23T17:00:00Z'))).to.deep.equal(at('2026-12-29T08:00:00Z'));
    // The holiday is the desk's date: 23:30 UTC on the 23rd is already the 24th in Berlin.
    const night = week('Europe/Berlin', `<closed from='2026-12-24'/>`);
    const allDay = {
      ...night,
      spans: [
        ...night.spans,
        { day: 'wed' as const, open: '00:00', close: '24:00' },
        { day: 'thu' as const, open: '00:00', close: '24:00' },
      ],
    };
    expect(isOpen(allDay, at('2026-12-23T22:30:00Z'))).to.equal(true);
    expect(isOpen(allDay, at('2026-12-23T23:30:00Z'))).to.equal(false);
  });

  it('have no next opening without spans, or when every day ahead is closed', () => {
    expect(nextOpening({ timeZone: 'UTC', spans: [], closed: [] }, at('2026-12-02T10:00:00Z'))).to.equal(undefined);
    const closedForGood = week('UTC', `<closed from='2026-01-01' to='2099-12-31'/>`);
    expect(isOpen(closedForGood, at('2026-12-02T10:00:00Z'))).to.equal(false);
    expect(nextOpening(closedForGood, at('2026-12-02T10:00:00Z'))).to.equal(undefined);
  });
});
