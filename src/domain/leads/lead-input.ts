// What one lead must look like before it is stored, whatever brought it (API, import row, web form):
// pure validation that names each bad field, so an import can report "第 7 行: 客户 缺失".
import { cleanCustomerName, MAX_CUSTOMER_NAME } from '../customers/customer-name.js';

export interface LeadInput {
  /** The customer (organisation, or a person when no organisation is known). */
  readonly name: string;
  readonly contact: string | null;
  readonly phone: string | null;
  readonly source: string | null;
  readonly note: string | null;
  /** A person id or "<channel>:<platform id>"; null: round robin in `teamKey`. */
  readonly ownerRef: string | null;
  readonly teamKey: string | null;
}

export type LeadField = 'name' | 'contact' | 'phone' | 'source' | 'note' | 'owner' | 'teamKey';

export interface LeadProblem {
  readonly field: LeadField;
  readonly problem: 'missing' | 'too_long' | 'invalid';
}

const LIMITS: Record<Exclude<LeadField, 'name' | 'phone'>, number> = { contact: 40, source: 40, note: 500, owner: 80, teamKey: 64 };
/** Digits with the usual separators and an optional +, extension with 转 or ext. */
const PHONE = /^\+?[0-9][0-9 ()\-]{4,24}(?:(?:转|ext\.?|x)[0-9]{1,6})?$/i;

/** The raw values (strings from JSON, cells or form fields) → a lead, or what is wrong with them. */
export function readLead(raw: Partial<Record<LeadField, unknown>>): { lead: LeadInput } | { problems: LeadProblem[] } {
  const problems: LeadProblem[] = [];
  const text = (field: Exclude<LeadField, 'name'>): string | null => {
    const v = raw[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') {
      problems.push({ field, problem: 'invalid' });
      return null;
    }
    const s = String(v).normalize('NFC').replace(/\s+/g, ' ').trim();
    if (s === '') return null;
    const limit = field === 'phone' ? 32 : LIMITS[field];
    if ([...s].length > limit) {
      problems.push({ field, problem: 'too_long' });
      return null;
    }
    return s;
  };
  const rawName = raw.name;
  const name = typeof rawName === 'string' || typeof rawName === 'number' ? cleanCustomerName(String(rawName)) : null;
  if (name === null) {
    const given = typeof rawName === 'string' ? rawName.trim() : '';
    problems.push({ field: 'name', problem: given === '' ? 'missing' : [...given].length > MAX_CUSTOMER_NAME ? 'too_long' : 'invalid' });
  }
  const contact = text('contact');
  const phone = text('phone');
  if (phone !== null && !PHONE.test(phone)) problems.push({ field: 'phone', problem: 'invalid' });
  const lead: LeadInput = {
    name: name ?? '', contact, phone, source: text('source'), note: text('note'), ownerRef: text('owner'), teamKey: text('teamKey'),
  };
  if (lead.ownerRef === null && lead.teamKey === null && !problems.some((p) => p.field === 'owner' || p.field === 'teamKey')) {
    problems.push({ field: 'owner', problem: 'missing' });
  }
  return problems.length ? { problems } : { lead };
}
