import { IndexFormatError } from './errors';
import { decodeText, encodeText } from './text-code';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Growable little-endian byte buffer with LEB128 varints. */
export class ByteWriter {
  private buf = new Uint8Array(1024);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  get length(): number {
    return this.pos;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  varint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`varint out of range: ${v}`);
    this.ensure(8);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  string(s: string): void {
    const b = encoder.encode(s);
    this.varint(b.length);
    this.bytes(b);
  }

  /** A string in the text code (see `text-code.ts`), prefixed by its byte length. */
  text(s: string): void {
    const b = encodeText(s);
    this.varint(b.length);
    this.bytes(b);
  }

  /** Empties the buffer for reuse, keeping its capacity. */
  reset(): void {
    this.pos = 0;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Reader matching {@link ByteWriter}; every read is bounds-checked so a truncated file fails loudly. */
export class ByteReader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly file: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  private fail(reason: string): never {
    throw new IndexFormatError(this.file, `${reason} at byte ${this.pos}`);
  }

  u8(): number {
    if (this.pos >= this.buf.length) this.fail('unexpected end of file');
    return this.buf[this.pos++]!;
  }

  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 0x80;
    }
    this.fail('varint too long');
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) this.fail(`needs ${n} more bytes`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const n = this.varint();
    try {
      return decoder.decode(this.bytes(n));
    } catch (e) {
      if (e instanceof IndexFormatError) throw e;
      this.fail('invalid UTF-8 string');
    }
  }

  /** A string written by {@link ByteWriter.text}. */
  text(): string {
    const n = this.varint();
    const start = this.pos;
    return decodeText(this.bytes(n), this.file, start);
  }

  magic(expected: string): void {
    const got = String.fromCharCode(...this.bytes(expected.length));
    if (got !== expected) this.fail(`expected magic "${expected}", found "${got}"`);
  }
}
