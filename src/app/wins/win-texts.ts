// What a 喜报 and the 喜报 开/关 command say.

export const winTexts = {
  /** The post to the team: rep, customer, amount when known, days from the first touch. */
  post(p: { rep: string; customer: string; amount: string | null; days: number | null }): string {
    const facts = [
      p.amount ? `金额 ${p.amount}` : null,
      p.days === null ? null : p.days === 0 ? '首次接触当天拿下' : `从首次接触到赢单 ${p.days} 天`,
    ].filter(Boolean);
    return [`🎉 **喜报**`, `恭喜 ${p.rep} 拿下 **${p.customer}**!`, ...(facts.length ? [facts.join(' · ')] : [])].join('\n');
  },
  command: {
    notManager: '喜报开关给带团队的主管用。',
    status: (teams: { name: string; on: boolean }[]) =>
      `${teams.map((t) => `${t.name}:喜报${t.on ? '已开' : '已关'}`).join('\n')}\n发「喜报 关」或「喜报 开」切换。`,
    switched: (on: boolean, names: string[]) =>
      on ? `已打开 ${names.join('、')} 的喜报:赢单会在团队群里报喜。` : `已关闭 ${names.join('、')} 的喜报:赢单不再在团队群里报喜。`,
  },
};

/** Whole Asia/Shanghai calendar days from `from` to `to` (0 on the same day), never negative. */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + 8 * 3600_000) / 86_400_000);
  return Math.max(0, day(to) - day(from));
}
