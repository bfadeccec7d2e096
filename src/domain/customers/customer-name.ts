// What a typed customer name (rename, API, correction) must look like before it is stored (pure).

export const MAX_CUSTOMER_NAME = 64;
/** The recogniser never matches a key shorter than two characters, so such a name could not be found again. */
const MIN_CUSTOMER_NAME = 2;

/** Trims the name and the quotes and punctuation around it; null when it cannot be a customer name. */
export function cleanCustomerName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.normalize('NFC').replace(/^[\s"'“”‘’「」『』《》【】:：,，。.!！?？、]+|[\s"'“”‘’「」『』《》【】:：,，。.!！?？、~～]+$/gu, '');
  const length = Array.from(name).length;
  return length >= MIN_CUSTOMER_NAME && length <= MAX_CUSTOMER_NAME ? name : null;
}
