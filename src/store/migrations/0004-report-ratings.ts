// Manager ratings of battle reports: ★★ and up enter the team knowledge base, ★★★ is a 标杆案例.
export default {
  version: 4,
  name: 'report-ratings',
  sql: `
alter table battle_reports add column rating int check (rating between 1 and 3);
alter table battle_reports add column rated_by text;
alter table battle_reports add column rated_at timestamptz;
alter table battle_reports add column knowledge text check (knowledge in ('knowledge_base', 'benchmark'));
`,
};
