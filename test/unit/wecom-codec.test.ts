// WeCom codec: envelope/GET verification with official vectors (platforms.md §1.5), the freshness
// window, XML hardening, and decrypted-XML fixtures (§1.6) → InboundEvent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEncryptedCallback, buildVerifyUrlQuery } from '../../src/channels/wecom/callback-builder.js';
import { decodeMessage, openCallback, parseEnvelope, verifyUrl } from '../../src/channels/wecom/codec.js';
import { createWecomCrypto, WecomCallbackError, type WecomErrorCode } from '../../src/channels/wecom/crypto.js';

const cryptoA = createWecomCrypto({
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  receiveId: 'ww1436e0e65a779aee',
});
const cryptoB = createWecomCrypto({
  token: '123456',
  encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  receiveId: 'wx49f0ab532d5d035a',
});

const A2 = {
  msgSignature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
  timestamp: '1476422779',
  nonce: '1597212914',
  body: '<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>',
};
const A2_PLAINTEXT = fixture('text-bare.xml');
const B2_ENCRYPT =
  'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/wecom/${name}`, import.meta.url), 'utf8');
}

function at(timestamp: string | number, maxSkewSeconds = 300) {
  return { now: new Date(Number(timestamp) * 1000), maxSkewSeconds };
}

function expectWecomError(fn: () => unknown, code: WecomErrorCode): WecomCallbackError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WecomCallbackError);
    expect((e as WecomCallbackError).code).toBe(code);
    return e as WecomCallbackError;
  }
  throw new Error(`expected ${code}`);
}

describe('verifyUrl (GET)', () => {
  it('A1: returns the plaintext echo', () => {
    const req = {
      msgSignature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
      timestamp: '1476416373',
      nonce: '47744683',
      echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
    };
    expect(verifyUrl(cryptoA, req, at(req.timestamp))).toBe('1288432023552776189');
  });

  it('B1: returns the echo; the off-by-one nonce is a bad signature', () => {
    const req = {
      msgSignature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
      timestamp: '1411443780',
      nonce: '437374425',
      echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
    };
    expect(verifyUrl(cryptoB, req, at(req.timestamp))).toBe('5927782489442352469');
    const err = expectWecomError(() => verifyUrl(cryptoB, { ...req, nonce: '437374424' }, at(req.timestamp)), 'wecom_bad_signature');
    expect(err.status).toBe(401);
  });

  it('rejects a missing echostr', () => {
    const req = { msgSignature: 'x', timestamp: '1', nonce: '1', echostr: '' };
    expectWecomError(() => verifyUrl(cryptoA, req, at(1)), 'wecom_bad_envelope');
  });

  it('round-trips the builder used by the simulator', () => {
    const { query } = buildVerifyUrlQuery(cryptoA, '42', { timestamp: 1718000000, nonce: 'n1' });
    const req = { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce, echostr: query.echostr };
    expect(verifyUrl(cryptoA, req, at(1718000000))).toBe('42');
  });
});

describe('openCallback (POST)', () => {
  it('A2: verifies and decrypts the official pad-22 sample', () => {
    expect(openCallback(cryptoA, A2, at(A2.timestamp))).toBe(A2_PLAINTEXT);
  });

  it('B2: verifies and decrypts the wechatpy sample; MsgId keeps all 64 bits', () => {
    const body = `<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName><Encrypt><![CDATA[${B2_ENCRYPT}]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>`;
    const req = { msgSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d', timestamp: '1411525903', nonce: '461056294', body };
    const event = decodeMessage(openCallback(cryptoB, req, at(req.timestamp)));
    expect(event).toMatchObject({ type: 'text', text: 'test', senderId: 'messense', dedupeKey: 'msg:4363689963896700987' });
  });

  it('B3 through the builder: exact Encrypt and msg_signature', () => {
    const plaintext =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const built = buildEncryptedCallback(cryptoB, plaintext, {
      timestamp: 1411525903,
      nonce: '461056294',
      random: Buffer.from('1234567890123456'),
    });
    expect(built.query).toEqual({ msg_signature: '407518b7649e86ef23978113f92d27afa9296533', timestamp: '1411525903', nonce: '461056294' });
    expect(parseEnvelope(built.body)).toEqual({
      toUserName: 'wx49f0ab532d5d035a',
      encrypt:
        '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
      agentId: '1',
    });
  });

  it('round-trips a fixture through the builder', () => {
    const xml = fixture('template-card-event.xml');
    const { query, body } = buildEncryptedCallback(cryptoA, xml, { timestamp: '1718000120', nonce: 'abc' });
    const req = { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce, body };
    expect(openCallback(cryptoA, req, at(1718000120))).toBe(xml);
    expect(parseEnvelope(body).agentId).toBe('1000002');
  });

  it('a tampered Encrypt fails the signature before any decryption', () => {
    const body = A2.body.replace('Kl7kjo', 'Kl7kjp');
    expectWecomError(() => openCallback(cryptoA, { ...A2, body }, at(A2.timestamp)), 'wecom_bad_signature');
  });

  it('a callback for another corp is a receiveid mismatch', () => {
    const other = createWecomCrypto({
      token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
      encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
      receiveId: 'ww0000000000000000',
    });
    expectWecomError(() => openCallback(other, A2, at(A2.timestamp)), 'wecom_receiveid_mismatch');
  });
});

describe('freshness window', () => {
  it('accepts the edges of the window and rejects one second beyond', () => {
    const ts = Number(A2.timestamp);
    expect(openCallback(cryptoA, A2, at(ts + 300))).toBe(A2_PLAINTEXT);
    expect(openCallback(cryptoA, A2, at(ts - 300))).toBe(A2_PLAINTEXT);
    expectWecomError(() => openCallback(cryptoA, A2, at(ts + 301)), 'wecom_stale_timestamp');
    expectWecomError(() => openCallback(cryptoA, A2, at(ts - 301)), 'wecom_stale_timestamp');
  });

  it('treats a correctly signed non-numeric timestamp as stale', () => {
    for (const timestamp of ['abc', '', '1e9', '-1476422779', ' 1476422779']) {
      const { query, body } = buildEncryptedCallback(cryptoA, A2_PLAINTEXT, { timestamp, nonce: 'n' });
      const req = { msgSignature: query.msg_signature, timestamp, nonce: 'n', body };
      expectWecomError(() => openCallback(cryptoA, req, at(A2.timestamp)), 'wecom_stale_timestamp');
    }
  });

  it('checks the signature first: a forged stale request reports bad signature', () => {
    const forged = { ...A2, msgSignature: '0'.repeat(40) };
    expectWecomError(() => openCallback(cryptoA, forged, at(0)), 'wecom_bad_signature');
  });

  it('fails closed when the window is not a usable number', () => {
    for (const maxSkewSeconds of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
      const opts = { now: new Date(Number(A2.timestamp) * 1000), maxSkewSeconds };
      expectWecomError(() => openCallback(cryptoA, A2, opts), 'wecom_bad_config');
    }
  });
});

describe('envelope and XML hardening', () => {
  it('parses the A2 envelope (CDATA) and a bare-text one', () => {
    expect(parseEnvelope(A2.body)).toMatchObject({ toUserName: 'ww1436e0e65a779aee', agentId: '1000002' });
    expect(parseEnvelope('<xml><ToUserName>ww1</ToUserName><Encrypt>abc=</Encrypt></xml>')).toEqual({
      toUserName: 'ww1',
      encrypt: 'abc=',
      agentId: null,
    });
  });

  it.each([
    ['DOCTYPE', '<!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>&x;</Encrypt></xml>'],
    ['lower-case doctype', '<!doctype xml><xml><Encrypt>abc</Encrypt></xml>'],
    ['ENTITY alone', '<xml><!ENTITY x SYSTEM "file:///etc/passwd"><Encrypt>abc</Encrypt></xml>'],
    ['missing Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['empty Encrypt', '<xml><Encrypt><![CDATA[]]></Encrypt></xml>'],
    ['repeated Encrypt', '<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>'],
    ['nested Encrypt', '<xml><Encrypt><a>b</a></Encrypt></xml>'],
    ['unclosed tag', '<xml><Encrypt>abc</Encrypt>'],
    ['mismatched tag', '<xml><Encrypt>abc</Encrypt></XML>'],
    ['a second root', '<xml><Encrypt>abc</Encrypt></xml><xml><Encrypt>def</Encrypt></xml>'],
    ['another root name', '<root><Encrypt>abc</Encrypt></root>'],
    ['not XML', 'Encrypt=abc'],
    ['empty body', ''],
    ['prototype-polluting tag', '<xml><__proto__><Encrypt>x</Encrypt></__proto__><Encrypt>a</Encrypt></xml>'],
  ])('rejects %s as a bad envelope', (_label, body) => {
    expectWecomError(() => parseEnvelope(body), 'wecom_bad_envelope');
  });

  it('rejects DOCTYPE before the signature is even considered', () => {
    const body = `<!DOCTYPE x>${A2.body}`;
    expectWecomError(() => openCallback(cryptoA, { ...A2, body }, at(A2.timestamp)), 'wecom_bad_envelope');
  });

  it.each(['@all', 'a|b', 'zhang san', ''])('refuses a sender that is not one UserID (%s): a reply would broadcast', (sender) => {
    const xml = fixture('text-cdata.xml').replace(/<FromUserName><!\[CDATA\[[^\]]*\]\]><\/FromUserName>/, `<FromUserName><![CDATA[${sender}]]></FromUserName>`);
    expectWecomError(() => decodeMessage(xml), 'wecom_bad_envelope');
  });

  it('rejects DOCTYPE/ENTITY inside decrypted XML too', () => {
    const xml = fixture('text-cdata.xml').replace('<xml>', '<!DOCTYPE xml [<!ENTITY e "boom">]><xml>');
    expectWecomError(() => decodeMessage(xml), 'wecom_bad_envelope');
    expectWecomError(() => decodeMessage(fixture('text-cdata.xml').replace('</xml>', '<!ENTITY e "x"></xml>')), 'wecom_bad_envelope');
  });
});

describe('decodeMessage', () => {
  const base = { channel: 'wecom', orgId: 'ww1436e0e65a779aee', senderId: 'ZhangWei', chatId: null };

  it('text with CDATA keeps markup-like content verbatim and MsgId as a string', () => {
    expect(decodeMessage(fixture('text-cdata.xml'))).toEqual({
      ...base,
      type: 'text',
      text: '今天拜访了华东医疗王总，对方要报价 <A&B> 方案',
      dedupeKey: 'msg:7379283847182948353',
      conversationKey: 'wecom:ww1436e0e65a779aee:ZhangWei',
      sentAt: new Date(1718000000 * 1000),
    });
  });

  it('text without CDATA (the decrypted A2 sample)', () => {
    expect(decodeMessage(A2_PLAINTEXT)).toEqual({
      channel: 'wecom',
      orgId: 'ww1436e0e65a779aee',
      senderId: 'ChenJiaShun',
      chatId: null,
      type: 'text',
      text: '你好',
      dedupeKey: 'msg:1456453720',
      conversationKey: 'wecom:ww1436e0e65a779aee:ChenJiaShun',
      sentAt: new Date('2016-10-14T05:26:19Z'),
    });
  });

  it('bare text decodes XML entities once; CDATA does not', () => {
    const bare = A2_PLAINTEXT.replace('你好', 'A &amp; B &lt;1&gt; &#20320;&#x597D; &amp;lt;');
    expect(decodeMessage(bare)).toMatchObject({ text: 'A & B <1> 你好 &lt;' });
    const cdata = A2_PLAINTEXT.replace('你好', '<![CDATA[A &amp; B]]>');
    expect(decodeMessage(cdata)).toMatchObject({ text: 'A &amp; B' });
  });

  it('voice: media id and format, no recognition in WeCom app voice', () => {
    expect(decodeMessage(fixture('voice.xml'))).toMatchObject({
      ...base,
      type: 'voice',
      mediaId: '1J03J9Hb2gbU4NjW2UjgXkIM3Nv4QKpCX0-vRtsPWbHYXPw0QHe7AcQKyQbF2XhUZ',
      format: 'amr',
      recognition: null,
      dedupeKey: 'msg:7379283847182948354',
    });
    const withAsr = fixture('voice.xml').replace('</Format>', '</Format>\n<Recognition><![CDATA[明天见客户]]></Recognition>');
    expect(decodeMessage(withAsr)).toMatchObject({ type: 'voice', recognition: '明天见客户' });
  });

  it('template_card_event → card_action with task, key and response code', () => {
    expect(decodeMessage(fixture('template-card-event.xml'))).toEqual({
      ...base,
      type: 'card_action',
      taskId: 'stage-8f3a2c',
      actionKey: 'stage_confirm',
      responseCode: 'QyqjsLb2aS3Jx2tKnu7KGW8yw4ODSwbIW2iRwJ2hK_E',
      dedupeKey: 'evt:ZhangWei:1718000120:template_card_event:stage-8f3a2c:stage_confirm',
      conversationKey: 'wecom:ww1436e0e65a779aee:ZhangWei',
      sentAt: new Date(1718000120 * 1000),
    });
    const noCode = fixture('template-card-event.xml').replace(/<ResponseCode>.*<\/ResponseCode>\n/, '');
    expect(decodeMessage(noCode)).toMatchObject({ type: 'card_action', responseCode: null });
  });

  it('two taps in the same second on different buttons get different dedupe keys', () => {
    const a = decodeMessage(fixture('template-card-event.xml'));
    const b = decodeMessage(fixture('template-card-event.xml').replace('stage_confirm', 'stage_reject'));
    expect(a.dedupeKey).not.toBe(b.dedupeKey);
  });

  it('enter_agent → enter_chat', () => {
    expect(decodeMessage(fixture('enter-agent.xml'))).toMatchObject({
      ...base,
      type: 'enter_chat',
      dedupeKey: 'evt:ZhangWei:1718000180:enter_agent:',
    });
  });

  it('image → unsupported, deduped by MsgId', () => {
    expect(decodeMessage(fixture('image.xml'))).toMatchObject({
      ...base,
      type: 'unsupported',
      platformType: 'image',
      dedupeKey: 'msg:7379283847182948355',
    });
  });

  it('LOCATION event → unsupported', () => {
    expect(decodeMessage(fixture('location-event.xml'))).toMatchObject({
      ...base,
      type: 'unsupported',
      platformType: 'event:LOCATION',
      dedupeKey: 'evt:ZhangWei:1718000300:LOCATION:',
    });
  });

  it('change_external_contact events are told apart by customer', () => {
    const xml = (ext: string) =>
      `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[${ext}]]></ExternalUserID></xml>`;
    expect(decodeMessage(xml('wmA')).dedupeKey).toBe('evt:sys:1403610513:change_external_contact:add_external_contact:zhangsan:wmA');
    expect(decodeMessage(xml('wmB')).dedupeKey).not.toBe(decodeMessage(xml('wmA')).dedupeKey);
  });

  it.each(['FromUserName', 'ToUserName', 'CreateTime', 'MsgType'])('rejects a message without %s', (field) => {
    const xml = fixture('text-cdata.xml').replace(new RegExp(`<${field}>.*</${field}>\\n`), '');
    expect(xml).not.toContain(`<${field}>`);
    expectWecomError(() => decodeMessage(xml), 'wecom_bad_envelope');
  });

  it('rejects a non-numeric CreateTime, a text without MsgId and malformed XML', () => {
    expectWecomError(() => decodeMessage(A2_PLAINTEXT.replace('1476422779', 'yesterday')), 'wecom_bad_envelope');
    expectWecomError(() => decodeMessage(A2_PLAINTEXT.replace('<MsgId>1456453720</MsgId>', '')), 'wecom_bad_envelope');
    expectWecomError(() => decodeMessage(A2_PLAINTEXT.slice(0, -3)), 'wecom_bad_envelope');
  });
});
