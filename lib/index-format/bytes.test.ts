import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './bytes';
import { encodeText } from './text-code';
import { formatError } from './test-support';

describe('ByteWriter / ByteReader varints', () => {
  const cases: [number, number][] = [
    [0, 1],
    [1, 1],
    [127, 1],
    [128, 2],
    [16383, 2],
    [16384, 3],
    [2 ** 21 - 1, 3],
    [2 ** 21, 4],
    [2 ** 32 - 1, 5],
    [2 ** 32, 5],
    [2 ** 49 - 1, 7],
    [2 ** 49, 8],
    [Number.MAX_SAFE_INTEGER, 8],
  ];

  it.each(cases)('round-trips %d in %d bytes', (v, size) => {
    const w = new ByteWriter();
    w.varint(v);
    expect(w.length).toBe(size);
    const r = new ByteReader(w.finish(), 'v.bin');
    expect(r.varint()).toBe(v);
    expect(r.done).toBe(true);
  });

  it('writes LEB128, little-endian groups of 7 bits', () => {
    const w = new ByteWriter();
    w.varint(300);
    expect([...w.finish()]).toEqual([0xac, 0x02]);
  });

  it.each([[-1], [1.5], [NaN], [Infinity], [2 ** 53]])('rejects %d', (v) => {
    const w = new ByteWriter();
    expect(() => w.varint(v)).toThrow(new RangeError(`varint out of range: ${v}`));
    expect(w.length).toBe(0);
  });

  it('fails on a varint longer than 8 bytes', () => {
    const bytes = new Uint8Array(9).fill(0x80);
    const e = formatError(() => new ByteReader(bytes, 'long.bin').varint());
    expect(e.message).toBe('long.bin: varint too long at byte 8');
    expect(e.file).toBe('long.bin');
  });

  it('fails on a varint cut short', () => {
    const e = formatError(() => new ByteReader(new Uint8Array([0x80, 0x80]), 'cut.bin').varint());
    expect(e.message).toBe('cut.bin: unexpected end of file at byte 2');
  });
});

describe('ByteWriter / ByteReader', () => {
  it('round-trips bytes, u8 and UTF-8 strings', () => {
    const w = new ByteWriter();
    w.u8(7);
    w.u8(0x1ff); // masked to one byte
    w.string('交通银行 ccb 😀');
    w.string('');
    w.bytes(new Uint8Array([1, 2, 3]));
    const r = new ByteReader(w.finish(), 'x.bin');
    expect(r.u8()).toBe(7);
    expect(r.u8()).toBe(0xff);
    expect(r.string()).toBe('交通银行 ccb 😀');
    expect(r.string()).toBe('');
    expect([...r.bytes(3)]).toEqual([1, 2, 3]);
    expect(r.done).toBe(true);
  });

  it('round-trips strings in the text code, prefixed by their byte length', () => {
    const w = new ByteWriter();
    w.u8(1);
    w.text('交通银行 ccb 😀');
    w.text('');
    const bytes = w.finish();
    expect(bytes[1]).toBe(encodeText('交通银行 ccb 😀').length);
    const r = new ByteReader(bytes, 'x.bin');
    r.u8();
    expect(r.text()).toBe('交通银行 ccb 😀');
    expect(r.text()).toBe('');
    expect(r.done).toBe(true);
  });

  it('reports a text code error at its byte in the file, not in the string', () => {
    const w = new ByteWriter();
    w.u8(9);
    w.u8(9);
    w.varint(2);
    w.bytes(new Uint8Array([0x61, 0xf7]));
    const r = new ByteReader(w.finish(), 't.bin');
    r.u8();
    r.u8();
    expect(formatError(() => r.text()).message).toBe('t.bin: text code cut short at byte 4');
  });

  it('grows past its initial capacity', () => {
    const w = new ByteWriter();
    const big = new Uint8Array(5000).map((_, i) => i & 0xff);
    w.u8(1);
    w.bytes(big);
    for (let i = 0; i < 3000; i++) w.varint(i * 1000);
    const r = new ByteReader(w.finish(), 'big.bin');
    expect(r.u8()).toBe(1);
    expect([...r.bytes(5000)]).toEqual([...big]);
    for (let i = 0; i < 3000; i++) expect(r.varint()).toBe(i * 1000);
    expect(r.done).toBe(true);
  });

  it('reset empties the buffer; finish returns a copy', () => {
    const w = new ByteWriter();
    w.varint(1000);
    const first = w.finish();
    w.reset();
    expect(w.length).toBe(0);
    w.u8(9);
    expect([...w.finish()]).toEqual([9]);
    expect([...first]).toEqual([0xe8, 0x07]);
  });

  it('reports reads past the end with the file name and byte offset', () => {
    expect(formatError(() => new ByteReader(new Uint8Array(0), 'e.bin').u8()).message).toBe('e.bin: unexpected end of file at byte 0');
    const r = new ByteReader(new Uint8Array([1, 2]), 'e.bin');
    r.u8();
    expect(formatError(() => r.bytes(5)).message).toBe('e.bin: needs 5 more bytes at byte 1');
  });

  it('reports a string longer than the data', () => {
    const w = new ByteWriter();
    w.varint(10);
    w.u8(0x61);
    expect(formatError(() => new ByteReader(w.finish(), 's.bin').string()).message).toBe('s.bin: needs 10 more bytes at byte 1');
  });

  it('reports invalid UTF-8', () => {
    const w = new ByteWriter();
    w.varint(2);
    w.bytes(new Uint8Array([0xff, 0xfe]));
    expect(formatError(() => new ByteReader(w.finish(), 's.bin').string()).message).toBe('s.bin: invalid UTF-8 string at byte 3');
  });

  it('checks magic', () => {
    const r = new ByteReader(new TextEncoder().encode('BNSSx'), 'm.bin');
    r.magic('BNSS');
    expect(r.pos).toBe(4);
    expect(formatError(() => new ByteReader(new TextEncoder().encode('ABCD'), 'm.bin').magic('BNSS')).message).toBe(
      'm.bin: expected magic "BNSS", found "ABCD" at byte 4',
    );
    expect(formatError(() => new ByteReader(new TextEncoder().encode('BN'), 'm.bin').magic('BNSS')).message).toBe('m.bin: needs 4 more bytes at byte 0');
  });
});
