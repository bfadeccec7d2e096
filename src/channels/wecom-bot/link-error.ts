// The one error reply/send/upload on the WeCom AI-bot link throw. The SDK rejects an errcode≠0 ack with the ack
// frame itself (not an Error) and everything else with plain Errors told apart only by message (design §2 quirks 1–2).

export type WecomBotErrorKind = 'not_linked' | 'timeout' | 'refused';

export class WecomBotError extends Error {
  override readonly name = 'WecomBotError';
  constructor(
    /** not_linked: nothing was sent; timeout: sent, outcome unknown; refused: WeCom answered errcode ≠ 0. */
    readonly kind: WecomBotErrorKind,
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Normalises a rejection from WSClient.reply/sendMessage into a WecomBotError. */
export function toWecomBotError(e: unknown, what: string): WecomBotError {
  if (e instanceof WecomBotError) return e;
  if (typeof e === 'object' && e !== null && !(e instanceof Error)) {
    const ack = e as { errcode?: unknown; errmsg?: unknown };
    if (typeof ack.errcode === 'number') {
      return new WecomBotError('refused', ack.errcode, `${what} refused: errcode ${ack.errcode} ${String(ack.errmsg ?? '').slice(0, 200)}`.trim());
    }
  }
  const message = e instanceof Error ? e.message : String(e);
  // "WebSocket not connected, unable to send data" / "Reply queue … exceeds max size": the frame never left.
  if (/not connected|exceeds max size/i.test(message)) return new WecomBotError('not_linked', null, `${what}: ${message}`);
  // "Reply ack timeout (5000ms)", also what a refusal without req_id turns into; or the socket closed while
  // the ack was awaited ("… cancelled"): sent or not, nobody knows.
  return new WecomBotError('timeout', null, `${what}: ${message}`);
}
