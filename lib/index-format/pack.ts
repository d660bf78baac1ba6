import { ByteReader, ByteWriter } from './bytes';
import { IndexCorruptError, IndexFormatError } from './errors';
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
 * Fragment packs are slotted ({@link SLOTTED_PACK_LAYOUT}): each member sits in a slot of whole
 * {@link SLOT_BLOCK}-byte blocks, behind its length, so that a reader who knows the slots' sizes (the rank
 * file carries them, see columns.ts) asks for a member's range at once, without the header's round trip.
 *
 * Term shards are not packed: a query reads them first, and a pack's header would cost it a round trip
 * before its postings. A position read does not pay for its pack's header either, as the engine asks for
 * it while the term shard loads.
 */
export const PACK_MEMBERS = 64;

const MAGIC = 'BNSK';
/** Members back to back, each its own range (position packs). The writer names a pack's layout in a segment's hash, so a pack of another layout is another segment. */
export const PACK_LAYOUT = 1;
/** Each member in a slot: its length as a varint, the member, zeros to the end of the slot's last {@link SLOT_BLOCK}-byte block (fragment packs). */
export const SLOTTED_PACK_LAYOUT = 2;

/** Pack layouts this code reads. */
export type PackLayout = typeof PACK_LAYOUT | typeof SLOTTED_PACK_LAYOUT;

/**
 * Slots are whole blocks of this many bytes: the coarser, the fewer bits a slot's size costs in the rank
 * file, and the more padding on disk (about half a block a member: 1.3 MB at 20,000 articles).
 */
export const SLOT_BLOCK = 128;

function varintLength(n: number): number {
  let k = 1;
  for (let v = n; v >= 0x80; v = Math.floor(v / 0x80)) k++;
  return k;
}

/** Blocks of the slot that holds a stored member of `memberLength` bytes in a slotted pack. */
export function slotBlocks(memberLength: number): number {
  return Math.ceil((varintLength(memberLength) + memberLength) / SLOT_BLOCK);
}

function slotted(member: Uint8Array): Uint8Array {
  const length = new ByteWriter();
  length.varint(member.length);
  const out = new Uint8Array(slotBlocks(member.length) * SLOT_BLOCK);
  out.set(length.finish());
  out.set(member, length.length);
  return out;
}

/**
 * The stored member in `slot`, the bytes of one slot of a slotted pack (its length, the member, padding).
 * @throws {IndexCorruptError} naming `file` when the length does not fit the slot or the padding is not
 * zeros: a damaged read, or the range of another slot.
 */
export function memberOfSlot(slot: Uint8Array, file: string): Uint8Array {
  const r = new ByteReader(slot, file);
  let length: number;
  try {
    length = r.varint();
  } catch (e) {
    // Bytes that a damaged read cut or changed: corrupt, so read again, not a layout to refuse.
    if (e instanceof IndexFormatError) throw new IndexCorruptError(file, `slot of ${slot.length} bytes has no member length`);
    throw e;
  }
  const at = r.pos;
  const end = at + length;
  if (length === 0 || end > slot.length || slot.length - end >= SLOT_BLOCK)
    throw new IndexCorruptError(file, `slot of ${slot.length} bytes says its member takes ${length} (a damaged read, or another slot's range)`);
  for (let i = end; i < slot.length; i++)
    if (slot[i] !== 0)
      throw new IndexCorruptError(file, `slot of ${slot.length} bytes has data after its member of ${length} (a damaged read, or another slot's range)`);
  return slot.subarray(at, end);
}

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

/**
 * A pack file: the sealed header, then `members` (stored files, as {@link packFile} makes them) back to back,
 * each alone ({@link PACK_LAYOUT}) or in its slot ({@link SLOTTED_PACK_LAYOUT}); the header's offsets are
 * where each member's range (its slot's) starts.
 */
export function encodePack(stored: readonly Uint8Array[], layout: PackLayout = PACK_LAYOUT): Uint8Array {
  const n = stored.length;
  if (n < 1 || n > PACK_MEMBERS) throw new RangeError(`a pack holds 1 to ${PACK_MEMBERS} members, not ${n}`);
  if (stored.some((m) => m.length === 0)) throw new RangeError('a pack member is never empty');
  const members = layout === SLOTTED_PACK_LAYOUT ? stored.map(slotted) : stored;
  const headerLength = packHeaderLength(n);
  const payload = new Uint8Array(headerLength - TRAILER_LENGTH);
  const view = new DataView(payload.buffer);
  for (let i = 0; i < MAGIC.length; i++) payload[i] = MAGIC.charCodeAt(i);
  payload[MAGIC.length] = layout;
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
 * its members' (or slots') starts and its end.
 * @throws {IndexCorruptError} naming `file` when the header's hash disagrees (a truncated or damaged read).
 * @throws {IndexFormatError} naming `file` when it is not the header of a pack of `n` members in `layout`.
 */
export function decodePackHeader(bytes: Uint8Array, file: string, n: number, layout: PackLayout = PACK_LAYOUT): Uint32Array {
  const expected = packHeaderLength(n);
  if (bytes.length !== expected)
    throw new IndexFormatError(file, `pack header is ${bytes.length} bytes, expected ${expected} for ${n} members (a truncated read)`);
  const payload = unseal(bytes, file);
  const got = String.fromCharCode(...payload.subarray(0, MAGIC.length));
  if (got !== MAGIC) throw new IndexFormatError(file, `expected magic "${MAGIC}", found "${got}"`);
  if (payload[MAGIC.length] !== layout) throw new IndexFormatError(file, `has pack layout ${payload[MAGIC.length]}, where layout ${layout} is expected`);
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
