// Visit form → sensitive-word warning → compliance note → submit → result page with suggestions.
import { describe, expect, it } from 'vitest';
import { createMiniProgram, input, tap, textOf, textsOf } from '../../support/miniprogram-render.js';
import { TOKEN, serveMp } from './fixtures.js';

describe('visit and result pages (rendered)', () => {
  it('warns on a sensitive word, requires the note, submits and shows the suggestions', async () => {
    const mp = createMiniProgram();
    const server = serveMp(mp);
    const visit = await mp.open('visit', { scene: TOKEN });
    expect(textOf(visit, '.title')).toBe('静安店');
    expect(visit.querySelector('.note')).toBeUndefined();

    await input(visit, '.question', '顾客问这个药能不能治愈湿疹');
    expect(textOf(visit, '.count')).toBe('13/500');
    expect(textOf(visit, '.warn')).toBe('提到了“治愈”，请填写合规说明');
    expect(visit.querySelector('.note')).toBeDefined();

    // Submitting without the note is stopped on the client.
    await tap(visit, '.btn-primary');
    expect(textOf(visit, '.error')).toBe('提到了“治愈”，请填写合规说明');
    expect(server.state.visitBodies).toEqual([]);

    await input(visit, '.note', '已建议顾客就医，未做诊断');
    await input(visit, '.field', '王女士');
    await tap(visit, '.btn-primary');
    expect(server.state.visitBodies).toEqual([
      { qr: TOKEN, question: '顾客问这个药能不能治愈湿疹', customerName: '王女士', complianceNote: '已建议顾客就医，未做诊断' },
    ]);
    expect(mp.nav).toEqual([{ kind: 'redirectTo', url: `/pages/result/result?scene=${TOKEN}` }]);
    expect(mp.loading()).toBe(false);

    const result = await mp.follow();
    expect(textOf(result, '.title')).toBe('✅ 已记录');
    expect(textOf(result, '.warn')).toBe('含敏感词，已提交总部审核');
    expect(textsOf(result, '.tag')).toEqual(['湿疹', '用药咨询']);
    // Block views concatenate without a space; only the first three suggestions render.
    expect(textsOf(result, '.suggestion')).toEqual([
      '1. 推荐温和保湿霜来自：湿疹护理手册',
      '2. 提醒就医来自：合规指引',
      '3. 登记回访来自：门店SOP',
    ]);

    await tap(result, '.btn-primary');
    await tap(result, '.home');
    expect(mp.nav.slice(1)).toEqual([
      { kind: 'redirectTo', url: `/pages/visit/visit?scene=${TOKEN}` },
      { kind: 'reLaunch', url: '/pages/home/home' },
    ]);
  });

  it('a sensitive word only the server knows opens the note field from its 422', async () => {
    const mp = createMiniProgram();
    const server = serveMp(mp);
    const visit = await mp.open('visit', { scene: TOKEN });
    // The config words are checked client-side; pretend the server's list is longer.
    mp.fake.route('POST', '/mp/visits', () => ({
      status: 422,
      body: { code: 'compliance_note_required', message: 'note', words: ['偏方'] },
    }));
    await input(visit, '.question', '有没有偏方');
    expect(visit.querySelector('.note')).toBeUndefined();
    await tap(visit, '.btn-primary');
    expect(textOf(visit, '.warn')).toBe('提到了“偏方”，请填写合规说明');
    expect(textsOf(visit, '.error')).toEqual(['提到了“偏方”，请填写合规说明']);
    expect(visit.instance.data['submitting']).toBe(false);
    expect(mp.nav).toEqual([]);
    expect(server.state.visitBodies).toEqual([]);
  });

  it('an empty question shows the validation message and sends nothing', async () => {
    const mp = createMiniProgram();
    const server = serveMp(mp);
    const visit = await mp.open('visit', { scene: TOKEN });
    await tap(visit, '.btn-primary');
    expect(textOf(visit, '.error')).toBe('请填写顾客的问题，或按住说话');
    expect(server.state.visitBodies).toEqual([]);
  });

  it('an unknown store code renders the server’s error instead of the form', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const visit = await mp.open('visit', { scene: 'nosuchcode' });
    expect(textOf(visit, '.blocker')).toBe('门店码无效，请扫描门店的二维码');
    expect(visit.querySelector('.btn-primary')).toBeUndefined();
  });
});
