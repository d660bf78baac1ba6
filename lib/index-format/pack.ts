import { IndexFormatError } from './errors';
import { seal, TRAILER_LENGTH, unseal } from './files';

/**
 * Packs: many small files of a segment stored in one, read with HTTP Range requests, so that an index
 * of 100,000 articles is thousands of files, not tens of thousands (free static hosts take 20,000 per
 * site). Fragment groups and position shards are packed, {@link PACK_MEMBERS} consecutive ones to a
 * pack: member `i` of a kind lives in pack `floor(i / PACK_MEMBERS)`, at slot `i % PACK_MEMBERS`.
 *
 * A pack is a header, then its members back to back. Each member is byte for byte the file it replaces
 * (sealed, then gzipped; see files.ts), so a member read is checked against its own hash before it is
 * decoded. The header is `BNSK`, a layout byte, the member count n as u32 and the n + 1 offsets of
 * the members' starts and the pack's end as u32 (little-endian), sealed with its own trailer and not
 * compressed: its length follows from n alone, so a reader asks for it without knowing anything else.
 *
 * Term shards are not packed: a query reads them first, and a pack's header would cost it a round trip
 * before its postings. A fragment read pays that round trip (header, then the member); a position read
 * does not, as the engine asks for the header while the term shard loads.
 */
export const PACK_MEMBERS = 64;

const MAGIC = 'BNSK';
/** The header's layout: the writer names it in a segment's hash, so a pack of another layout is another segment. */
export const PACK_LAYOUT = 1;
const LAYOUT = PACK_LAYOUT;

/** The pack holding fragment groups `p·PACK_MEMBERS …`. */
export function fragmentPackFile(p: number): string {
  return `frag-pack-${p}.bin`;
}

/** The pack holding position shards `p·PACK_MEMBERS …`. */
export function positionPackFile(p: number): string {
  return `pos-pack-${p}.bin`;
}

/** How errors name member `file` of pack `pack` in folder `dir`: the pack's path, and the file the member stands for. */
export function packedLabel(dir: string, pack: string, file: string): string {
  return `${dir}/${pack} (${file})`;
}

/** Where member `i` lives: its pack's number and its slot in that pack. */
export function packSlot(i: number): { pack: number; slot: number } {
  return { pack: Math.floor(i / PACK_MEMBERS), slot: i % PACK_MEMBERS };
}

/** Packs holding `count` members. */
export function packCount(count: number): number {
  return Math.ceil(count / PACK_MEMBERS);
}

/** Members of pack `p` when a kind has `count` members: PACK_MEMBERS but in the last pack. */
export function membersOfPack(p: number, count: number): number {
  return Math.max(0, Math.min(PACK_MEMBERS, count - p * PACK_MEMBERS));
}

/** Bytes of the header of a pack of `n` members, the range a reader asks for first. */
export function packHeaderLength(n: number): number {
  return MAGIC.length + 1 + 4 + 4 * (n + 1) + TRAILER_LENGTH;
}

/** A pack file: the sealed header, then `members` (stored files, as {@link packFile} makes them) back to back. */
export function encodePack(members: readonly Uint8Array[]): Uint8Array {
  const n = members.length;
  if (n < 1 || n > PACK_MEMBERS) throw new RangeError(`a pack holds 1 to ${PACK_MEMBERS} members, not ${n}`);
  const headerLength = packHeaderLength(n);
  const payload = new Uint8Array(headerLength - TRAILER_LENGTH);
  const view = new DataView(payload.buffer);
  for (let i = 0; i < MAGIC.length; i++) payload[i] = MAGIC.charCodeAt(i);
  payload[MAGIC.length] = LAYOUT;
  view.setUint32(MAGIC.length + 1, n, true);
  let at = headerLength;
  for (let i = 0; i <= n; i++) {
    view.setUint32(MAGIC.length + 5 + 4 * i, at, true);
    at += members[i]?.length ?? 0;
  }
  if (at > 0xffffffff) throw new RangeError(`a pack must stay under 4 GB, these members take ${at} bytes`);
  const out = new Uint8Array(at);
  out.set(seal(payload));
  let pos = headerLength;
  for (const m of members) {
    out.set(m, pos);
    pos += m.length;
  }
  return out;
}

/**
 * Checks a pack's header (the first {@link packHeaderLength}(n) bytes) and returns the n + 1 offsets of
 * its members' starts and its end.
 * @throws {IndexCorruptError} naming `file` when the header's hash disagrees (a truncated or damaged read).
 * @throws {IndexFormatError} naming `file` when it is not the header of a pack of `n` members.
 */
export function decodePackHeader(bytes: Uint8Array, file: string, n: number): Uint32Array {
  const expected = packHeaderLength(n);
  if (bytes.length !== expected)
    throw new IndexFormatError(file, `pack header is ${bytes.length} bytes, expected ${expected} for ${n} members (a truncated read)`);
  const payload = unseal(bytes, file);
  const got = String.fromCharCode(...payload.subarray(0, MAGIC.length));
  if (got !== MAGIC) throw new IndexFormatError(file, `expected magic "${MAGIC}", found "${got}"`);
  if (payload[MAGIC.length] !== LAYOUT) throw new IndexFormatError(file, `has pack layout ${payload[MAGIC.length]}; this code reads layout ${LAYOUT}`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const count = view.getUint32(MAGIC.length + 1, true);
  if (count !== n) throw new IndexFormatError(file, `holds ${count} members; the manifest says ${n}`);
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = view.getUint32(MAGIC.length + 5 + 4 * i, true);
  if (offsets[0] !== expected) throw new IndexFormatError(file, `its first member starts at ${offsets[0]}, not after the header at ${expected}`);
  for (let i = 0; i < n; i++)
    if (offsets[i + 1]! <= offsets[i]!)
      throw new IndexFormatError(file, `member ${i} would run from byte ${offsets[i]} to ${offsets[i + 1]}: members are never empty`);
  return offsets;
}
