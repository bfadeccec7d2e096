// The matching key two spellings of one customer share: half-width, no spaces or "(北京)", no legal form.
const MIN_KEY = 2;

export function normalizeCustomerName(name: string): string {
  const key = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .toLowerCase();
  const stripped = key.replace(/(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$/u, '');
  return stripped.length >= MIN_KEY ? stripped : key;
}
