// The little of Protocol Buffers the OMEMO messages use: unsigned varints (wire type 0) and
// length-delimited bytes (wire type 2). Fields are written in field-number order, as protobuf does.
import { concat, type Bytes } from './bytes.ts';
import { OmemoError } from './omemo-error.ts';

export type FieldValue = number | Uint8Array;

function varint(value: number): Bytes {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`not a uint32: ${value}`);
  const out: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Uint8Array.from(out);
}

/** Encodes `fields` (field number → uint32 or bytes); undefined values are left out. */
export function encodeMessage(fields: Record<number, FieldValue | undefined>): Bytes {
  const parts: Uint8Array[] = [];
  for (const [key, value] of Object.entries(fields).sort(([a], [b]) => Number(a) - Number(b))) {
    if (value === undefined) continue;
    const field = Number(key);
    if (typeof value === 'number') parts.push(varint(field * 8), varint(value));
    else parts.push(varint(field * 8 + 2), varint(value.length), value);
  }
  return concat(...parts);
}

/** Decodes a message into field number → last value; unknown wire types 1 and 5 are skipped. */
export function decodeMessage(bytes: Uint8Array): Map<number, FieldValue> {
  const fields = new Map<number, FieldValue>();
  let offset = 0;
  const readVarint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (offset >= bytes.length) break;
      const byte = bytes[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new OmemoError('bad-message', 'The message has a truncated or overlong number.');
  };
  while (offset < bytes.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (wireType === 0) fields.set(field, readVarint());
    else if (wireType === 2) {
      const length = readVarint();
      if (offset + length > bytes.length) throw new OmemoError('bad-message', 'The message is cut short.');
      fields.set(field, bytes.slice(offset, offset + length));
      offset += length;
    } else if (wireType === 1 || wireType === 5) offset += wireType === 1 ? 8 : 4;
    else throw new OmemoError('bad-message', `The message has an unknown wire type ${wireType}.`);
  }
  if (offset > bytes.length) throw new OmemoError('bad-message', 'The message is cut short.');
  return fields;
}

export function requireBytes(fields: Map<number, FieldValue>, field: number): Bytes {
  const value = fields.get(field);
  if (!(value instanceof Uint8Array)) throw new OmemoError('bad-message', `The message lacks its bytes field ${field}.`);
  return new Uint8Array(value);
}

export function requireNumber(fields: Map<number, FieldValue>, field: number): number {
  const value = fields.get(field);
  if (typeof value !== 'number' || value > 0xffffffff) throw new OmemoError('bad-message', `The message lacks its number field ${field}.`);
  return value;
}
