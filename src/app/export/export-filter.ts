// The optional filters of an export: `from` and `to` are Asia/Shanghai calendar days, both inclusive, and
// `teamKey` narrows to one team. Wrong input is a 400 with a message a manager can act on.
import { badRequest } from '../../shared/errors.js';
import { exportText } from './export-text.js';

export interface ExportFilter {
  fromDay: string | null;
  toDay: string | null;
  teamKey: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TEAM_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const DAY_MS = 86_400_000;

type QueryValue = string | string[] | undefined;

function single(v: QueryValue): string | null {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : null;
}

/** A real calendar day (no 2026-02-30) between 2000 and 2099, else null. */
function calendarDay(text: string): string | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  const real = at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
  return real && y >= 2000 && y < 2100 ? text : null;
}

export function parseExportFilter(query: { from?: QueryValue; to?: QueryValue; teamKey?: QueryValue }): ExportFilter {
  const day = (raw: string | null, name: string) => {
    if (raw === null) return null;
    const d = calendarDay(raw);
    if (!d) throw badRequest('invalid_date', exportText.badDate(name));
    return d;
  };
  const fromDay = day(single(query.from), exportText.fromName);
  const toDay = day(single(query.to), exportText.toName);
  if (fromDay && toDay && fromDay > toDay) throw badRequest('invalid_date_range', exportText.badRange);
  const teamKey = single(query.teamKey);
  if (teamKey !== null && !TEAM_KEY.test(teamKey)) throw badRequest('invalid_team', exportText.badTeam);
  return { fromDay, toDay, teamKey };
}

/** The instants the days cover: from 00:00 of `fromDay` to 00:00 after `toDay`, Asia/Shanghai. */
export function instantsOf(filter: ExportFilter): { from: Date | null; before: Date | null } {
  const start = (day: string) => new Date(`${day}T00:00:00+08:00`);
  return {
    from: filter.fromDay ? start(filter.fromDay) : null,
    before: filter.toDay ? new Date(start(filter.toDay).getTime() + DAY_MS) : null,
  };
}
