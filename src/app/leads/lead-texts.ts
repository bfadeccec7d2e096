// What people read about leads (issue 15): the owner's alert, the import summary and 我的线索.
const contactLine = (contact: string | null, phone: string | null) => {
  const who = [contact, phone].filter(Boolean).join(' ');
  return who ? `联系人:${who}` : '联系人:未留';
};
const withSource = (name: string, source: string | null) => (source ? `${name}(${source})` : name);

export const leadTexts = {
  /** The owner of a new lead, at once (quiet hours aside). */
  newLead: (l: { name: string; source: string | null; contact: string | null; phone: string | null; note: string | null }, hours: number) =>
    [`新线索:${withSource(l.name, l.source)}`, contactLine(l.contact, l.phone), ...(l.note ? [`备注:${l.note}`] : []), `请在${hours}小时内联系。`].join('\n'),
  /** The owner of a customer we already had, which came in again as a lead. */
  knownCustomer: (l: { name: string; source: string | null; contact: string | null; phone: string | null; note: string | null }) =>
    [`老客户又来咨询:${withSource(l.name, l.source)}`, contactLine(l.contact, l.phone), ...(l.note ? [`备注:${l.note}`] : [])].join('\n'),
  /** One message per owner for an import, instead of one per row. */
  imported: (names: readonly string[], known: readonly string[], hours: number) => {
    const list = (xs: readonly string[]) => (xs.length > 8 ? `${xs.slice(0, 8).join('、')} 等${xs.length}个` : xs.join('、'));
    return [
      ...(names.length ? [`新到${names.length}条线索:${list(names)}`, `请在${hours}小时内联系,发「我的线索」看联系方式。`] : []),
      ...(known.length ? [`老客户又来咨询:${list(known)}`] : []),
    ].join('\n');
  },
  myLeadsNone: '你现在没有待跟进的线索。',
  myLeadsHeader: (total: number, shown: number) => (total > shown ? `我的线索(共${total}条,先列最早的${shown}条):` : `我的线索(${total}条):`),
  myLeadLine: (i: number, l: { name: string; source: string | null; contact: string | null; phone: string | null }, age: string, contacted: boolean) =>
    `${i}. ${withSource(l.name, l.source)} · ${age}来的 · ${contacted ? '已联系' : '未联系'}${l.contact || l.phone ? ` · ${[l.contact, l.phone].filter(Boolean).join(' ')}` : ''}`,
  myLeadsFooter: '联系后发一句跟进(如"给恒信机械打了电话,约了周三拜访"),线索就会推进。',
} as const;
