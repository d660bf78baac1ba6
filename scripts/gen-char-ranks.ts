/**
 * Writes lib/index-format/char-ranks.ts, the character table of the index's text code, from
 * nodejieba's dictionary. Run it only to change the table, then bump FORMAT_VERSION.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { charRanksModule, rankJiebaCharacters } from '../lib/ingest';

const out = fileURLToPath(new URL('../lib/index-format/char-ranks.ts', import.meta.url));
const table = rankJiebaCharacters();
writeFileSync(out, charRanksModule(table));
console.log(`wrote ${table.length} characters to ${out}`);
