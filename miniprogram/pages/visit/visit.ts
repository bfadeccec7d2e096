// Visit form for one store: opened with ?scene=<token> (our scan, a 小程序码) or ?q=<link>
// (普通链接二维码). Validation, the sensitive-word check and recording live in lib/.
import type { MpConfigResponse, VisitAudio } from '../../../src/shared/mp-api.js';
import type { AppOption } from '../../app.js';
import { errorText } from '../../lib/api-error.js';
import { envBlocker } from '../../lib/env.js';
import { MSG } from '../../lib/messages.js';
import { tokenFromQuery, type PageQuery } from '../../lib/qr.js';
import type { RecordedAudio } from '../../lib/recorder.js';
import {
  COMPLIANCE_NOTE_MAX,
  CUSTOMER_NAME_MAX,
  PHONE_INPUT_MAX,
  charCount,
  complianceWordsFromError,
  mergeWords,
  noteWords,
  validateVisit,
  type FieldErrors,
} from '../../lib/visit-form.js';

const services = () => getApp<AppOption>().services();

Page({
  data: {
    blocker: '',
    loadError: '',
    ready: false,
    storeName: '',
    storeLine: '',
    question: '',
    questionCount: 0,
    maxQuestionChars: 0,
    customerName: '',
    customerPhone: '',
    complianceNote: '',
    noteWords: [] as string[],
    noteHint: '',
    errors: {} as FieldErrors,
    recording: false,
    audioText: '',
    recordLabel: MSG.recordHold as string,
    submitting: false,
    nameMax: CUSTOMER_NAME_MAX,
    phoneMax: PHONE_INPUT_MAX,
    noteMax: COMPLIANCE_NOTE_MAX,
  },

  // Instance state that the view does not render.
  token: '',
  config: null as MpConfigResponse | null,
  audio: null as VisitAudio | null,
  serverWords: [] as string[],

  onLoad(query: PageQuery) {
    const blocker = envBlocker(services().env);
    if (blocker) {
      this.setData({ blocker });
      return;
    }
    const token = tokenFromQuery(query);
    if (!token) {
      this.setData({ loadError: MSG.scanNotOurs });
      return;
    }
    this.token = token;
    services()
      .recorder()
      .setEndedEarlyListener((result) => this.acceptRecording(result));
    this.load();
  },

  onUnload() {
    if (!this.data.blocker) services().recorder().setEndedEarlyListener(null);
  },

  load() {
    const { api } = services();
    wx.showLoading({ title: MSG.loading });
    Promise.all([api.scan(this.token), api.config()])
      .then(([card, config]) => {
        this.config = config;
        this.setData({
          ready: true,
          loadError: '',
          storeName: card.store.name + (card.campaign ? ` · ${card.campaign}` : ''),
          storeLine: MSG.storeLine(card.todayVisits, card.myTodayVisits),
          maxQuestionChars: config.maxQuestionChars,
        });
      })
      .catch((err: unknown) => this.setData({ loadError: errorText(err) }))
      .then(() => wx.hideLoading());
  },

  onQuestionInput(e: WechatMiniprogram.Input) {
    const question = e.detail.value;
    this.setData({ question, questionCount: charCount(question), errors: { ...this.data.errors, question: '' } });
    this.refreshNote(question);
  },

  onNameInput(e: WechatMiniprogram.Input) {
    this.setData({ customerName: e.detail.value, errors: { ...this.data.errors, customerName: '' } });
  },

  onPhoneInput(e: WechatMiniprogram.Input) {
    this.setData({ customerPhone: e.detail.value, errors: { ...this.data.errors, customerPhone: '' } });
  },

  onNoteInput(e: WechatMiniprogram.Input) {
    this.setData({ complianceNote: e.detail.value, errors: { ...this.data.errors, complianceNote: '' } });
  },

  /** The note field shows as soon as a sensitive word is typed (or the server named one). */
  refreshNote(question: string) {
    if (!this.config) return;
    const words = noteWords(question, this.config, this.serverWords);
    this.setData({ noteWords: words, noteHint: words.length ? MSG.complianceNoteRequired(words) : '' });
  },

  onRecordStart() {
    services().recorder().start();
    this.setData({ recording: true, recordLabel: MSG.recordRelease });
  },

  onRecordEnd() {
    if (!this.data.recording) return;
    this.acceptRecording(services().recorder().stop());
  },

  acceptRecording(result: Promise<RecordedAudio>) {
    this.setData({ recording: false, recordLabel: MSG.recordHold });
    result
      .then((rec) => {
        this.audio = rec.audio;
        this.setData({
          audioText: MSG.voiceReady(Math.round(rec.durationMs / 1000)),
          errors: { ...this.data.errors, question: '' },
        });
      })
      .catch((err: unknown) => wx.showToast({ title: errorText(err), icon: 'none' }));
  },

  onClearAudio() {
    this.audio = null;
    this.setData({ audioText: '' });
  },

  onSubmit() {
    if (!this.config || this.data.submitting) return;
    const draft = {
      question: this.data.question,
      customerName: this.data.customerName,
      customerPhone: this.data.customerPhone,
      complianceNote: this.data.complianceNote,
      audio: this.audio,
    };
    const checked = validateVisit(this.token, draft, this.config, this.serverWords);
    if (!checked.ok) {
      this.setData({ errors: checked.errors, noteWords: checked.noteWords });
      return;
    }
    this.setData({ submitting: true });
    wx.showLoading({ title: MSG.submitting, mask: true });
    services()
      .api.createVisit(checked.request)
      .then((res) => {
        wx.hideLoading();
        services().lastVisit = res;
        wx.redirectTo({ url: `/pages/result/result?scene=${encodeURIComponent(this.token)}` });
      })
      .catch((err: unknown) => {
        wx.hideLoading();
        this.setData({ submitting: false });
        this.showSubmitError(err);
      });
  },

  /** The server is authoritative on sensitive words: its 422 opens the same note field. */
  showSubmitError(err: unknown) {
    const words = complianceWordsFromError(err);
    if (!words) {
      wx.showToast({ title: errorText(err), icon: 'none' });
      return;
    }
    this.serverWords = mergeWords(this.serverWords, words);
    const all = mergeWords(this.data.noteWords, this.serverWords);
    const hint = MSG.complianceNoteRequired(all);
    this.setData({ noteWords: all, noteHint: hint, errors: { ...this.data.errors, complianceNote: hint } });
  },
});
