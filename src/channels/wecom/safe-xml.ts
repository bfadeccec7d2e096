// Hardened XML reading for WeCom callbacks: no DTDs, no entity expansion, every value a string.
// WeCom payloads are flat `<xml>` documents (WC/90930, WC/90376); anything else is a bad envelope.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WecomCallbackError } from './crypto.js';

export type XmlRoot = Record<string, unknown>;

const CDATA = '#cdata';

// parseTagValue off: MsgId is a 64-bit integer and would lose precision as a JS number.
// processEntities off: the parser never expands entities; the five predefined ones and
// character references in bare text are decoded below, CDATA is taken verbatim.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  cdataPropName: CDATA,
});

/** Parses a WeCom XML document and returns the children of its `<xml>` root. */
export function readXmlRoot(text: string): XmlRoot {
  if (typeof text !== 'string' || text.length === 0) throw badXml('Empty XML body');
  // Rejected before parsing so no DTD/entity handling path is ever reached (XXE, billion laughs).
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw badXml('XML with DOCTYPE/ENTITY is not accepted');
  if (XMLValidator.validate(text) !== true) throw badXml('Malformed XML');
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (cause) {
    throw badXml('Malformed XML', cause);
  }
  if (!isRecord(doc) || Object.keys(doc).length !== 1 || !isRecord(doc['xml'])) {
    throw badXml('Expected a single <xml> root element');
  }
  return doc['xml'];
}

/** Text of a direct child element; undefined when absent. Repeated or nested elements are rejected. */
export function optionalText(root: XmlRoot, name: string): string | undefined {
  if (!Object.hasOwn(root, name)) return undefined;
  const value = root[name];
  if (typeof value === 'string') return decodeEntities(value);
  if (isRecord(value) && Object.keys(value).length === 1) {
    const cdata = value[CDATA];
    if (typeof cdata === 'string') return cdata;
    // A CDATA section containing "]]>" is split into several sections by the writer.
    if (Array.isArray(cdata) && cdata.every((c) => typeof c === 'string')) return cdata.join('');
  }
  throw badXml(`<${name}> is not a single text element`);
}

export function requiredText(root: XmlRoot, name: string): string {
  const value = optionalText(root, name);
  if (value === undefined || value === '') throw badXml(`<${name}> is missing`);
  return value;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, ref: string) => {
    switch (ref) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function badXml(message: string, cause?: unknown): WecomCallbackError {
  return new WecomCallbackError('wecom_bad_envelope', message, { cause });
}
